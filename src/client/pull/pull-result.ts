/**
 * The answer of a pull that kept the installed epoch, and the key rotation a pull followed, as
 * fingerprints: what `quietlist pull` prints and a library caller reads (PullResult).
 */
import type { Manifest } from '../../core/epoch/manifest.ts';
import { positionsOf } from '../../core/epoch/shard-layout.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { CurrentPointer } from '../cache/cache-layout.ts';
import { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from '../trust/staleness.ts';
import type { PullOptions, PullResult } from './pull-options.ts';

/** The rotation the key chain was followed along, as fingerprints: the form people compare keys in. */
export function rotationOf(
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

/** The installed epoch kept (a renewed pointer, or a key chain that moved): shards fetched again to repair it count as downloaded. */
export function unchangedResult(
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
