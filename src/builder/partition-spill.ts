/**
 * Pass 1 of a partitioned build (docs/FORMAT.md §1.4): the first 12 bytes of each digest, kept per
 * partition in one temporary file as blocks of one partition each (a partition's small buffer is
 * written out as a block when full), with the partition's count per 12-bit digest prefix. Pass 2 then
 * sizes each partition's shards for its own count and reads that partition's blocks alone: a national
 * NANP build (about 300 area codes) reads every digest once, and memory holds one small buffer per
 * partition (at most 64 KiB each), not one per partition of the whole 4 MiB of digest-spill.ts.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { QuietlistError, StorageError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';

/** The finest shard split a partition's counts allow: 4,096 shards (64 GiB of filter at 16 MiB each). */
export const PARTITION_PREFIX_BITS = 12;
const BLOCK_RECORDS = 5461; // about 64 KiB of 12-byte heads
const FIRST_BUFFER_RECORDS = 64;

interface PartitionRecords {
  count: number;
  fineCounts: Uint32Array;
  /** Byte offset and length of each written block, flattened: [offset, length, …]. */
  blocks: number[];
  buffer: Uint8Array;
  used: number;
}

export class PartitionSpill {
  private readonly directory: string;
  private readonly path: string;
  private fd: number;
  private end = 0;
  private readonly partitions = new Map<string, PartitionRecords>();
  count = 0;

  constructor(tempDirectory = tmpdir()) {
    try {
      this.directory = mkdtempSync(join(tempDirectory, 'quietlist-build-'));
    } catch (error) {
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
    this.path = join(this.directory, 'partition-digests.bin');
    try {
      this.fd = openSync(this.path, 'w+', 0o600);
    } catch (error) {
      rmSync(this.directory, { recursive: true, force: true });
      throw spillError(error, tempDirectory, 'cannot create the temporary digest file');
    }
  }

  append(partition: string, digest: Uint8Array): void {
    let records = this.partitions.get(partition);
    if (records === undefined) {
      records = {
        count: 0,
        fineCounts: new Uint32Array(2 ** PARTITION_PREFIX_BITS),
        blocks: [],
        buffer: new Uint8Array(FIRST_BUFFER_RECORDS * DIGEST_MIN_BYTES),
        used: 0,
      };
      this.partitions.set(partition, records);
    }
    if (records.used === records.buffer.length) {
      if (records.buffer.length < BLOCK_RECORDS * DIGEST_MIN_BYTES) {
        const grown = new Uint8Array(
          Math.min(BLOCK_RECORDS, (2 * records.buffer.length) / DIGEST_MIN_BYTES) * DIGEST_MIN_BYTES,
        );
        grown.set(records.buffer);
        records.buffer = grown;
      } else this.flush(records);
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
    const block = new Uint8Array(BLOCK_RECORDS * DIGEST_MIN_BYTES);
    for (let b = 0; b < records.blocks.length; b += 2) {
      const offset = records.blocks[b]!;
      const length = records.blocks[b + 1]!;
      for (let read = 0; read < length; ) {
        const got = readSync(this.fd, block, read, length - read, offset + read);
        if (got === 0)
          throw new StorageError('STORAGE_UNAVAILABLE', 'the temporary digest file is truncated');
        read += got;
      }
      for (let at = 0; at < length; at += DIGEST_MIN_BYTES) visit(block.subarray(at, at + DIGEST_MIN_BYTES));
    }
    for (let at = 0; at < records.used; at += DIGEST_MIN_BYTES)
      visit(records.buffer.subarray(at, at + DIGEST_MIN_BYTES));
  }

  dispose(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.directory, { recursive: true, force: true });
  }

  private flush(records: PartitionRecords): void {
    let written = 0;
    try {
      while (written < records.used) {
        written += writeSync(this.fd, records.buffer, written, records.used - written, this.end + written);
      }
    } catch (error) {
      throw spillError(error, dirname(this.directory), 'writing the temporary digest file failed');
    }
    records.blocks.push(this.end, records.used);
    this.end += records.used;
    records.used = 0;
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
