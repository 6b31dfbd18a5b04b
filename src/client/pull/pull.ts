/**
 * `pull`: bring the cache to the source's latest epoch, or leave it exactly as it was. The signed
 * latest.json and its manifest are accepted by the rules every reader shares
 * (core/epoch/trusted-latest.ts): the key chain from the cache's trust state (its `current` pointer:
 * the key in force, the keys retired, the installed epoch as the mark) or from the pinned key, retired
 * keys refused, never an older epoch, never an expired pointer. Shards are verified one by one as
 * they arrive; the epoch is installed atomically (cache/epoch-install.ts). Any failure says what
 * failed and that the previous epoch stays in place.
 */
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { type Manifest, manifestSha256, verifySignedManifest } from '../../core/epoch/manifest.ts';
import { positionsOf } from '../../core/epoch/shard-layout.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { TrustState } from '../../core/epoch/trust-state.ts';
import { acceptLatest, type TrustSource } from '../../core/epoch/trusted-latest.ts';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { parsePartitionList } from '../../core/partitions/partition-rule.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import { pullAdditions } from '../additions/pull-additions.ts';
import { readCacheFile } from '../cache/cache-files.ts';
import {
  CacheLayout,
  type CurrentPointer,
  pinFollows,
  prepareCacheDirectories,
  readCurrentPointer,
  writeCurrentPointer,
} from '../cache/cache-layout.ts';
import { openCachedEpoch } from '../cache/cached-epoch.ts';
import { type DeltaChain, patchShard, readSourceDeltaChain } from '../cache/delta-chain.ts';
import { clearTemporary, installEpoch, pruneCache } from '../cache/epoch-install.ts';
import { repairInstalledEpoch } from '../cache/epoch-repair.ts';
import { supplyShards } from '../cache/shard-supply.ts';
import { MAX_MANIFEST_BYTES } from '../http/download-limits.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from '../trust/staleness.ts';
import { withPullLock } from './pull-lock.ts';

export interface PullOptions {
  source: EpochSource;
  /** The list's own cache directory (client/additions/list-cache.ts). */
  cacheDirectory: string;
  /** The list the source serves (default `default`): an epoch of another list is refused. */
  list?: string;
  /** The operator's Ed25519 public key, pinned by the caller. */
  publicKey: Uint8Array;
  /** Accept a key other than the one the cache is pinned to (the cached epoch is then replaced). */
  repin?: boolean;
  maxAgeDays?: number;
  /** Shards downloaded at once (default 4). */
  concurrency?: number;
  /**
   * A partitioned epoch (docs/FORMAT.md §1.4): the partitions to pull (default: every one the source
   * lets this caller download: the API key's entitlement, or the whole store).
   */
  partitions?: readonly string[];
  now?: () => Date;
  onProgress?: (progress: { shardsDone: number; shardsTotal: number }) => void;
}

export interface PullResult {
  status: 'installed' | 'unchanged';
  epoch: string;
  createdAt: string;
  manifestSha256: string;
  falsePositiveRate: number;
  /** The epoch the cache held before, if any. */
  previousEpoch: string | undefined;
  /** downloaded: fetched whole; patched: built from the cached shard and deltas. */
  shards: { total: number; downloaded: number; reused: number; patched: number };
  /** A partitioned epoch: the partitions pulled (undefined: every shard of the epoch). */
  partitions?: string[];
  bytesDownloaded: number;
  warnings: string[];
  /** The epoch is signed by a successor of the pinned key, followed along the signed chain: the new pin. */
  keyRotation?: { from: string; to: string; keys: number };
  /** A live list: the additions now cached on top of the installed epoch (docs/CLIENT.md, "Live lists"). */
  additions?: AdditionsStatus;
}

