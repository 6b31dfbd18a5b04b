/**
 * A partitioned build (docs/FORMAT.md §1.4), both passes in the build's thread: pass 1 spills each
 * key's digests by partition (scoped-pass.ts, partition-spill.ts); in pass 2 each partition is a small epoch of its own, with
 * its own shard geometry (the previous epoch's partition's while it still fits, shard-geometry.ts) and
 * shards in `p/<id>/`, filled from that partition's spilled digests alone. A partition that appears
 * starts a new geometry; one that disappears is simply absent (it holds nothing).
 */

import { createHash } from 'node:crypto';
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import { MAX_EPOCH_SHARDS, shardPath } from '../core/epoch/shard-layout.ts';
import { QuietlistError } from '../core/errors.ts';
import { allocateFilterFile } from '../core/filter/format.ts';
import { shardFileName, shardOf } from '../core/filter/sharding.ts';
import { DEFAULT_SHARD_MAX_BYTES } from '../core/filter/sizing.ts';
import { emptyCounts } from './build-counts.ts';
import type { BuildOptions, BuildResult } from './build-filters.ts';
import type { InputRecord } from './input/record.ts';
import { PartitionSpill } from './partition-spill.ts';
import { RowJudge, type RowRules, recordJudgedRows } from './row-judge.ts';
import { spillKeyedRows } from './scoped-pass.ts';
import { type PreviousGeometry, planGeometry } from './shard-geometry.ts';
import { type BuiltShard, type FileStash, keepShard, memoryStash } from './shard-stash.ts';

/** One partition's geometry in this build. */
export interface PartitionGroup {
  partition: string;
  shardPrefixBits: number;
  /** Kept from the previous epoch's partition (its shards may carry deltas), or new and why. */
  kept: boolean;
  reason?: string;
}

export interface PartitionFillOptions {
  /** Where each partition's shards go once filled (shard-stash.ts). */
  stash: FileStash;
  falsePositiveRate: number;
  shardMaxBytes: number;
  /** The previous epoch's geometry of each of its partitions (with why its bits cannot be reused). */
  previous: ReadonlyMap<string, PreviousGeometry>;
  newGeometry?: boolean;
}

export interface FilledPartitions {
  shards: BuiltShard[];
  partitions: PartitionGroup[];
  /** Kept when every partition's geometry was kept; otherwise the first reason. */
  geometry: { kept: boolean; reason?: string };
  /** Digests entered more than once (exactly: not counting Bloom collisions). */
  duplicates: number;
}

export function fillPartitions(spill: PartitionSpill, options: PartitionFillOptions): FilledPartitions {
  const shards: BuiltShard[] = [];
  const partitions: PartitionGroup[] = [];
  let duplicates = 0;
  let reason: string | undefined;
  let shardCount = 0;
  for (const partition of spill.partitionIds()) {
    const previous = options.previous.get(partition) ?? null;
    const plan = planGeometry({
      entries: spill.entries(partition),
      shardCounts: (bits) => spill.shardCounts(partition, bits),
      falsePositiveRate: options.falsePositiveRate,
      shardMaxBytes: options.shardMaxBytes,
      previous,
      renew: options.newGeometry,
    });
    const prefixBits = plan.shardPrefixBits;
    shardCount += 2 ** prefixBits;
    if (shardCount > MAX_EPOCH_SHARDS) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `more than ${MAX_EPOCH_SHARDS.toLocaleString('en')} shards in all across the partitions (docs/FORMAT.md §1.4): raise --shard-max-bytes (each partition has one at least)`,
      );
    }
    const files = plan.shards.map((parameters) => allocateFilterFile(parameters));
    const distinct = new Array<number>(files.length).fill(0);
    // A partition is at most a few shards: one replay fills them all. A head whose bits were all set
    // already is only a candidate repeat (or a Bloom collision): a second replay, only when there are
    // candidates, counts how often each occurs, so entries are distinct keys exactly, as fill-shards.ts
    // counts them for an unpartitioned epoch.
    const candidates = new Map<string, number>();
    spill.replay(partition, (head) => {
      const target = shardOf(head, prefixBits);
      distinct[target]!++;
      if (files[target]!.filter.add(head)) candidates.set(keyOf(head), 0);
    });
    if (candidates.size > 0) {
      spill.replay(partition, (head) => {
        const key = keyOf(head);
        const seen = candidates.get(key);
        if (seen === undefined) return;
        candidates.set(key, seen + 1);
        if (seen > 0) {
          distinct[shardOf(head, prefixBits)]!--;
          duplicates++;
        }
      });
    }
    files.forEach(({ filter, finish }, index) => {
      const file = finish({
        filter,
        shardIndex: index,
        shardPrefixBits: prefixBits,
        entries: distinct[index]!,
        falsePositiveRate: options.falsePositiveRate,
      });
      const filled = {
        index,
        file,
        sha256: createHash('sha256').update(file).digest('hex'),
        entries: distinct[index]!,
        bitCount: filter.bitCount,
        hashCount: filter.hashCount,
      };
      shards.push(keepShard(options.stash, filled, partition, shardPath(partition, shardFileName(index))));
    });
    const why = plan.kept ? undefined : previous ? plan.reason : 'a new partition';
    reason ??= why === undefined ? undefined : `partition ${partition}: ${why}`;
    partitions.push({
      partition,
      shardPrefixBits: prefixBits,
      kept: plan.kept,
      ...(why === undefined ? {} : { reason: why }),
    });
  }
  const geometry = reason === undefined ? { kept: partitions.length > 0 } : { kept: false, reason };
  return { shards, partitions, geometry, duplicates };
}

/** A head as a map key (12 bytes, one character each). */
function keyOf(head: Uint8Array): string {
  return String.fromCharCode(...head);
}

/**
 * A partitioned register: pass 1 and pass 2 in this thread, partition by partition (each is a small
 * epoch with its own geometry: fillPartitions below); threads are not used, whatever `threads` says.
 */
export async function buildPartitioned(
  rows: AsyncIterable<InputRecord[]>,
  options: BuildOptions,
  rules: RowRules,
  hasher: KeyedHasher,
): Promise<BuildResult> {
  const counts = emptyCounts();
  const dateExamples: number[] = [];
  const spill = new PartitionSpill(options.tempDirectory);
  try {
    const entered = await spillKeyedRows(rows, {
      judge: new RowJudge(rules),
      hasher,
      scopes: options.scopes,
      partition: options.partition,
      emit: (partition, digest) => spill.append(partition!, digest),
      onBatch: recordJudgedRows(counts, dateExamples, options),
    });
    const filled = fillPartitions(spill, {
      stash: options.stash ?? memoryStash,
      falsePositiveRate: options.falsePositiveRate,
      shardMaxBytes: options.shardMaxBytes ?? DEFAULT_SHARD_MAX_BYTES,
      previous: options.previousPartitions ?? new Map(),
      newGeometry: options.newGeometry,
    });
    counts.duplicates = filled.duplicates;
    counts.entries = entered - filled.duplicates;
    return {
      shards: filled.shards,
      shardPrefixBits: 0,
      geometry: filled.geometry,
      partitions: filled.partitions,
      counts,
      dateExamples,
      threads: 0,
    };
  } finally {
    spill.dispose();
  }
}
