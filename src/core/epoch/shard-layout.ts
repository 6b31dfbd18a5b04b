/**
 * Where an epoch's shards are, and which shard a digest goes to (docs/FORMAT.md §2 and §1.4). An
 * epoch lists its shards in one array, `manifest.shards`; a shard's **position** in it is how every
 * reader names a shard (loaders, caches, verifiers). An unpartitioned epoch is one group of 2^p shards
 * at positions 0..2^p−1 (the position is the index). A partitioned one is a group per partition, in
 * the manifest's partition order, each of 2^p_i shards with its own prefix bits and geometry, in the
 * directory `p/<id>/`: a digest of a key in partition P goes to P's group, at the shard its first p_P
 * bits choose.
 */

import { shardFileName } from '../filter/sharding.ts';
import { MAX_SHARD_PREFIX_BITS } from '../filter/sizing.ts';
import { partitionDirectory } from '../partitions/partition-rule.ts';
import type { Manifest, ManifestShard } from './manifest.ts';

export interface ShardGroup {
  /** The partition, or null for an unpartitioned epoch's one group. */
  partition: string | null;
  shardPrefixBits: number;
  /** The epoch whose build chose this geometry (absent in manifests older than deltas). */
  geometrySince: string | undefined;
  /** Position of its shard 0 in `manifest.shards`, and its 2^p shards. */
  first: number;
  count: number;
}

/** A file of a shard group, relative to its epoch: `shard-00000.qlbf`, `p/212/shard-00000.qlbf`. */
export function shardPath(partition: string | null, file: string): string {
  return partition === null ? file : `${partitionDirectory(partition)}${file}`;
}

/**
 * The most shards an epoch lists, partitions included (docs/FORMAT.md §1.4, §11): what bounds a
 * manifest's size, and so the largest manifest a reader must accept (client/http/download-limits.ts).
 */
export const MAX_EPOCH_SHARDS = 2 ** MAX_SHARD_PREFIX_BITS;

const groupsOf = new WeakMap<Manifest, ShardGroup[]>();

/** The manifest's shard groups, in order (computed once per manifest object). */
export function shardGroups(manifest: Manifest): ShardGroup[] {
  const known = groupsOf.get(manifest);
  if (known) return known;
  const groups: ShardGroup[] = [];
  if (manifest.partitions) {
    let first = 0;
    for (const partition of manifest.partitions) {
      const count = 2 ** partition.shardPrefixBits;
      groups.push({
        partition: partition.id,
        shardPrefixBits: partition.shardPrefixBits,
        geometrySince: partition.geometrySince,
        first,
        count,
      });
      first += count;
    }
  } else {
    const bits = manifest.filter.shardPrefixBits ?? 0;
    groups.push({
      partition: null,
      shardPrefixBits: bits,
      geometrySince: manifest.filter.geometrySince,
      first: 0,
      count: 2 ** bits,
    });
  }
  groupsOf.set(manifest, groups);
  return groups;
}

/** The group of a partition (null: the unpartitioned epoch's), or undefined when the epoch has none. */
export function shardGroupOf(manifest: Manifest, partition: string | null): ShardGroup | undefined {
  const groups = shardGroups(manifest);
  if (partition === null) return manifest.partitions ? undefined : groups[0];
  if (!manifest.partitions) return undefined;
  // Partitions are sorted by id: a binary search (a national epoch has about 300).
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const id = groups[middle]!.partition!;
    if (id === partition) return groups[middle];
    if (id < partition) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The group holding the shard at `position`. */
export function groupOfPosition(manifest: Manifest, position: number): ShardGroup {
  const groups = shardGroups(manifest);
  let low = 0;
  let high = groups.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (groups[middle]!.first <= position) low = middle;
    else high = middle - 1;
  }
  return groups[low]!;
}

/** Positions of every shard of these partitions (all shards when `partitions` is undefined). */
export function positionsOf(manifest: Manifest, partitions?: ReadonlySet<string>): number[] {
  const positions: number[] = [];
  for (const group of shardGroups(manifest)) {
    if (partitions && group.partition !== null && !partitions.has(group.partition)) continue;
    for (let i = 0; i < group.count; i++) positions.push(group.first + i);
  }
  return positions;
}

/**
 * What breaks the layout rules of docs/FORMAT.md §6.1, or null: partitions present exactly when the
 * register has a partition rule, ids of its digit count in ascending order, no epoch-wide geometry
 * beside them; then every group's 2^p shards, in order, each with its partition, index and path.
 */
export function layoutProblem(manifest: Manifest): string | null {
  const rule = manifest.register?.partition;
  const { partitions } = manifest;
  if ((rule === undefined) !== (partitions === undefined))
    return rule ? 'a register with a partition rule lists partitions' : 'partitions need a partition rule';
  if (partitions && rule) {
    if (manifest.filter.shardPrefixBits !== undefined || manifest.filter.geometrySince !== undefined)
      return 'a partitioned epoch gives each partition its shardPrefixBits and geometrySince, not filter';
    for (let i = 0; i < partitions.length; i++) {
      const id = partitions[i]!.id;
      if (id.length !== rule.digits) return `partition ${id} is not ${rule.digits} digits`;
      if (i > 0 && partitions[i - 1]!.id >= id)
        return 'partitions must be listed once each, in ascending order';
    }
  } else if (manifest.filter.shardPrefixBits === undefined) {
    return 'filter.shardPrefixBits is required';
  }
  const groups = shardGroups(manifest);
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  if (total > MAX_EPOCH_SHARDS) return `an epoch has at most ${MAX_EPOCH_SHARDS} shards in all, not ${total}`;
  if (manifest.shards.length !== total) return 'shards must be listed once each, in index order';
  for (const group of groups) {
    for (let index = 0; index < group.count; index++) {
      const shard: ManifestShard = manifest.shards[group.first + index]!;
      if (shard.index !== index || (shard.partition ?? null) !== group.partition)
        return 'shards must be listed once each, in index order';
      const path = shardPath(group.partition, shardFileName(index));
      if (shard.path !== path) return `shard ${index} must be ${path}, not ${shard.path}`;
    }
  }
  return null;
}
