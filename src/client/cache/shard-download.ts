/**
 * Fetching one shard into objects/, verified against the signed manifest. From a source that streams
 * (the worker over HTTP) the body goes to partial/<epoch>/<file>.part, resumed with Range after a cut
 * (http/resumable-download.ts), and is checked by size and a streamed SHA-256 before it is renamed into
 * objects/: memory stays bounded whatever the shard's size. The SHA-256 of the signed manifest is the
 * gate; the header and CRC are checked again whenever the shard is loaded (cached-epoch.ts). A part that
 * does not verify is discarded; if it held bytes from an earlier attempt or run (a corrupt prefix), the
 * shard is fetched once more from zero. From a store the shard is read whole and verified in memory.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Manifest, ManifestShard } from '../../core/epoch/manifest.ts';
import { FormatError } from '../../core/errors.ts';
import { shardEntry, verifyShard } from '../../core/filter/shard-verifier.ts';
import { discardPartial, partRecordPath } from '../http/resumable-download.ts';
import { fileSha256Hex, nodeSha256Hex } from '../node-sha256.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import { assertCacheDirectory, openCacheFile } from './cache-files.ts';
import type { CacheLayout } from './cache-layout.ts';
import { writeSynced } from './durable-file.ts';

export interface DownloadedShard {
  /** The verified file in objects/. */
  path: string;
  /** Bytes received over the network for it. */
  transferred: number;
}

export async function downloadShard(
  layout: CacheLayout,
  source: EpochSource,
  manifest: Manifest,
  index: number,
): Promise<DownloadedShard> {
  const entry = shardEntry(manifest, index);
  if (!source.downloadFile) {
    const bytes = await source.epochFile(manifest.epoch, entry.path, entry.bytes);
    await verifyShard(manifest, index, bytes, nodeSha256Hex);
    return { path: await storeObject(layout, entry.sha256, bytes), transferred: bytes.length };
  }
  const part = layout.partialFile(manifest.epoch, entry.path);
  await mkdir(dirname(part), { recursive: true });
  await assertCacheDirectory(layout.partial);
  await assertCacheDirectory(dirname(part));
  const target = { path: part, bytes: entry.bytes, sha256: entry.sha256 };
  let transferred = 0;
  for (let fromZero = false; ; fromZero = true) {
    const outcome = await source.downloadFile(manifest.epoch, entry.path, target);
    transferred += outcome.transferred;
    if (await partMatches(part, entry)) break;
    await discardPartial(part);
    // One whole body that does not match is the server's answer; a resumed one may hold a bad prefix.
    if (outcome.whole || fromZero) {
      throw new FormatError(
        `shard ${entry.path} of epoch ${manifest.epoch} does not match its manifest size and SHA-256`,
        'CHECKSUM_MISMATCH',
      );
    }
  }
  const path = layout.object(entry.sha256);
  await syncFile(part);
  await rename(part, path);
  await rm(partRecordPath(part), { force: true });
  return { path, transferred };
}

/**
 * Whether a file is exactly the one the manifest names (size, then a streamed SHA-256); a link or
 * anything but a regular file there is refused (cache-files.ts), a missing file is not a match.
 */
export async function fileMatchesShard(path: string, entry: ManifestShard): Promise<boolean> {
  const handle = await openCacheFile(path, 'read').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    return size === entry.bytes && (await fileSha256Hex(handle)) === entry.sha256;
  } finally {
    await handle.close();
  }
}

const partMatches = fileMatchesShard;

/** Parts of epochs other than `epoch`: never resumed now (a newer epoch names other files), so removed. */
export async function clearStalePartials(layout: CacheLayout, epoch?: string): Promise<void> {
  const entries = await readdir(layout.partial).catch(() => [] as string[]);
  for (const name of entries) {
    if (name !== epoch) await rm(join(layout.partial, name), { recursive: true, force: true });
  }
}

/** Writes verified bytes to objects/<sha256>.qlbf durably (a synced temporary file, renamed). */
export async function storeObject(layout: CacheLayout, sha256: string, bytes: Uint8Array): Promise<string> {
  const temp = join(layout.tmp, `object-${randomBytes(6).toString('hex')}`);
  await writeSynced(temp, bytes);
  const path = layout.object(sha256);
  await rename(temp, path);
  return path;
}

async function syncFile(path: string): Promise<void> {
  const handle = await openCacheFile(path, 'update');
  await handle.sync().finally(() => handle.close());
}