export async function pull(options: PullOptions): Promise<PullResult> {
  const layout = new CacheLayout(options.cacheDirectory);
  await prepareCacheDirectories(layout);
  return withPullLock(layout.lock, async () => {
    await clearTemporary(layout);
    const installed = await readCurrentPointer(layout);
    const pinned = installed?.publicKey;
    // The given key, or one the cache was pinned to before it followed a rotation (pinFollows).
    const follows = installed !== null && pinFollows(installed, toBase64(options.publicKey));
    if (pinned !== undefined && !follows && !options.repin) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `the cache ${options.cacheDirectory} is pinned to signing key ${publicKeyFingerprint(Buffer.from(pinned, 'base64'))}, not ${publicKeyFingerprint(options.publicKey)}: pass --repin to trust the new key`,
      );
    }
    try {
      // Re-pinned: the cached epoch belongs to another key, so nothing is judged or reused against it;
      // the cache's keys are still handed on, and core retires them (a re-key away from a lost key).
      const comparable = follows ? installed : null;
      let result: PullResult;
      try {
        result = await pullLocked(layout, comparable, options, installed ? trustStateOf(installed) : null);
      } catch (error) {
        throw pullFailure(error, options.source, installed);
      }
      // A live list's additions, on top of the epoch just installed (or kept): every pull brings them up to date.
      try {
        const epoch = await openCachedEpoch(options.cacheDirectory);
        const additions = await pullAdditions(epoch, options.source, options.now ?? (() => new Date()));
        return additions ? { ...result, additions } : result;
      } catch (error) {
        throw additionsFailure(error, options.source, result.epoch);
      }
    } finally {
      await clearTemporary(layout).catch(() => undefined);
    }
  });
}

/** The cache pointer as a trust state (core/epoch/trust-state.ts): mark, key in force, keys retired. */
function trustStateOf(installed: CurrentPointer): TrustState {
  return {
    epoch: installed.epoch,
    manifestSha256: installed.manifestSha256,
    createdAt: installed.createdAt,
    signingKey: installed.publicKey,
    retiredKeys: installed.formerKeys ?? [],
    ...(installed.revokedKeys ? { revokedKeys: installed.revokedKeys } : {}),
  };
}

/** The source, with the installed epoch's manifest read from the cache instead of downloaded again. */
function trustSourceOf(
  layout: CacheLayout,
  installed: CurrentPointer | null,
  source: EpochSource,
): TrustSource {
  return {
    manifest: async (link) => {
      if (installed && link.epoch === installed.epoch && link.manifestSha256 === installed.manifestSha256) {
        const cached = await readCacheFile(
          layout.epochFile(installed.epoch, 'manifest.json'),
          MAX_MANIFEST_BYTES,
        ).catch(() => null);
        if (cached) return cached;
      }
      return source.manifest(link.epoch);
    },
    retirement: (fingerprint) => source.retirement(fingerprint),
  };
}

