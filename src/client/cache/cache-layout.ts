/**
 * The client's local cache directory (docs/CLIENT.md, "Cache layout"):
 *
 *   current                        the installed epoch: a small JSON pointer, replaced atomically
 *   epochs/<id>/manifest.json      the signed manifest as published
 *   epochs/<id>/shard-NNNNN.qlbf   its shards, each verified against the manifest (a partitioned
 *                                  epoch's under p/<partition>/, only the partitions pulled)
 *   objects/<sha256>.qlbf          verified shards of an epoch not installed yet (a pull cut off half-way
 *                                  resumes from here)
 *   partial/<id>/<shard>.part      a shard download of epoch <id> cut off half-way, resumed with HTTP
 *                                  Range (.part.json beside it: signed size, SHA-256, server ETag);
 *                                  kept across pulls, removed once installed or when another epoch is pulled
 *   tmp/                           staging directories and temporary files of a pull in progress
 *   pull.ql-lock                   held by the one pull allowed at a time
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';
import { QuietlistError } from '../../core/errors.ts';
import { assertCacheDirectory, readCacheFile } from './cache-files.ts';
import { replaceFileDurably } from './durable-file.ts';

export const DEFAULT_CACHE_DIRECTORY = '.quietlist/cache';

export class CacheLayout {
  readonly root: string;
  readonly current: string;
  readonly epochs: string;
  readonly objects: string;
  readonly partial: string;
  readonly tmp: string;
  readonly lock: string;

  constructor(directory: string) {
    this.root = resolve(directory);
    this.current = join(this.root, 'current');
    this.epochs = join(this.root, 'epochs');
    this.objects = join(this.root, 'objects');
    this.partial = join(this.root, 'partial');
    this.tmp = join(this.root, 'tmp');
    this.lock = join(this.root, 'pull.ql-lock');
  }

  epochDirectory(epoch: string): string {
    return join(this.epochs, epoch);
  }

  epochFile(epoch: string, file: string): string {
    return join(this.epochs, epoch, file);
  }

  partialFile(epoch: string, file: string): string {
    return join(this.partial, epoch, `${file}.part`);
  }

  object(sha256: string): string {
    return join(this.objects, `${sha256}.qlbf`);
  }
}

/**
 * Creates the cache's directories, and refuses one that is a link (the root may be one: it is the
 * caller's `--cache`). A link in place of objects/ or tmp/ would send verified files elsewhere.
 */
export async function prepareCacheDirectories(layout: CacheLayout): Promise<void> {
  await mkdir(layout.root, { recursive: true });
  for (const directory of [layout.epochs, layout.objects, layout.tmp]) {
    await mkdir(directory, { recursive: true });
    await assertCacheDirectory(directory);
  }
}

const currentPointerSchema = z.strictObject({
  format: z.literal('quietlist-cache-pointer'),
  version: z.literal(1),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  installedAt: z.iso.datetime(),
  /** Where it was pulled from (no credentials), and that source's ETag for a conditional request. */
  source: z.string(),
  etag: z.string().optional(),
  /** The pinned key it was verified with (base64): readers re-verify with it when given no key. */
  publicKey: z.string(),
  /**
   * Keys the signing-key chain retired (base64, oldest first): the cache's trust state with
   * `publicKey` (core/epoch/trust-state.ts). A manifest signed by one is refused; a pull or scrub given
   * one of them still works, verifying from the key in force.
   */
  formerKeys: z.array(z.string()).optional(),
  /**
   * Keys an emergency re-key (`pull --repin`) abandoned (base64): refused like former keys, but never
   * trusted for a receipt, since whoever took them could sign one dated before the re-key.
   */
  revokedKeys: z.array(z.string()).optional(),
  /** When the signed latest.json this epoch came with expires (absent before pointers were signed). */
  expiresAt: z.iso.datetime().optional(),
  /**
   * A partitioned epoch (docs/FORMAT.md §1.4): the partitions pulled (the subscription's, or those
   * asked for); checks of numbers in the epoch's other partitions answer NOT_ENTITLED. Absent: every
   * shard of the epoch is installed.
   */
  partitions: z.array(z.string().regex(/^[0-9]{1,6}$/)).optional(),
});
export type CurrentPointer = z.infer<typeof currentPointerSchema>;

/** Whether `key` (base64) is the cache's pin or a key it followed a rotation from. */
export function pinFollows(pointer: CurrentPointer, key: string): boolean {
  return pointer.publicKey === key || (pointer.formerKeys ?? []).includes(key);
}

/** The pointer is a few hundred bytes (more with many former keys): anything past this is not one. */
const MAX_POINTER_FILE_BYTES = 1024 * 1024;

export async function readCurrentPointer(layout: CacheLayout): Promise<CurrentPointer | null> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readCacheFile(layout.current, MAX_POINTER_FILE_BYTES));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return currentPointerSchema.parse(JSON.parse(text));
  } catch {
    throw new QuietlistError('FORMAT_INVALID', `${layout.current} is not a valid cache pointer`);
  }
}

export async function writeCurrentPointer(layout: CacheLayout, pointer: CurrentPointer): Promise<void> {
  const checked = currentPointerSchema.parse(pointer);
  await replaceFileDurably(layout.current, new TextEncoder().encode(`${JSON.stringify(checked, null, 2)}\n`));
}
