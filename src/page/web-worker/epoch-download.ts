/**
 * The scrub page's epoch: GET /v1/latest (the signed pointer) and the manifest it names, accepted by the
 * rules every reader shares (core/epoch/trusted-latest.ts, as `pull` and the server): the key chain
 * walked forward from the trust state this browser kept (IndexedDB, epoch-store.ts) or from the
 * operator key the page publishes, retired keys refused, never an older epoch than the one cached,
 * never an expired pointer. Then every shard, from the cheapest place that gives the signed bytes: the epoch cached by the last
 * visit (epoch-store.ts) when its shard has the same SHA-256, else the cached shard patched along the
 * chain of deltas (core/epoch/delta-chain.ts, as `pull` does), else GET /v1/epochs/{id}/{file}. Every shard,
 * whatever its origin, is checked against the new manifest's size and SHA-256 and header
 * (core/filter/shard-verifier.ts) before it is used; then the verified epoch replaces the cached one.
 * A partitioned epoch (docs/FORMAT.md §1.4, area codes) is downloaded for the partitions the API key
 * bought only (GET /v1/entitlement), as `pull` does.
 * Downloads go through the CLI's retry loop and are read up to their limits (a shard or a delta its
 * signed size, a manifest the format's maximum, the pointer 64 KiB, a key retirement record 16 KiB:
 * client/http/download-limits.ts), so a lying server cannot fill the tab's memory.
 */

import {
  API_ANSWER_LIMIT,
  type BodyLimit,
  MANIFEST_LIMIT,
  POINTER_LIMIT,
  RETIREMENT_LIMIT,
  signedLengthLimit,
} from '../../client/http/download-limits.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, requestWithRetry } from '../../client/http/fetch-retry.ts';
import { httpFailure } from '../../client/http/http-failure.ts';
import { sha256Hex } from '../../core/encoding/bytes.ts';
import { patchAlongChain, readDeltaChain } from '../../core/epoch/delta-chain.ts';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  type SignedManifest,
} from '../../core/epoch/manifest.ts';
import { positionsOf } from '../../core/epoch/shard-layout.ts';
import { trustStateMoved } from '../../core/epoch/trust-state.ts';
import { acceptLatest } from '../../core/epoch/trusted-latest.ts';
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
  /** Shard files by manifest position, each verified against the manifest (holes: partitions not bought). */
  shards: (Uint8Array | undefined)[];
  /** A partitioned epoch: the partitions held (undefined: every one). */
  partitions?: string[];
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
  const get = async (path: string, limit: BodyLimit) => {
    const bytes = await fetchBytes(options, path, limit);
    transfer.bytes += bytes.length;
    return bytes;
  };
  // Every answer is read up to its limit: a shard or a delta its signed size, a manifest the format's
  // maximum, the pointer and key retirement records theirs (client/http/download-limits.ts). A
  // partition's files are in p/<id>/: each segment is encoded, never the slashes.
  const epochFile = (epoch: string, file: string, bytes: number) =>
    get(
      `/v1/epochs/${encodeURIComponent(epoch)}/${file.split('/').map(encodeURIComponent).join('/')}`,
      signedLengthLimit(bytes),
    );
  const epochManifest = (epoch: string) =>
    get(`/v1/epochs/${encodeURIComponent(epoch)}/manifest`, MANIFEST_LIMIT);

  const cached = await readStoredEpoch(options.origin);
  const cachedManifest = cached && manifestOf(cached);
  const optional = async (path: string, limit: BodyLimit) => {
    const bytes = await fetchBytes(options, path, limit, true);
    if (bytes) transfer.bytes += bytes.length;
    return bytes;
  };
  const trusted = await acceptLatest({
    pointerBytes: await get('/v1/latest', POINTER_LIMIT),
    pinned: options.publicKey,
    state: cached?.trust ?? null,
    source: {
      // The cached epoch's manifest is not downloaded again (its hash is checked against the link).
      manifest: async (link) =>
        cached &&
        cachedManifest?.epoch === link.epoch &&
        manifestSha256(cachedManifest) === link.manifestSha256
          ? cached.signedManifest
          : optional(`/v1/epochs/${encodeURIComponent(link.epoch)}/manifest`, MANIFEST_LIMIT),
      retirement: (fingerprint) =>
        optional(`/v1/key-retirements/${encodeURIComponent(fingerprint)}`, RETIREMENT_LIMIT),
    },
    now: Date.now(),
    held: 'the list this browser keeps',
  });
  const { signed, key, keys } = trusted;
  const { manifest } = signed;
  assertSchemeApplies(manifest);
  // The chain is read once, and only if some shard changed and deltas are listed.
  let chain: Promise<Manifest[] | null> | undefined;
  const deltaChain = () => {
    chain ??=
      cachedManifest && cachedManifest.epoch !== manifest.epoch && manifest.shards.some((s) => s.delta)
        ? readDeltaChain(epochManifest, cachedManifest, manifest, keys)
        : Promise.resolve(null);
    return chain;
  };

  const partitions = manifest.partitions ? await entitlement(options) : undefined;
  const positions = positionsOf(manifest, partitions ? new Set(partitions) : undefined);
  const shards: (Uint8Array | undefined)[] = new Array(manifest.shards.length);
  options.onProgress?.(0, positions.length);
  for (const [done, index] of positions.entries()) {
    const entry = manifest.shards[index]!;
    const reusable = cached && cachedManifest ? cachedShard(cached, cachedManifest, entry.sha256) : undefined;
    if (reusable && (await verifies(manifest, index, reusable))) {
      shards[index] = reusable;
      transfer.reused++;
    } else {
      const manifests = await deltaChain();
      const patched = manifests
        ? await patchAlongChain({
            manifests,
            index,
            installedShard: async (installedPosition) => cached?.shards[installedPosition],
            fetchFile: epochFile,
            sha256Hex,
          })
        : undefined;
      if (patched?.file && (await verifies(manifest, index, patched.file))) {
        shards[index] = patched.file;
        transfer.patched++;
      } else {
        const bytes = await epochFile(manifest.epoch, entry.path, entry.bytes);
        await verifyShard(manifest, index, bytes, sha256Hex);
        shards[index] = bytes;
        transfer.downloaded++;
      }
    }
    options.onProgress?.(done + 1, positions.length);
  }
  const sha = trusted.manifestSha256;
  const unchanged =
    cachedManifest !== undefined &&
    manifestSha256(cachedManifest) === sha &&
    transfer.reused === positions.length &&
    !trustStateMoved(cached?.trust ?? null, trusted.state);
  transfer.cached =
    unchanged ||
    (await writeStoredEpoch({
      origin: options.origin,
      signedManifest: trusted.manifestBytes,
      shards,
      storedAt: new Date().toISOString(),
      trust: trusted.state,
    }));
  return {
    signed,
    manifest,
    manifestSha256: sha,
    publicKey: key,
    shards,
    ...(partitions ? { partitions } : {}),
    source: options.origin,
    transfer,
  };
}

