/**
 * The scrub page's epoch: GET /v1/manifest, its Ed25519 signature verified against the operator key
 * the page publishes (following a signed key rotation along `previous` links, as `pull` does), then
 * every shard from GET /v1/epochs/{id}/{file}, each checked against the manifest's size and SHA-256
 * and header (core/shard-verifier.ts). Nothing is cached: the page holds the verified epoch in memory
 * for as long as it is open. Kept on its own so deltas can replace the shard download later.
 */

import { sha256Hex } from '../core/bytes.ts';
import { QuietlistError } from '../core/errors.ts';
import { verifyAlongKeyChain } from '../core/key-chain.ts';
import { type Manifest, manifestSha256, type SignedManifest } from '../core/manifest.ts';
import { assertSchemeApplies } from '../core/phone.ts';
import { verifyShard } from '../core/shard-verifier.ts';

export interface VerifiedEpoch {
  signed: SignedManifest;
  manifest: Manifest;
  manifestSha256: string;
  /** The key the manifest verified under (the published one, or its announced successor). */
  publicKey: Uint8Array;
  /** Shard files by index, each verified against the manifest. */
  shards: Uint8Array[];
  /** Where it came from (the receipt's `epoch.source`). */
  source: string;
}

export interface EpochDownloadOptions {
  /** The server's origin (the page's). */
  origin: string;
  /** The operator's signing key, as the page publishes it. */
  publicKey: Uint8Array;
  /** Sent when the server keeps downloads private. */
  apiKey?: string;
  onProgress?: (done: number, total: number) => void;
}

export async function downloadEpoch(options: EpochDownloadOptions): Promise<VerifiedEpoch> {
  const get = (path: string) => fetchBytes(options, path);
  const offered = await get('/v1/manifest');
  const { signed, key } = await verifyAlongKeyChain(offered, options.publicKey, async (link) =>
    get(`/v1/epochs/${encodeURIComponent(link.epoch)}/manifest`).catch(() => null),
  );
  const { manifest } = signed;
  assertSchemeApplies(manifest);
  const shards: Uint8Array[] = [];
  options.onProgress?.(0, manifest.shards.length);
  for (const [index, entry] of manifest.shards.entries()) {
    const bytes = await get(
      `/v1/epochs/${encodeURIComponent(manifest.epoch)}/${encodeURIComponent(entry.path)}`,
    );
    await verifyShard(manifest, index, bytes, sha256Hex);
    shards.push(bytes);
    options.onProgress?.(index + 1, manifest.shards.length);
  }
  return {
    signed,
    manifest,
    manifestSha256: manifestSha256(manifest),
    publicKey: key,
    shards,
    source: options.origin,
  };
}

async function fetchBytes(options: EpochDownloadOptions, path: string): Promise<Uint8Array> {
  const headers: Record<string, string> = { accept: 'application/json, application/octet-stream' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const response = await fetch(`${options.origin}${path}`, { headers, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `GET ${path}: this server keeps its filters private (HTTP ${response.status}): enter an API key`,
    );
  }
  if (!response.ok) throw new QuietlistError('STORAGE_UNAVAILABLE', `GET ${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
