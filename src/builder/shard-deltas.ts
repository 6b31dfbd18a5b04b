/**
 * Deltas from the previous epoch (docs/FORMAT.md §12): for every shard whose bits changed under a kept
 * geometry, the previous file is read from the store, checked against the previous signed manifest,
 * and XORed with the new one. A delta is published only when it is smaller than the shard itself.
 * One previous shard is in memory at a time. The caller passes only shards whose geometry (the epoch's,
 * or in a partitioned epoch their partition's) was kept: the previous shard is the one of the same
 * partition and index.
 */
import { sha256Hex } from '../core/encoding/bytes.ts';
import type { Manifest } from '../core/epoch/manifest.ts';
import { epochPrefix } from '../core/epoch/pointer.ts';
import { shardGroupOf, shardPath } from '../core/epoch/shard-layout.ts';
import { encodeShardDelta } from '../core/filter/shard-delta.ts';
import { deltaFileName } from '../core/filter/sharding.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface ShardDelta {
  /** The shard's partition (null: unpartitioned) and its index within it. */
  partition: string | null;
  index: number;
  from: string;
  path: string;
  file: Uint8Array;
  sha256: string;
}

export interface NewShard {
  partition: string | null;
  index: number;
  file: Uint8Array;
  sha256: string;
}

export async function buildShardDeltas(
  store: ObjectStore,
  previous: Manifest,
  shards: NewShard[],
): Promise<ShardDelta[]> {
  const deltas: ShardDelta[] = [];
  for (const shard of shards) {
    const group = shardGroupOf(previous, shard.partition);
    const before =
      group && shard.index < group.count ? previous.shards[group.first + shard.index] : undefined;
    if (!before || before.sha256 === shard.sha256) continue;
    const object = await store.get(`${epochPrefix(previous.epoch)}${before.path}`);
    // A previous shard that is gone or not the signed one gives no delta: clients fetch the shard.
    if (!object || object.body.length !== before.bytes || (await sha256Hex(object.body)) !== before.sha256) {
      continue;
    }
    const file = encodeShardDelta(object.body, shard.file, {
      fromSha256: before.sha256,
      toSha256: shard.sha256,
    });
    if (file.length >= shard.file.length) continue;
    deltas.push({
      partition: shard.partition,
      index: shard.index,
      from: previous.epoch,
      path: shardPath(shard.partition, deltaFileName(shard.index)),
      file,
      sha256: await sha256Hex(file),
    });
  }
  return deltas;
}