/**
 * The partitions the API key bought (GET /v1/entitlement), or undefined for every one. A partitioned
 * list is sold to subscribers only: without a key there is nothing to download.
 */
async function entitlement(options: EpochDownloadOptions): Promise<string[] | undefined> {
  if (!options.apiKey) {
    // A partitioned list is sold by part (area code): the key says which parts to download.
    throw pageFailure('privateDownloads', 'a partitioned list: the access key names the parts to download');
  }
  const answer = JSON.parse(
    new TextDecoder().decode(await fetchBytes(options, '/v1/entitlement', API_ANSWER_LIMIT)),
  ) as {
    partitions?: unknown;
  };
  if (answer.partitions === null) return undefined;
  if (!Array.isArray(answer.partitions) || !answer.partitions.every((id) => typeof id === 'string'))
    throw pageFailure('unexpected', 'GET /v1/entitlement: no list of partitions in the answer');
  return answer.partitions as string[];
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

/**
 * The CLI's retry loop (client/http/fetch-retry.ts) with fewer attempts: someone is waiting at the
 * page, and a server that stays down is better said than waited for.
 */
const PAGE_RETRY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, attempts: 3, timeoutMs: 10 * 60_000 };

async function fetchBytes(options: EpochDownloadOptions, path: string, limit: BodyLimit): Promise<Uint8Array>;
async function fetchBytes(
  options: EpochDownloadOptions,
  path: string,
  limit: BodyLimit,
  optional: true,
): Promise<Uint8Array | null>;
async function fetchBytes(
  options: EpochDownloadOptions,
  path: string,
  limit: BodyLimit,
  optional = false,
): Promise<Uint8Array | null> {
  const headers: Record<string, string> = { accept: 'application/json, application/octet-stream' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const what = `GET ${path}`;
  const response = await requestWithRetry(
    `${options.origin}${path}`,
    { headers, cache: 'no-store' },
    what,
    PAGE_RETRY,
    {},
    limit,
  );
  // A manifest or key retirement record the server does not have (404: "none", never "any").
  if (optional && response.status === 404) return null;
  // Without a key, 401 means the list is for subscribers; with one, the API's code says what is wrong.
  if (response.status === 401 && !options.apiKey) throw pageFailure('privateDownloads', `${what}: HTTP 401`);
  if (response.status !== 200) throw httpFailure(response, what);
  return response.body;
}
