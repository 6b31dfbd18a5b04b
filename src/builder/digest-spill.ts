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
 * fills: spill-file.ts); the layout lists every bucket's blocks, so any thread can read a bucket from
 * the path.
 */
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { MAX_SHARD_PREFIX_BITS } from '../core/filter/sizing.ts';
import { grownBuffer, SpillFile } from './spill-file.ts';

/** Buckets by the first byte: 256 buckets, about 12 MB each at 250M numbers. */
export const SPILL_BUCKET_BITS = 8;
export const SPILL_BUCKETS = 2 ** SPILL_BUCKET_BITS;

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
  private readonly file: SpillFile;
  private readonly buckets: SpillBucket[] = Array.from({ length: SPILL_BUCKETS }, () => ({
    records: 0,
    blocks: [],
  }));
  /** Each bucket's unwritten records (at most a block: 16 MiB for 256 buckets), grown as they come. */
  private buffers: Uint8Array[] = Array.from({ length: SPILL_BUCKETS }, () => new Uint8Array(0));
  private readonly used = new Uint32Array(SPILL_BUCKETS);

  constructor(tempDirectory?: string) {
    this.file = new SpillFile('digests.bin', tempDirectory);
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
    return { path: this.file.path, buckets: this.buckets };
  }

  dispose(): void {
    this.file.dispose();
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
        const grown = grownBuffer(buffer, used);
        if (grown === null) {
          this.flush(bucket);
          continue;
        }
        this.buffers[bucket] = grown;
        buffer = grown;
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

  private flush(bucket: number): void {
    const length = this.used[bucket]!;
    if (length === 0) return;
    this.file.appendBlock(this.buffers[bucket]!, length, this.buckets[bucket]!.blocks);
    this.used[bucket] = 0;
  }
}
