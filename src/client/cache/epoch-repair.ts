/**
 * An unchanged pull still checks the installed epoch's files: a shard deleted or damaged on disk
 * would otherwise make every scrub fail ("pull again") while every pull answers "up to date". A bad
 * shard is fetched again, verified, and put back in place with an atomic rename (shard files are
 * immutable, so readers see the old file or the good one).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../core/manifest.ts';
import { matchesShard, verifyShard } from '../../core/shard-verifier.ts';
import { nodeSha256Hex } from '../node-sha256.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import type { CacheLayout } from './cache-layout.ts';
import { syncDirectory, writeSynced } from './durable-file.ts';

/** Returns the number of shards fetched again (0 when the installed epoch is intact). */
export async function repairInstalledEpoch(
  layout: CacheLayout,
  manifest: Manifest,
  source: EpochSource,
): Promise<{ shards: number; bytes: number }> {
  const repaired = { shards: 0, bytes: 0 };
  for (const [index, entry] of manifest.shards.entries()) {
    const path = layout.epochFile(manifest.epoch, entry.path);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes && (await matchesShard(entry, bytes, nodeSha256Hex))) continue;
    const fetched = await source.epochFile(manifest.epoch, entry.path);
    await verifyShard(manifest, index, fetched, nodeSha256Hex);
    const temp = join(layout.tmp, `repair-${randomBytes(6).toString('hex')}`);
    await writeSynced(temp, fetched);
    await rename(temp, path);
    repaired.shards++;
    repaired.bytes += fetched.length;
  }
  if (repaired.shards > 0) await syncDirectory(layout.epochDirectory(manifest.epoch));
  return repaired;
}
