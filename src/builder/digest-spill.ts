/**
 * Pass 1 of a build keeps only the first 12 bytes of each accepted digest (all that shard choice and
 * indexing read) in a temporary file, bucketed by the digest's first byte, and counts entries per fine
 * shard (the first 16 digest bits). Pass 2 then sizes every shard for its exact count and reads each
 * bucket once (fill-shards.ts): a shard is a whole number of buckets, or a bucket a whole number of
 * shards, so no digest is read twice, where one replay of the whole file per shard was quadratic in
 * practice (64 passes over 3 GB at 250M numbers). Memory stays bounded whatever the input size, and the
 * input is read once, so it can be stdin.
 *
 * The file is a sequence of blocks of one bucket each (a block is written when that bucket's buffer
 * fills); the layout lists every bucket's blocks, so any thread can read a bucket from the path.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StorageError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { MAX_SHARD_PREFIX_BITS } from '../core/filter/sizing.ts';

/** Buckets by the first byte: 256 buckets, about 12 MB each at 250M numbers. */
export const SPILL_BUCKET_BITS = 8;
export const SPILL_BUCKETS = 2 ** SPILL_BUCKET_BITS;
/** A bucket's write buffer, at most: about 64 KiB, a whole number of records (16 MiB for 256 buckets). */
const BLOCK_RECORDS = 5461;
/** The largest block of the file, which readers need a buffer of. */
export const SPILL_BLOCK_BYTES = BLOCK_RECORDS * DIGEST_MIN_BYTES;
const FIRST_BUFFER_RECORDS = 64;

export interface SpillBucket {
  records: number;
  /** Byte offset and length of each of its blocks in the file, flattened: [offset, length, offset, …]. */
  blocks: number[];
}

/** What pass 2 reads: plain data, so worker threads get it as it is. */
export interface SpillLayout {
  path: string;
  buckets: SpillBucket[];
}

/** The bucket of a digest, from its first byte. */
export function bucketOf(firstByte: number): number {
  return firstByte >>> (8 - SPILL_BUCKET_BITS);
}

export class DigestSpill {
  /** Entries per 16-bit digest prefix, so any coarser shard count can be summed from it. */
  readonly fineCounts = new Uint32Array(2 ** MAX_SHARD_PREFIX_BITS);
  count = 0;
  private readonly directory: string;
  private readonly path: string;
  private fd: number;
  private end = 0;
  private readonly buckets: SpillBucket[] = Array.from({ length: SPILL_BUCKETS }, () => ({
    records: 0,
    blocks: [],
  }));
  /** Each bucket's unwritten records; grown by doubling up to a block, so small builds stay small. */
  private buffers: Uint8Array[] = Array.from({ length: SPILL_BUCKETS }, () => new Uint8Array(0));
  private readonly used = new Uint32Array(SPILL_BUCKETS);

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

  /** One digest (its first 12 bytes are kept). */
  append(digest: Uint8Array): void {
    this.appendRecords(bucketOf(digest[0]!), digest, 0, 1);
  }

  /**
   * 12-byte heads grouped by bucket, bucket 0 first: `bucketCounts[b]` heads of bucket b (how worker
   * threads hand them over, one copy per bucket instead of one per head).
   */
  appendGrouped(heads: Uint8Array, bucketCounts: Uint32Array): void {
    let offset = 0;
    for (let bucket = 0; bucket < SPILL_BUCKETS; bucket++) {
      const records = bucketCounts[bucket]!;
      if (records === 0) continue;
      this.appendRecords(bucket, heads, offset, records, DIGEST_MIN_BYTES);
      offset += records * DIGEST_MIN_BYTES;
    }
  }

  /** Entries per shard when the first `prefixBits` bits choose the shard. */
  shardCounts(prefixBits: number): number[] {
    const counts = new Array<number>(2 ** prefixBits).fill(0);
    const shift = MAX_SHARD_PREFIX_BITS - prefixBits;
    for (let fine = 0; fine < this.fineCounts.length; fine++)
      counts[fine >>> shift]! += this.fineCounts[fine]!;
    return counts;
  }

