/**
 * A value's placed readings (reading-places.ts) keyed as the epoch's mode says and turned into the
 * lookups that decide it: in a scoped epoch (docs/FORMAT.md §1.3) not the reading's digest itself but
 * the scope digests of the check's labels, each at the shard its prefix names. A live addition
 * (docs/FORMAT.md §14) holds the digest itself and covers every scope, so it is tested here, once the
 * digest is computed, beside the shard lookups.
 */
import type { ShardGroup } from '../epoch/shard-layout.ts';
import { shardOf } from '../filter/sharding.ts';
import type { RejectReason } from '../phone/reject-reasons.ts';
import { scopeDigests } from '../scopes/scope-digest.ts';
import type { EpochMembership } from './epoch-membership.ts';
import { placeReadings } from './reading-places.ts';

/** One digest to test, at the manifest position of its shard. */
export interface Lookup {
  position: number;
  digest: Uint8Array;
}

/** The lookups of a raw value's readings, whether any reading is valid, and whether one was out of reach. */
export interface KeyedValue {
  lookups: Lookup[];
  /** A live addition holds a reading's digest (listed whatever the filter says). */
  added: boolean;
  valid: boolean;
  /** A reading in a partition the epoch lists but the caller cannot answer for (not pulled, not entitled). */
  unanswerable: boolean;
}

/**
 * Adds to `lookups` what a reading's digest is looked up as: itself, or its scope digests, each at the
 * position its prefix names in the reading's shard group. Returns true when a live addition holds the
 * digest itself (an addition covers every scope, docs/FORMAT.md §14). Callers that compute digests in
 * batches (the scrub's native HMAC) call it once the digest is filled.
 */
export function addLookups(
  membership: EpochMembership,
  place: ShardGroup,
  digest: Uint8Array,
  lookups: Lookup[],
): boolean {
  const digests = membership.labels ? scopeDigests(digest, membership.labels) : [digest];
  for (const each of digests)
    lookups.push({ position: place.first + shardOf(each, place.shardPrefixBits), digest: each });
  return membership.additions?.has(digest) === true;
}

/** The lookups of a raw value's readings, or why it is not a number. */
export function keyNumber(membership: EpochMembership, raw: string): KeyedValue | RejectReason {
  const placed = placeReadings(membership, raw);
  if (typeof placed === 'string') return placed;
  const lookups: Lookup[] = [];
  let added = false;
  for (const { key, place } of placed.readings) {
    if (addLookups(membership, place, membership.hasher.digest(key), lookups)) added = true;
  }
  return { lookups, added, valid: placed.valid, unanswerable: placed.unanswerable };
}

/**
 * The digests of a raw value's readings themselves (no scope digest, no shard): what a live addition
 * holds for a number (docs/FORMAT.md §14), or why it is not a number.
 */
export function readingDigests(membership: EpochMembership, raw: string): Uint8Array[] | RejectReason {
  const placed = placeReadings(membership, raw);
  if (typeof placed === 'string') return placed;
  return placed.readings.map(({ key }) => membership.hasher.digest(key));
}
