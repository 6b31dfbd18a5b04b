/**
 * The scrub page's epoch: GET /v1/manifest, its Ed25519 signature verified against the operator key
 * the page publishes (following a signed key rotation along `previous` links, as `pull` does), then
 * every shard, from the cheapest place that gives the signed bytes: the epoch cached by the last
 * visit (epoch-store.ts) when its shard has the same SHA-256, else the cached shard patched along the
 * chain of deltas (core/epoch/delta-chain.ts, as `pull` does), else GET /v1/epochs/{id}/{file}. Every shard,
 * whatever its origin, is checked against the new manifest's size and SHA-256 and header
 * (core/filter/shard-verifier.ts) before it is used; then the verified epoch replaces the cached one.
 */

import { httpFailure } from '../../client/http/http-failure.ts';
import { sha256Hex } from '../../core/encoding/bytes.ts';
import { patchAlongChain, readDeltaChain } from '../../core/epoch/delta-chain.ts';
import { verifyAlongKeyChain } from '../../core/epoch/key-chain.ts';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  type SignedManifest,
} from '../../core/epoch/manifest.ts';
import { verifyShard } from '../../core/filter/shard-verifier.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import { readStoredEpoch, type StoredEpoch, writeStoredEpoch } from './epoch-store.ts';
import { pageFailure } from './page-failure.ts';

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
  /** How the shards were obtained on this visit. */
  transfer: EpochTransfer;
}

export interface EpochTransfer {
  /** Shards taken unchanged from the cached epoch. */
  reused: number;
  /** Shards built from the cached ones and deltas. */
  patched: number;
  /** Shards downloaded whole. */
  downloaded: number;
  /** Bytes received from the server for this epoch: manifests, deltas, shards. */
  bytes: number;
  /** Whether the verified epoch is now in the browser's cache for the next visit. */
  cached: boolean;
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
  const transfer: EpochTransfer = { reused: 0, patched: 0, downloaded: 0, bytes: 0, cached: false };
  const get = async (path: string) => {
    const bytes = await fetchBytes(options, path);
    transfer.bytes += bytes.length;
    return bytes;
  };
  const epochFile = (epoch: string, file: string) =>
    get(`/v1/epochs/${encodeURIComponent(epoch)}/${encodeURIComponent(file)}`);
  const epochManifest = (epoch: string) => get(`/v1/epochs/${encodeURIComponent(epoch)}/manifest`);

  const offered = await get('/v1/manifest');
  const { signed, key, keys } = await verifyAlongKeyChain(offered, options.publicKey, async (link) =>
    epochManifest(link.epoch).catch(() => null),
  );
  const { manifest } = signed;
  assertSchemeApplies(manifest);
  const cached = await readStoredEpoch(options.origin);
  const cachedManifest = cached && manifestOf(cached);
  // The chain is read once, and only if some shard changed and deltas are listed.
  let chain: Promise<Manifest[] | null> | undefined;
  const deltaChain = () => {
    chain ??=
      cachedManifest && cachedManifest.epoch !== manifest.epoch && manifest.shards.some((s) => s.delta)
        ? readDeltaChain(epochManifest, cachedManifest, manifest, keys)
        : Promise.resolve(null);
    return chain;
  };

  const shards: Uint8Array[] = [];
  options.onProgress?.(0, manifest.shards.length);
  for (const [index, entry] of manifest.shards.entries()) {
    const reusable = cached && cachedManifest ? cachedShard(cached, cachedManifest, entry.sha256) : undefined;
    if (reusable && (await verifies(manifest, index, reusable))) {
      shards.push(reusable);
      transfer.reused++;
    } else {
      const manifests = await deltaChain();
      const patched = manifests
        ? await patchAlongChain({
            manifests,
            index,
            installedShard: async () => cached?.shards[index],
            fetchFile: epochFile,
            sha256Hex,
          })
        : undefined;
      if (patched?.file && (await verifies(manifest, index, patched.file))) {
        shards.push(patched.file);
        transfer.patched++;
      } else {
        const bytes = await epochFile(manifest.epoch, entry.path);
        await verifyShard(manifest, index, bytes, sha256Hex);
        shards.push(bytes);
        transfer.downloaded++;
      }
    }
    options.onProgress?.(index + 1, manifest.shards.length);
  }
  const sha = manifestSha256(manifest);
  const unchanged =
    cachedManifest !== undefined &&
    manifestSha256(cachedManifest) === sha &&
    transfer.reused === shards.length;
  transfer.cached =
    unchanged ||
    (await writeStoredEpoch({
      origin: options.origin,
      signedManifest: offered,
      shards,
      storedAt: new Date().toISOString(),
    }));
  return { signed, manifest, manifestSha256: sha, publicKey: key, shards, source: options.origin, transfer };
}

/** The cached manifest, unverified: it only names candidates, each checked against the new manifest. */
function manifestOf(cached: StoredEpoch): Manifest | undefined {
  try {
    return parseSignedManifest(cached.signedManifest).manifest;
  } catch {
    return undefined;
  }
}

function cachedShard(cached: StoredEpoch, manifest: Manifest, sha256: string): Uint8Array | undefined {
  const index = manifest.shards.findIndex((entry) => entry.sha256 === sha256);
  return index < 0 ? undefined : cached.shards[index];
}

async function verifies(manifest: Manifest, index: number, bytes: Uint8Array): Promise<boolean> {
  try {
    await verifyShard(manifest, index, bytes, sha256Hex);
    return true;
  } catch {
    return false;
  }
}

async function fetchBytes(options: EpochDownloadOptions, path: string): Promise<Uint8Array> {
  const headers: Record<string, string> = { accept: 'application/json, application/octet-stream' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const response = await fetch(`${options.origin}${path}`, { headers, cache: 'no-store' });
  // Without a key, 401 means the list is for subscribers; with one, the API's code says what is wrong.
  if (response.status === 401 && !options.apiKey)
    throw pageFailure('privateDownloads', `GET ${path}: HTTP 401`);
  if (!response.ok) {
    const body = new Uint8Array(await response.arrayBuffer());
    throw httpFailure({ status: response.status, headers: response.headers, body }, `GET ${path}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
