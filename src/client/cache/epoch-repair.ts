/**
 * An unchanged pull still checks the installed epoch's files: a shard deleted or damaged on disk
 * would otherwise make every scrub fail ("pull again") while every pull answers "up to date". A bad
 * shard is fetched again, verified, and put back in place with an atomic rename (shard files are
 * immutable, so readers see the old file or the good one).
 */
import { rename } from 'node:fs/promises';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import type { CacheLayout } from './cache-layout.ts';
import { syncDirectory } from './durable-file.ts';
import { downloadShard, fileMatchesShard } from './shard-download.ts';

/** Returns the number of shards fetched again (0 when the installed epoch is intact). */
export async function repairInstalledEpoch(
  layout: CacheLayout,
  manifest: Manifest,
  source: EpochSource,
): Promise<{ shards: number; bytes: number }> {
  const repaired = { shards: 0, bytes: 0 };
  for (const [index, entry] of manifest.shards.entries()) {
    const path = layout.epochFile(manifest.epoch, entry.path);
    if (await fileMatchesShard(path, entry)) continue;
    // Verified into objects/ (streamed and resumable from the worker), then renamed into place.
    const fetched = await downloadShard(layout, source, manifest, index);
    await rename(fetched.path, path);
    repaired.shards++;
    repaired.bytes += fetched.transferred;
  }
  if (repaired.shards > 0) await syncDirectory(layout.epochDirectory(manifest.epoch));
  return repaired;
}
