/**
 * The temporary file both spills of pass 1 write (digest-spill.ts by digest prefix, partition-spill.ts
 * by partition): 12-byte digest heads in blocks of one group each, a block written when its group's
 * buffer fills, and every group's blocks listed as [offset, length, …] so pass 2 (on any thread) can read
 * a group alone. The file lives in a private directory of the build's temporary directory, readable by
 * its owner only, and goes with it on dispose; a failure there is a storage failure said in one line.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StorageError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { createTemporaryDirectory, removeTemporaryDirectory } from './temporary-directories.ts';

/** A group's write buffer, at most: about 64 KiB, a whole number of records. */
const BLOCK_RECORDS = 5461;
/** The largest block of the file, which readers need a buffer of. */
export const SPILL_BLOCK_BYTES = BLOCK_RECORDS * DIGEST_MIN_BYTES;
/** A group's first buffer: small builds and small partitions stay small. */
const FIRST_BUFFER_RECORDS = 64;

/**
 * A group's buffer grown by doubling (from FIRST_BUFFER_RECORDS, up to a block) with its `used` bytes
 * kept, or null when it is a whole block already and must be written out instead.
 */
export function grownBuffer(buffer: Uint8Array, used: number): Uint8Array | null {
  if (buffer.length >= SPILL_BLOCK_BYTES) return null;
  const records = Math.min(
    BLOCK_RECORDS,
    Math.max(FIRST_BUFFER_RECORDS, (2 * buffer.length) / DIGEST_MIN_BYTES),
  );
  const grown = new Uint8Array(records * DIGEST_MIN_BYTES);
  grown.set(buffer.subarray(0, used));
  return grown;
}

export class SpillFile {
  readonly path: string;
  private readonly directory: string;
  private descriptor: number;
  private end = 0;

  /** Creates `fileName` in a new private directory of `tempDirectory`. */
  constructor(fileName: string, tempDirectory = tmpdir()) {
    try {
      this.directory = createTemporaryDirectory(tempDirectory, 'quietlist-build-');
    } catch (error) {
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
    this.path = join(this.directory, fileName);
    try {
      this.descriptor = openSync(this.path, 'w+', 0o600);
    } catch (error) {
      removeTemporaryDirectory(this.directory);
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
  }

  /** Writes the first `length` bytes of `buffer` as a block at the end, and lists it in `blocks`. */
  appendBlock(buffer: Uint8Array, length: number, blocks: number[]): void {
    let written = 0;
    try {
      while (written < length) {
        written += writeSync(this.descriptor, buffer, written, length - written, this.end + written);
      }
    } catch (error) {
      throw spillError(error, dirname(this.directory), 'writing the temporary digest file failed');
    }
    blocks.push(this.end, length);
    this.end += length;
  }

  /** Reads a group's blocks through this file's own descriptor (forEachBlock). */
  forEachBlock(
    group: { blocks: readonly number[] },
    block: Uint8Array,
    visit: (words: Uint32Array, count: number) => void,
  ): void {
    forEachBlock(this.descriptor, group, block, visit);
  }

  dispose(): void {
    if (this.descriptor !== -1) closeSync(this.descriptor);
    this.descriptor = -1;
    removeTemporaryDirectory(this.directory);
  }
}

/**
 * Visits one group's heads a block at a time, in the order they were appended: `visit(words, count)`
 * gets `count` heads as 32-bit words (3 per head) in `block` (SPILL_BLOCK_BYTES), reused for every block.
 * `fd` is the spill file opened for reading (a pass-2 thread opens it by its path).
 */
export function forEachBlock(
  fd: number,
  group: { blocks: readonly number[] },
  block: Uint8Array,
  visit: (words: Uint32Array, count: number) => void,
): void {
  const words = new Uint32Array(block.buffer, block.byteOffset, block.length >>> 2);
  for (let b = 0; b < group.blocks.length; b += 2) {
    const offset = group.blocks[b]!;
    const length = group.blocks[b + 1]!;
    for (let read = 0; read < length; ) {
      const got = readSync(fd, block, read, length - read, offset + read);
      if (got === 0) throw new StorageError('STORAGE_UNAVAILABLE', 'the temporary digest file is truncated');
      read += got;
    }
    visit(words, length / DIGEST_MIN_BYTES);
  }
}

/** A failure of the temporary directory is a storage failure (exit 3), said in one line with what to do. */
export function spillError(error: unknown, directory: string, what: string): StorageError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `the temporary directory ${directory} is full (${code})`
      : `${what} in ${directory} (${code ?? (error as Error)?.message ?? 'error'})`;
  return new StorageError(
    'STORAGE_UNAVAILABLE',
    `${why}: nothing published; free space there or pass --temp-dir`,
    {
      cause: error,
    },
  );
}