async function pullLocked(
  layout: CacheLayout,
  installed: CurrentPointer | null,
  options: PullOptions,
  state: TrustState | null,
): Promise<PullResult> {
  const now = options.now ?? (() => new Date());
  const { source } = options;
  const trusted = await acceptLatest({
    pointerBytes: await source.latestPointer(),
    pinned: options.publicKey,
    state,
    source: trustSourceOf(layout, installed, source),
    now: now().getTime(),
    held: 'the cached epoch',
    list: options.list ?? DEFAULT_LIST,
  });
  const { manifest } = trusted.signed;
  assertSchemeApplies(manifest);
  const sha = trusted.manifestSha256;
  const selection = await partitionSelection(manifest, options);
  const positions = selection ? positionsOf(manifest, new Set(selection)) : undefined;
  const pointer: CurrentPointer = {
    format: 'quietlist-cache-pointer',
    version: 1,
    epoch: manifest.epoch,
    manifestSha256: sha,
    createdAt: manifest.createdAt,
    installedAt: now().toISOString(),
    source: source.description,
    publicKey: trusted.state.signingKey,
    ...(trusted.state.retiredKeys.length > 0 ? { formerKeys: trusted.state.retiredKeys } : {}),
    ...(trusted.state.revokedKeys ? { revokedKeys: trusted.state.revokedKeys } : {}),
    expiresAt: trusted.pointer.expiresAt,
    ...(selection ? { partitions: selection } : {}),
  };
  if (trusted.verdict === 'same') {
    // The installed epoch, under a renewed pointer or a key chain that moved: the trust state is kept.
    // Shards missing or damaged (or of a partition newly asked for) are fetched before the pointer says so.
    const repaired = await repairInstalledEpoch(layout, manifest, source, positions);
    await writeCurrentPointer(layout, { ...pointer, installedAt: installed!.installedAt });
    return unchangedResult(installed!, manifest, options, now(), repaired, trusted.rotation, selection);
  }

  const deltas = installed
    ? await installedDeltaChain(layout, installed, manifest, options, trusted.keys)
    : null;
  const shards = await supplyShards({
    layout,
    source,
    manifest,
    ...(positions ? { positions } : {}),
    knownFiles: installed ? await installedShardFiles(layout, installed) : new Map(),
    concurrency: options.concurrency ?? 4,
    ...(deltas ? { patch: (index: number) => patchShard(source, deltas, index) } : {}),
    onShard: (done, total) => options.onProgress?.({ shardsDone: done, shardsTotal: total }),
  });
  await installEpoch(layout, {
    manifest,
    manifestBytes: trusted.manifestBytes,
    shardPaths: shards.paths,
    pointer,
  });
  await pruneCache(layout, installed ? [manifest.epoch, installed.epoch] : [manifest.epoch]).catch(
    () => undefined,
  );
  const warning = staleEpochWarning(manifest, now(), options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS);
  return {
    status: 'installed',
    epoch: manifest.epoch,
    createdAt: manifest.createdAt,
    manifestSha256: sha,
    falsePositiveRate: manifest.filter.falsePositiveRate,
    previousEpoch: installed?.epoch,
    shards: {
      total: positions?.length ?? manifest.shards.length,
      downloaded: shards.downloaded,
      reused: shards.reused,
      patched: shards.patched,
    },
    bytesDownloaded: shards.bytesDownloaded,
    warnings: warning ? [warning] : [],
    ...(selection ? { partitions: selection } : {}),
    ...rotationOf(trusted.rotation),
  };
}

/**
 * The partitions to pull, or undefined for every shard (an unpartitioned epoch, or every partition):
 * those asked for (default all), within what the source lets this caller download. Asking for one
 * outside the subscription is refused, naming it: silently leaving it out would make its numbers
 * unanswerable later, without saying why now.
 */
async function partitionSelection(manifest: Manifest, options: PullOptions): Promise<string[] | undefined> {
  const rule = manifest.register?.partition;
  if (!rule) {
    if (options.partitions) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--partitions: epoch ${manifest.epoch} is not partitioned (it is downloaded whole)`,
      );
    }
    return undefined;
  }
  const asked = options.partitions
    ? parsePartitionList(options.partitions.join(','), rule, rule.name)
    : undefined;
  const entitled = options.source.entitlement ? await options.source.entitlement() : null;
  if (entitled === null) return asked;
  if (!asked) return [...entitled].sort();
  const outside = asked.filter((id) => !entitled.includes(id));
  if (outside.length > 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${rule.name} ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in your subscription (${entitled.join(', ') || 'none'})`,
    );
  }
  return asked;
}

function rotationOf(
  rotation: { from: Uint8Array; to: Uint8Array; keys: number } | null,
): Pick<PullResult, 'keyRotation'> {
  if (!rotation) return {};
  return {
    keyRotation: {
      from: publicKeyFingerprint(rotation.from),
      to: publicKeyFingerprint(rotation.to),
      keys: rotation.keys,
    },
  };
}

