/**
 * Opening files inside the cache without following links (docs/CLIENT.md, "Cache layout"). The cache
 * creates regular files and directories only (and hard links of its own verified shards), so a
 * symbolic link, a FIFO or a device found where it reads or writes was put there by someone else:
 * appending a download to it would write into whatever it points at, reading it could hang or never
 * end. Files are opened with O_NOFOLLOW and checked to be regular files on the open descriptor (no
 * race between a check and the open); directories are checked with lstat. The cache root itself may
 * be a link its owner made (`--cache DIR`); inside it nothing is followed. Reads are bounded.
 */
import { constants, lstatSync, openSync } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';
import { QuietlistError } from '../../core/errors.ts';

type OpenMode = 'read' | 'write' | 'append' | 'create' | 'update';

const FLAGS: Record<OpenMode, number> = {
  read: constants.O_RDONLY,
  write: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC,
  append: constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND,
  create: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
  update: constants.O_RDWR,
};
/** Absent on Windows, where an lstat before the open stands in for it. */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** A FIFO opened for reading would wait for a writer; with O_NONBLOCK the open returns and fstat refuses it. */
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

/** The one-line refusal for something the cache did not create. */
export function notCreatedByCache(path: string, what = 'a symbolic link'): QuietlistError {
  return new QuietlistError(
    'INVALID_CONFIG',
    `${path} is ${what}, which the cache never creates: it follows no link it did not create; remove it and run again`,
  );
}

/**
 * Opens a file of the cache, refusing a symbolic link (O_NOFOLLOW) and anything but a regular file.
 * `writeOnce`: also refuse a file with other hard links (a `.part` is never linked; one that is could
 * be another file's name).
 */
export async function openCacheFile(
  path: string,
  mode: OpenMode,
  options: { permissions?: number; writeOnce?: boolean } = {},
): Promise<FileHandle> {
  if (NO_FOLLOW === 0) await refuseLink(path);
  let handle: FileHandle;
  try {
    handle = await open(
      path,
      FLAGS[mode] | NO_FOLLOW | (mode === 'read' ? NON_BLOCK : 0),
      options.permissions ?? 0o644,
    );
  } catch (error) {
    // O_NOFOLLOW on a link fails with ELOOP (Linux, macOS) or EMLINK (FreeBSD).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw notCreatedByCache(path);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notCreatedByCache(path, 'not a regular file');
    if (options.writeOnce && info.nlink > 1) throw notCreatedByCache(path, 'a hard link to another file');
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A whole cache file, refused past `maxBytes` (a cache file of unbounded size is not one we wrote). */
export async function readCacheFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await openCacheFile(path, 'read');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new QuietlistError(
        'FORMAT_INVALID',
        `${path} is ${size} bytes, more than the ${maxBytes} such a cache file can hold: remove it and pull again`,
      );
    }
    const bytes = new Uint8Array(size);
    for (let offset = 0; offset < size; ) {
      const { bytesRead } = await handle.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) return bytes.subarray(0, offset);
      offset += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Refuses a symbolic link at `path` (absent is fine: the caller creates it). */
export async function refuseLink(path: string): Promise<void> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info?.isSymbolicLink()) throw notCreatedByCache(path);
}

/** Refuses a directory of the cache that is a link or not a directory at all. */
export async function assertCacheDirectory(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) throw notCreatedByCache(path);
  if (!info.isDirectory()) throw notCreatedByCache(path, 'not a directory');
}

/**
 * The synchronous forms, for the OPRF evaluation journal (client/oprf/evaluation-journal.ts): refuses
 * a link or a non-regular file at `path` (absent is fine).
 */
export function refuseLinkSync(path: string, expect: 'file' | 'directory' = 'file'): void {
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (info.isSymbolicLink()) throw notCreatedByCache(path);
  if (expect === 'file' ? !info.isFile() : !info.isDirectory())
    throw notCreatedByCache(path, expect === 'file' ? 'not a regular file' : 'not a directory');
}

/** Opens a cache file for appending without following a link (a descriptor, as node:fs returns). */
export function openAppendSync(path: string, permissions: number): number {
  if (NO_FOLLOW === 0) refuseLinkSync(path);
  try {
    return openSync(path, FLAGS.append | NO_FOLLOW, permissions);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') throw notCreatedByCache(path);
    throw error;
  }
}
