/**
 * `pull`: bring the cache to the source's latest epoch, or leave it exactly as it was. The signed
 * latest.json and its manifest are accepted by the rules every reader shares
 * (core/epoch/trusted-latest.ts): the key chain from the cache's trust state (its `current` pointer:
 * the key in force, the keys retired, the installed epoch as the mark) or from the pinned key, retired
 * keys refused, never an older epoch, never an expired pointer. Shards are verified one by one as
 * they arrive; the epoch is installed atomically (cache/epoch-install.ts). Any failure says what
 * failed and that the previous epoch stays in place.
 */
import { toBase64 } from '../../core/encoding/base64.ts';
import { positionsOf } from '../../core/epoch/shard-layout.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { TrustState } from '../../core/epoch/trust-state.ts';
import { acceptLatest } from '../../core/epoch/trusted-latest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import { pullAdditions } from '../additions/pull-additions.ts';
import {
  CacheLayout,
  type CurrentPointer,
  pinFollows,
  prepareCacheDirectories,
  readCurrentPointer,
  writeCurrentPointer,
} from '../cache/cache-layout.ts';
import { openCachedEpoch } from '../cache/cached-epoch.ts';
import { patchShard } from '../cache/delta-chain.ts';
import { clearTemporary, installEpoch, pruneCache } from '../cache/epoch-install.ts';
import { repairInstalledEpoch } from '../cache/epoch-repair.ts';
import { supplyShards } from '../cache/shard-supply.ts';
import { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from '../trust/staleness.ts';
import { installedDeltaChain, installedShardFiles, trustSourceOf, trustStateOf } from './installed-epoch.ts';
import { partitionSelection } from './partition-selection.ts';
import { additionsFailure, pullFailure } from './pull-failures.ts';
import { withPullLock } from './pull-lock.ts';
import type { PullOptions, PullResult } from './pull-options.ts';
import { rotationOf, unchangedResult } from './pull-result.ts';

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
