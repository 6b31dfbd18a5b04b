/**
 * Where a value's readings are looked up, before any digest is computed: each reading of the shared
 * reader (every reading of an ambiguous spelling: docs/NUMBERS.md) goes to the epoch's one shard group,
 * or to its partition's (docs/FORMAT.md §1.4). A partition the epoch does not list holds nothing; one
 * the caller cannot answer for (not pulled, not entitled) is out of reach, which keyed-readings.ts and
 * verdicts.ts turn into NOT_ENTITLED, never "not listed".
 */
import { type ShardGroup, shardGroupOf, shardGroups } from '../epoch/shard-layout.ts';
import { partitionOf } from '../partitions/partition-rule.ts';
import { explainRejection } from '../phone/excel-damage.ts';
import { readPhone } from '../phone/normalize.ts';
import type { RejectReason } from '../phone/reject-reasons.ts';
import type { EpochMembership } from './epoch-membership.ts';

/** Where a reading's key is looked up: its shard group, none (nothing can be there), or out of reach. */
export type KeyPlace = ShardGroup | 'nothing' | 'unanswerable';

/**
 * The shard group of a key: the epoch's one group, or its partition's; 'nothing' when the partition
 * holds no entry (or the key has none); 'unanswerable' when the caller does not hold that partition.
 */
export function placeOfKey(membership: EpochMembership, key: string): KeyPlace {
  const { manifest, partitionRule } = membership;
  if (partitionRule === null) return shardGroups(manifest)[0]!;
  const partition = partitionOf(key, partitionRule);
  if (partition === null) return 'nothing';
  const group = shardGroupOf(manifest, partition);
  if (group === undefined) return 'nothing';
  const held = membership.partitions;
  return held !== undefined && !held.has(partition) ? 'unanswerable' : group;
}

/** The keys of a value's readings that must be digested (oprf mode: evaluated), and the others' fate. */
export function keysToDigest(membership: EpochMembership, keys: readonly string[]): string[] {
  return keys.filter((key) => typeof placeOfKey(membership, key) === 'object');
}

/** A value's readings placed in the epoch's shard groups, before any digest is computed. */
export interface PlacedValue {
  /** The keys to digest, each with the shard group it is looked up in. */
  readings: { key: string; place: ShardGroup }[];
  valid: boolean;
  unanswerable: boolean;
}

/** The readings of a raw value that must be digested and where, or why it is not a number. */
export function placeReadings(membership: EpochMembership, raw: string): PlacedValue | RejectReason {
  const read = readPhone(raw, membership.plan);
  if (!read.ok) return explainRejection(raw, read.reason);
  const readings: PlacedValue['readings'] = [];
  let unanswerable = false;
  for (const reading of read.readings) {
    const place = placeOfKey(membership, reading.key);
    if (place === 'unanswerable') unanswerable = true;
    if (typeof place === 'object') readings.push({ key: reading.key, place });
  }
  return { readings, valid: read.valid, unanswerable };
}