function unchangedResult(
  installed: CurrentPointer,
  manifest: Manifest,
  options: PullOptions,
  now: Date,
  repaired: { shards: number; bytes: number },
  rotation: { from: Uint8Array; to: Uint8Array; keys: number } | null,
  selection: string[] | undefined,
): PullResult {
  const warning = staleEpochWarning(manifest, now, options.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS);
  const total = selection ? positionsOf(manifest, new Set(selection)).length : manifest.shards.length;
  return {
    status: 'unchanged',
    epoch: installed.epoch,
    createdAt: installed.createdAt,
    manifestSha256: installed.manifestSha256,
    falsePositiveRate: manifest.filter.falsePositiveRate,
    previousEpoch: installed.epoch,
    // Shards missing or damaged on disk were fetched again (repairInstalledEpoch).
    shards: { total, downloaded: repaired.shards, reused: total - repaired.shards, patched: 0 },
    bytesDownloaded: repaired.bytes,
    warnings: warning ? [warning] : [],
    ...(selection ? { partitions: selection } : {}),
    ...rotationOf(rotation),
  };
}

/** The installed manifest, re-verified against the key it was installed with (it is about to be trusted again). */
async function readInstalledManifest(layout: CacheLayout, installed: CurrentPointer): Promise<Manifest> {
  const bytes = await readCacheFile(layout.epochFile(installed.epoch, 'manifest.json'), MAX_MANIFEST_BYTES);
  const { manifest } = verifySignedManifest(bytes, Buffer.from(installed.publicKey, 'base64'));
  if (manifestSha256(manifest) !== installed.manifestSha256) {
    throw new FormatError(
      `the cached manifest of epoch ${installed.epoch} does not match the cache pointer`,
      'MANIFEST_INVALID',
    );
  }
  return manifest;
}

/** The installed epoch's shard files by SHA-256: unchanged shards are linked, not fetched again. */
async function installedShardFiles(
  layout: CacheLayout,
  installed: CurrentPointer,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  try {
    const manifest = await readInstalledManifest(layout, installed);
    for (const entry of manifest.shards)
      files.set(entry.sha256, layout.epochFile(installed.epoch, entry.path));
  } catch {
    // A damaged installed epoch only means nothing is reused from it.
  }
  return files;
}

/** The installed epoch and the manifests after it, when deltas may patch its shards (null: they cannot). */
async function installedDeltaChain(
  layout: CacheLayout,
  installed: CurrentPointer,
  latest: Manifest,
  options: PullOptions,
  keys: Uint8Array[],
): Promise<DeltaChain | null> {
  if (!latest.shards.some((shard) => shard.delta)) return null;
  try {
    const current = await readInstalledManifest(layout, installed);
    // The keys `latest` was verified along (the cache's pin first), not the key given: across a rotation,
    // or a pin that already followed one, the manifests in between are signed by a successor.
    const manifests = await readSourceDeltaChain(options.source, current, latest, keys);
    if (!manifests) return null;
    // Every position: a shard of a partition not pulled is simply not there (read fails: fetched whole).
    return {
      manifests,
      installedPaths: current.shards.map((entry) => layout.epochFile(current.epoch, entry.path)),
    };
  } catch {
    return null; // a damaged installed epoch: shards are fetched whole
  }
}

/** The epoch is in place, its additions are not: check and scrub refuse the list until a pull reads them. */
function additionsFailure(error: unknown, source: EpochSource, epoch: string): QuietlistError {
  const reason = error instanceof Error ? error.message : String(error);
  return new QuietlistError(
    error instanceof QuietlistError ? error.code : 'STORAGE_UNAVAILABLE',
    `pull from ${source.description}: epoch ${epoch} is installed, but its live additions could not be read: ${reason}; check and scrub refuse this list until a pull reads them`,
    { cause: error },
  );
}

function pullFailure(error: unknown, source: EpochSource, installed: CurrentPointer | null): QuietlistError {
  const kept = installed
    ? `the cached epoch ${installed.epoch} stays in place`
    : 'the cache still holds no epoch';
  if (error instanceof QuietlistError) {
    return new QuietlistError(
      error.code,
      `pull from ${source.description} failed: ${error.message}; ${kept}`,
      {
        cause: error,
      },
    );
  }
  const reason = (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
  return new QuietlistError(
    'STORAGE_UNAVAILABLE',
    `pull from ${source.description} failed: ${reason}; ${kept}`,
    {
      cause: error,
    },
  );
}