  /** Writes what is buffered and frees the buffers: the layout pass 2 reads (the file stays until dispose). */
  seal(): SpillLayout {
    for (let bucket = 0; bucket < SPILL_BUCKETS; bucket++) this.flush(bucket);
    this.buffers = [];
    return { path: this.path, buckets: this.buckets };
  }

  dispose(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** `records` records of `stride` bytes from `source` at `offset` (a digest is 32 or more; a head 12). */
  private appendRecords(
    bucket: number,
    source: Uint8Array,
    offset: number,
    records: number,
    stride = source.length,
  ): void {
    const { fineCounts } = this;
    for (let r = 0, at = offset; r < records; r++, at += stride) {
      fineCounts[(source[at]! << 8) | source[at + 1]!]!++;
    }
    this.count += records;
    this.buckets[bucket]!.records += records;
    let done = 0;
    while (done < records) {
      let buffer = this.buffers[bucket]!;
      const used = this.used[bucket]!;
      if (used === buffer.length) {
        if (buffer.length < BLOCK_RECORDS * DIGEST_MIN_BYTES) buffer = this.grow(bucket);
        else {
          this.flush(bucket);
          continue;
        }
      }
      const fit = Math.min(records - done, (buffer.length - used) / DIGEST_MIN_BYTES);
      if (stride === DIGEST_MIN_BYTES) {
        const start = offset + done * DIGEST_MIN_BYTES;
        buffer.set(source.subarray(start, start + fit * DIGEST_MIN_BYTES), used);
      } else {
        for (let r = 0; r < fit; r++) {
          const start = offset + (done + r) * stride;
          buffer.set(source.subarray(start, start + DIGEST_MIN_BYTES), used + r * DIGEST_MIN_BYTES);
        }
      }
      this.used[bucket] = used + fit * DIGEST_MIN_BYTES;
      done += fit;
    }
  }

  private grow(bucket: number): Uint8Array {
    const old = this.buffers[bucket]!;
    const records = Math.min(
      BLOCK_RECORDS,
      Math.max(FIRST_BUFFER_RECORDS, (2 * old.length) / DIGEST_MIN_BYTES),
    );
    const grown = new Uint8Array(records * DIGEST_MIN_BYTES);
    grown.set(old.subarray(0, this.used[bucket]!));
    this.buffers[bucket] = grown;
    return grown;
  }

  private flush(bucket: number): void {
    const length = this.used[bucket]!;
    if (length === 0) return;
    const buffer = this.buffers[bucket]!;
    let written = 0;
    try {
      while (written < length) {
        written += writeSync(this.fd, buffer, written, length - written, this.end + written);
      }
    } catch (error) {
      throw spillError(error, dirname(this.directory), 'writing the temporary digest file failed');
    }
    this.buckets[bucket]!.blocks.push(this.end, length);
    this.end += length;
    this.used[bucket] = 0;
  }
}

/**
 * Visits one bucket's heads a block at a time, in the order they were appended: `visit(words, count)`
 * gets `count` heads as 32-bit words (3 per head) in `block` (SPILL_BLOCK_BYTES), reused for every block.
 */
export function forEachBlock(
  fd: number,
  bucket: SpillBucket,
  block: Uint8Array,
  visit: (words: Uint32Array, count: number) => void,
): void {
  const words = new Uint32Array(block.buffer, block.byteOffset, block.length >>> 2);
  for (let b = 0; b < bucket.blocks.length; b += 2) {
    const offset = bucket.blocks[b]!;
    const length = bucket.blocks[b + 1]!;
    for (let read = 0; read < length; ) {
      const got = readSync(fd, block, read, length - read, offset + read);
      if (got === 0) throw new StorageError('STORAGE_UNAVAILABLE', 'the temporary digest file is truncated');
      read += got;
    }
    visit(words, length / DIGEST_MIN_BYTES);
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
