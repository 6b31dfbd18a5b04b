/**
 * Pass 1 of a partitioned build (docs/FORMAT.md §1.4): the first 12 bytes of each digest, kept per
 * partition in one temporary file (spill-file.ts) as blocks of one partition each (a partition's small
 * buffer is written out as a block when full), with the partition's count per 12-bit digest prefix. Pass
 * 2 then sizes each partition's shards for its own count and reads that partition's blocks alone: a national
 * NANP build (about 300 area codes) reads every digest once, and memory holds one small buffer per
 * partition (at most 64 KiB each), not one per partition of the whole 4 MiB of digest-spill.ts.
 */
import { QuietlistError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { grownBuffer, SPILL_BLOCK_BYTES, SpillFile } from './spill-file.ts';

/** The finest shard split a partition's counts allow: 4,096 shards (64 GiB of filter at 16 MiB each). */
export const PARTITION_PREFIX_BITS = 12;

interface PartitionRecords {
  count: number;
  fineCounts: Uint32Array;
  /** Byte offset and length of each written block, flattened: [offset, length, …]. */
  blocks: number[];
  buffer: Uint8Array;
  used: number;
}

export class PartitionSpill {
  private readonly file: SpillFile;
  private readonly partitions = new Map<string, PartitionRecords>();
  count = 0;

  constructor(tempDirectory?: string) {
    this.file = new SpillFile('partition-digests.bin', tempDirectory);
  }

  append(partition: string, digest: Uint8Array): void {
    let records = this.partitions.get(partition);
    if (records === undefined) {
      records = {
        count: 0,
        fineCounts: new Uint32Array(2 ** PARTITION_PREFIX_BITS),
        blocks: [],
        buffer: new Uint8Array(0),
        used: 0,
      };
      this.partitions.set(partition, records);
    }
    if (records.used === records.buffer.length) {
      const grown = grownBuffer(records.buffer, records.used);
      if (grown === null) this.flush(records);
      else records.buffer = grown;
    }
    records.buffer.set(digest.subarray(0, DIGEST_MIN_BYTES), records.used);
    records.used += DIGEST_MIN_BYTES;
    records.fineCounts[((digest[0]! << 8) | digest[1]!) >>> (16 - PARTITION_PREFIX_BITS)]!++;
    records.count++;
    this.count++;
  }

  /** The partitions that hold entries, in ascending order (the manifest's order). */
  partitionIds(): string[] {
    return [...this.partitions.keys()].sort();
  }

  entries(partition: string): number {
    return this.partitions.get(partition)?.count ?? 0;
  }

  /** A partition's entries per shard when its first `prefixBits` bits choose the shard. */
  shardCounts(partition: string, prefixBits: number): number[] {
    if (prefixBits > PARTITION_PREFIX_BITS) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `partition ${partition} would need more than ${2 ** PARTITION_PREFIX_BITS} shards: raise --shard-max-bytes`,
      );
    }
    const counts = new Array<number>(2 ** prefixBits).fill(0);
    const fine = this.partitions.get(partition)?.fineCounts;
    if (!fine) return counts;
    const shift = PARTITION_PREFIX_BITS - prefixBits;
    for (let i = 0; i < fine.length; i++) counts[i >>> shift]! += fine[i]!;
    return counts;
  }

  /** Replays a partition's digest heads, in the order they were appended. */
  replay(partition: string, visit: (head: Uint8Array) => void): void {
    const records = this.partitions.get(partition);
    if (!records) return;
    const block = new Uint8Array(SPILL_BLOCK_BYTES);
    this.file.forEachBlock(records, block, (_words, count) => {
      for (let at = 0; at < count * DIGEST_MIN_BYTES; at += DIGEST_MIN_BYTES)
        visit(block.subarray(at, at + DIGEST_MIN_BYTES));
    });
    for (let at = 0; at < records.used; at += DIGEST_MIN_BYTES)
      visit(records.buffer.subarray(at, at + DIGEST_MIN_BYTES));
  }

  dispose(): void {
    this.file.dispose();
  }

  private flush(records: PartitionRecords): void {
    this.file.appendBlock(records.buffer, records.used, records.blocks);
    records.used = 0;
  }
}
