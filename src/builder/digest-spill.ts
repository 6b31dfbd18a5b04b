/**
 * Pass 1 of a build keeps only the first 12 bytes of each accepted digest (all that shard choice and
 * indexing read) in a temporary file, and counts entries per fine shard (the first 16 digest bits).
 * Pass 2 then sizes every shard for its exact count and replays the file. Memory stays bounded
 * whatever the input size, and the input is read once, so it can be stdin.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StorageError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { MAX_SHARD_PREFIX_BITS } from '../core/filter/sizing.ts';

const BUFFER_BYTES = DIGEST_MIN_BYTES * 349_525; // about 4 MiB, a whole number of records

export class DigestSpill {
  /** Entries per 16-bit digest prefix, so any coarser shard count can be summed from it. */
  readonly fineCounts = new Uint32Array(2 ** MAX_SHARD_PREFIX_BITS);
  private readonly directory: string;
  private readonly path: string;
  private fd: number;
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  count = 0;

  constructor(tempDirectory = tmpdir()) {
    try {
      this.directory = mkdtempSync(join(tempDirectory, 'quietlist-build-'));
    } catch (error) {
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
    this.path = join(this.directory, 'digests.bin');
    try {
      this.fd = openSync(this.path, 'w+', 0o600);
    } catch (error) {
      rmSync(this.directory, { recursive: true, force: true });
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
  }

  append(digest: Uint8Array): void {
    if (this.used === BUFFER_BYTES) this.flush();
    this.buffer.set(digest.subarray(0, DIGEST_MIN_BYTES), this.used);
    this.used += DIGEST_MIN_BYTES;
    this.fineCounts[(digest[0]! << 8) | digest[1]!]!++;
    this.count++;
  }

  /** Entries per shard when the first `prefixBits` bits choose the shard. */
  shardCounts(prefixBits: number): number[] {
    const counts = new Array<number>(2 ** prefixBits).fill(0);
    const shift = MAX_SHARD_PREFIX_BITS - prefixBits;
    for (let fine = 0; fine < this.fineCounts.length; fine++)
      counts[fine >>> shift]! += this.fineCounts[fine]!;
    return counts;
  }

  /** Replays every stored digest head, in insertion order (a callback: no per-entry generator step). */
  replay(visit: (head: Uint8Array) => void): void {
    this.flush();
    let position = 0;
    for (;;) {
      const read = readSync(this.fd, this.buffer, 0, BUFFER_BYTES, position);
      if (read === 0) return;
      position += read;
      for (let offset = 0; offset + DIGEST_MIN_BYTES <= read; offset += DIGEST_MIN_BYTES) {
        visit(this.buffer.subarray(offset, offset + DIGEST_MIN_BYTES));
      }
    }
  }

  dispose(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.directory, { recursive: true, force: true });
  }

  private flush(): void {
    let written = 0;
    try {
      while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written);
    } catch (error) {
      throw spillError(error, dirname(this.directory), 'writing the temporary digest file failed');
    }
    this.used = 0;
  }
}

/** A failure of the temporary directory is a storage failure (exit 3), said in one line with what to do. */
function spillError(error: unknown, directory: string, what: string): StorageError {
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
