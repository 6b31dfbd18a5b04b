/**
 * "Is this number listed?", answered one way for every caller (the API, `check` on a cache or a store,
 * `scrub` and its threads, the browser): read the value in the epoch's dialling plan with the shared
 * reader (every reading of an ambiguous spelling: docs/NUMBERS.md), key each reading as the manifest's
 * mode says, pick the shard from the digest, and test the filter of a shard verified by
 * core/filter/shard-verifier.ts. A value is listed if any of its readings is; a value none of whose
 * readings is valid is "invalid" unless one is listed, never "not listed". A false negative here would
 * be the one bug that cannot happen, so there is no second copy of this path anywhere.
 *
 * This file is the path's one entry: callers import from here, the steps live in core/membership/:
 *   epoch-membership.ts   an epoch made ready to answer (plan, region, scope, partitions held)
 *   mode-hasher.ts        the keying of its mode (open, secret, oprf: docs/FORMAT.md §1.2), key ids checked
 *   reading-places.ts     where each reading is looked up: a shard group, its partition's (§1.4), or none
 *   keyed-readings.ts     the digests and lookups of a value (scope digests: §1.3; live additions: §14)
 *   verdicts.ts           listed, not listed, invalid, NOT_ENTITLED from the answered lookups
 *   check-numbers.ts      batches a shard at a time (the API, `check`)
 *   number-classifier.ts  one value at a time over the shards held (scrub, the browser)
 */
export {
  checkNumbers,
  checkNumbersByShard,
  type ShardDigestLookup,
  type ShardLoader,
} from './membership/check-numbers.ts';
export {
  type EpochMembership,
  epochMembership,
  epochPlan,
  epochRegion,
  type MembershipOptions,
  membershipFor,
  withAdditions,
} from './membership/epoch-membership.ts';
export {
  addLookups,
  type KeyedValue,
  keyNumber,
  type Lookup,
  readingDigests,
} from './membership/keyed-readings.ts';
export type { MembershipKeys } from './membership/mode-hasher.ts';
export { createNumberClassifier } from './membership/number-classifier.ts';
export {
  type KeyPlace,
  keysToDigest,
  type PlacedValue,
  placeOfKey,
  placeReadings,
} from './membership/reading-places.ts';
export { type CheckResult, type Verdict, verdictOf } from './membership/verdicts.ts';
