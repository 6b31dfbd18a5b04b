/**
 * Installing an epoch: stage the manifest and the (already verified) shards in a directory inside the
 * cache, fsync, rename it into epochs/, then switch `current` with an atomic rename. Until that last
 * rename, readers see the previous epoch, whatever fails or however the process dies.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { type CacheLayout, type CurrentPointer, writeCurrentPointer } from './cache-layout.ts';
import { syncDirectory, writeSynced } from './durable-file.ts';

export interface EpochToInstall {
  manifest: Manifest;
  manifestBytes: Uint8Array;
  /** Verified local files, by manifest position (holes: shards of partitions not pulled). */
  shardPaths: (string | undefined)[];
  pointer: CurrentPointer;
}

export async function installEpoch(layout: CacheLayout, epoch: EpochToInstall): Promise<void> {
  const stage = join(layout.tmp, `stage-${randomBytes(6).toString('hex')}`);
  await mkdir(stage);
  try {
    await writeSynced(join(stage, 'manifest.json'), epoch.manifestBytes);
    for (const [position, entry] of epoch.manifest.shards.entries()) {
      const from = epoch.shardPaths[position];
      if (from === undefined) continue;
      const to = join(stage, entry.path);
      // A partition's shards are in p/<id>/ (docs/FORMAT.md §8).
      if (entry.partition !== undefined) await mkdir(dirname(to), { recursive: true });
      await placeShard(from, to);
    }
    await syncDirectory(stage);
    const target = layout.epochDirectory(epoch.manifest.epoch);
    // Left by a crash between this rename and the pointer switch: never current, so safe to replace.
    await rm(target, { recursive: true, force: true });
    await rename(stage, target);
    await syncDirectory(layout.epochs);
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
  await writeCurrentPointer(layout, epoch.pointer);
}

/** A hard link costs nothing and the bytes are immutable; a copy where links are not allowed. */
async function placeShard(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
    const handle = await open(to, 'r+');
    await handle.sync().finally(() => handle.close());
  }
}

/**
 * After a successful switch: objects/ is emptied (what the new epoch needs is linked into it; the rest
 * belongs to epochs nobody will install now), so is partial/, and epochs other than `keep` are removed (keep the one
 * before the new one too: a scrub started just before the switch may still be reading it).
 */
export async function pruneCache(layout: CacheLayout, keep: string[]): Promise<void> {
  const objects = await readdir(layout.objects).catch(() => [] as string[]);
  for (const name of objects) await unlink(join(layout.objects, name)).catch(() => undefined);
  // Parts of the installed epoch are finished; those of any other will not be resumed.
  await rm(layout.partial, { recursive: true, force: true });
  const epochs = await readdir(layout.epochs).catch(() => [] as string[]);
  for (const epoch of epochs) {
    if (!keep.includes(epoch)) await rm(layout.epochDirectory(epoch), { recursive: true, force: true });
  }
}

/** Removes temporary files and staging directories left by an interrupted pull. */
export async function clearTemporary(layout: CacheLayout): Promise<void> {
  const entries = await readdir(layout.tmp).catch(() => [] as string[]);
  for (const entry of entries) await rm(join(layout.tmp, entry), { recursive: true, force: true });
}
