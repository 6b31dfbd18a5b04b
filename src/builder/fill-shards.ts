/**
 * Pass 2: fills the shards from the spill, each digest read once, and counts each shard's distinct
 * numbers exactly. The work is cut into units that share no shard and no bucket (a shard and its
 * buckets when shards are at least as wide as buckets, a bucket and its shards otherwise), so units can
 * run on any thread in any order: a Bloom filter is an OR of bits, so the shard files are the same
 * bytes whichever thread filled them (test/unit/builder/build-threads.test.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { allocateFilterFile } from '../core/filter/format.ts';
import { shardOf } from '../core/filter/sharding.ts';
import type { BloomParameters } from '../core/filter/sizing.ts';
import { SPILL_BUCKET_BITS, type SpillBucket, type SpillLayout } from './digest-spill.ts';
import { RepeatFinder } from './exact-repeats.ts';
import { forEachBlock, SPILL_BLOCK_BYTES } from './spill-file.ts';

/** One independent piece of pass 2: plain data, so a worker thread receives it as it is. */
export interface FillUnit {
  spillPath: string;
  buckets: SpillBucket[];
  shardPrefixBits: number;
  /** The unit's shards are consecutive, from this index. */
  firstShard: number;
  shards: BloomParameters[];
  falsePositiveRate: number;
}

export interface FilledShard {
  index: number;
  /** The complete filter file (format v1). */
  file: Uint8Array;
  /** Its SHA-256, hex: computed where the file was filled (in place, on that thread), for the manifest. */
  sha256: string;
  /** Distinct numbers in the shard. */
  entries: number;
  bitCount: number;
  hashCount: number;
}

export function planFillUnits(
  layout: SpillLayout,
  shards: BloomParameters[],
  shardPrefixBits: number,
  falsePositiveRate: number,
): FillUnit[] {
  const unit = (firstShard: number, shardCount: number, firstBucket: number, bucketCount: number) => ({
    spillPath: layout.path,
    buckets: layout.buckets.slice(firstBucket, firstBucket + bucketCount),
    shardPrefixBits,
    firstShard,
    shards: shards.slice(firstShard, firstShard + shardCount),
    falsePositiveRate,
  });
  if (shardPrefixBits <= SPILL_BUCKET_BITS) {
    const bucketsPerShard = 2 ** (SPILL_BUCKET_BITS - shardPrefixBits);
    return shards.map((_, shard) => unit(shard, 1, shard * bucketsPerShard, bucketsPerShard));
  }
  const shardsPerBucket = 2 ** (shardPrefixBits - SPILL_BUCKET_BITS);
  return layout.buckets.map((_, bucket) => unit(bucket * shardsPerBucket, shardsPerBucket, bucket, 1));
}

export function fillUnit(unit: FillUnit): FilledShard[] {
  const files = unit.shards.map((parameters) => allocateFilterFile(parameters));
  const records = new Array<number>(files.length).fill(0);
  const repeats = new Array<number>(files.length).fill(0);
  // One 12-byte head, re-filled for each record: BloomFilter.add reads a digest, and a view per record
  // would allocate 250M objects at national scale.
  const head = new Uint8Array(DIGEST_MIN_BYTES);
  const headWords = new Uint32Array(head.buffer);
  const shardOfRecord = (words: Uint32Array, record: number) => {
    headWords[0] = words[3 * record]!;
    headWords[1] = words[3 * record + 1]!;
    headWords[2] = words[3 * record + 2]!;
    return shardOf(head, unit.shardPrefixBits) - unit.firstShard;
  };
  const finder = new RepeatFinder();
  // A block at a time (64 KiB): a bucket is about 12 MB at 250M, and a thread needs no copy of it.
  const block = new Uint8Array(SPILL_BLOCK_BYTES);
  const fd = openSync(unit.spillPath, 'r');
  try {
    for (const bucket of unit.buckets) {
      finder.reset();
      forEachBlock(fd, bucket, block, (words, count) => {
        for (let r = 0; r < count; r++) {
          const shard = shardOfRecord(words, r);
          records[shard]!++;
          if (files[shard]!.filter.add(head)) finder.candidate(words, r);
        }
      });
      if (finder.candidates === 0) continue;
      finder.prepare();
      forEachBlock(fd, bucket, block, (words, count) =>
        finder.scan(words, count, (record) => {
          repeats[shardOfRecord(words, record)]!++;
        }),
      );
    }
  } finally {
    closeSync(fd);
  }
  return files.map(({ filter, finish }, i) => {
    const entries = records[i]! - repeats[i]!;
    const index = unit.firstShard + i;
    const file = finish({
      filter,
      shardIndex: index,
      shardPrefixBits: unit.shardPrefixBits,
      entries,
      falsePositiveRate: unit.falsePositiveRate,
    });
    const sha256 = createHash('sha256').update(file).digest('hex');
    return { index, file, sha256, entries, bitCount: filter.bitCount, hashCount: filter.hashCount };
  });
}
