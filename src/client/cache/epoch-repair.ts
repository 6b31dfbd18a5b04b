/**
 * An unchanged pull still checks the installed epoch's files: a shard deleted or damaged on disk
 * would otherwise make every scrub fail ("pull again") while every pull answers "up to date". A bad
 * shard is fetched again, verified, and put back in place with an atomic rename (shard files are
 * immutable, so readers see the old file or the good one).
 */
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import type { CacheLayout } from './cache-layout.ts';
import { syncDirectory } from './durable-file.ts';
import { downloadShard, fileMatchesShard } from './shard-download.ts';

/**
 * Returns the number of shards fetched again (0 when the installed epoch is intact). `positions`: the
 * shards the cache holds (a partitioned epoch's partitions pulled; default every shard): a partition
 * newly asked for is fetched here too.
 */
export async function repairInstalledEpoch(
  layout: CacheLayout,
  manifest: Manifest,
  source: EpochSource,
  positions: readonly number[] = manifest.shards.map((_, position) => position),
): Promise<{ shards: number; bytes: number }> {
  const repaired = { shards: 0, bytes: 0 };
  for (const index of positions) {
    const entry = manifest.shards[index]!;
    const path = layout.epochFile(manifest.epoch, entry.path);
    if (await fileMatchesShard(path, entry)) continue;
    await mkdir(dirname(path), { recursive: true });
    // Verified into objects/ (streamed and resumable from the worker), then renamed into place.
    const fetched = await downloadShard(layout, source, manifest, index);
    await rename(fetched.path, path);
    repaired.shards++;
    repaired.bytes += fetched.transferred;
  }
  if (repaired.shards > 0) await syncDirectory(layout.epochDirectory(manifest.epoch));
  return repaired;
}
