/**
 * Deltas from the previous epoch (docs/FORMAT.md §12): for every shard whose bits changed under a kept
 * geometry, the previous file is read from the store, checked against the previous signed manifest,
 * and XORed with the new one. A delta is published only when it is smaller than the shard itself.
 * One previous shard and one new one are in memory at a time; each delta goes to the build's stash. The caller passes only shards whose geometry (the epoch's,
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
import type { FileStash, StashedFile } from './shard-stash.ts';

/** A delta, kept in the build's stash (shard-stash.ts) like the shards until it is published. */
export interface ShardDelta extends StashedFile {
  /** The shard's partition (null: unpartitioned) and its index within it. */
  partition: string | null;
  index: number;
  from: string;
  path: string;
  sha256: string;
}

/** A new shard: its file is read from the stash when a delta is due. */
export interface NewShard {
  partition: string | null;
  index: number;
  sha256: string;
  bytes: number;
  read(): Uint8Array;
}

export async function buildShardDeltas(
  store: ObjectStore,
  previous: Manifest,
  shards: NewShard[],
  stash: FileStash,
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
    const file = encodeShardDelta(object.body, shard.read(), {
      fromSha256: before.sha256,
      toSha256: shard.sha256,
    });
    if (file.length >= shard.bytes) continue;
    const sha256 = await sha256Hex(file);
    deltas.push({
      partition: shard.partition,
      index: shard.index,
      from: previous.epoch,
      path: shardPath(shard.partition, deltaFileName(shard.index)),
      sha256,
      ...stash.keep(file),
    });
  }
  return deltas;
}
