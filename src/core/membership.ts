/**
 * "Is this number listed?", answered one way for every caller (the API, `check` on a cache or a store,
 * `scrub` and its threads, the browser): read the value in the epoch's dialling plan with the shared
 * reader (every reading of an ambiguous spelling: docs/NUMBERS.md), key each reading as the manifest's
 * mode says, pick the shard from the digest, and test the filter of a shard verified by
 * core/filter/shard-verifier.ts. A value is listed if any of its readings is; a value none of whose
 * readings is valid is "invalid" unless one is listed, never "not listed". A false negative here would
 * be the one bug that cannot happen, so there is no second copy of this path anywhere.
 *
 * Keying by mode (docs/FORMAT.md, section 1.2):
 *   open    HMAC-SHA-256 with the key published in the signed manifest
 *   secret  HMAC-SHA-256 with the operator's key, given by the caller
 *   oprf    the number's OPRF output, supplied by the caller (a journal of blinded evaluations, or the
 *           operator's own OPRF key)
 * A key whose id differs from the manifest's is refused: KEY_INVALID for a key the caller gave,
 * MANIFEST_INVALID for a published key that contradicts its own manifest.
 *
 * Scopes (docs/FORMAT.md §1.3): in an epoch whose register declares channels or sectors, a reading's
 * digest is not looked up itself; the scope digests of the check's labels are (four, derived locally
 * from the one digest). Partitions (§1.4): a reading goes to the shards of its partition; a partition
 * the epoch does not list holds nothing (not listed), one the caller may not answer for (not pulled,
 * not entitled) makes the value NOT_ENTITLED unless another reading is listed, never "not listed".
 *
 * Live additions (§14): a reading is also listed when an unexpired addition holds its digest itself
 * (an objection covers every scope), tested once the digest is computed, beside the shard lookups.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { DigestLookup } from './additions/addition-set.ts';
import { createKeyedHasher, HASH_SCHEME, hashKeyId, type KeyedHasher } from './digest/keyed-hash.ts';
import { fromBase64 } from './encoding/base64.ts';
import type { Manifest } from './epoch/manifest.ts';
import { type ShardGroup, shardGroupOf, shardGroups } from './epoch/shard-layout.ts';
import { QuietlistError } from './errors.ts';
import type { BloomFilter } from './filter/bloom-filter.ts';
import type { FilterSet } from './filter/shard-set.ts';
import { shardOf } from './filter/sharding.ts';
import { partitionOf } from './partitions/partition-rule.ts';
import { explainRejection } from './phone/excel-damage.ts';
import { assertSchemeApplies, readPhone } from './phone/normalize.ts';
import { type DiallingPlan, planOfRegion } from './phone/numbering-plan.ts';
import { REJECT_REASON_TEXT, type RejectReason } from './phone/reject-reasons.ts';
import type { PartitionRule } from './registers/profile.ts';
import { scopeDigests } from './scopes/scope-digest.ts';
import { ANY_SCOPE, queryLabels, type ScopeQuery } from './scopes/scope-labels.ts';

const OPRF_SCHEME = 'oprf-ristretto255-sha512';
const POPRF_SCHEME = 'poprf-ristretto255-sha512';

/** What the caller holds beyond the signed manifest. */
export interface MembershipKeys {
  /** secret mode: the operator's HMAC key. */
  hashKey?: Uint8Array;
  /** oprf mode: the OPRF output of each reading's key (every key looked up must have been evaluated). */
  oprfOutputs?: KeyedHasher;
}

/** What a check is about beyond the numbers. */
export interface MembershipOptions {
  /** Scoped epochs: the channel and sector checked (default: any channel, any sector). */
  scope?: ScopeQuery;
  /**
   * Partitioned epochs: the partitions the caller can answer for (pulled, or entitled); default every
   * one. A reading in another partition the epoch lists makes its value NOT_ENTITLED.
   */
  partitions?: ReadonlySet<string>;
}

/** One epoch, ready to answer: its manifest, the dialling plan values are read in, its keying. */
export interface EpochMembership {
  manifest: Manifest;
  region: CountryCode;
  plan: DiallingPlan;
  hasher: KeyedHasher;
  /**
   * A live list's additions on top of the filter (core/additions/, docs/FORMAT.md §14): a reading is
   * listed if the filter or an unexpired addition holds its digest. Read at each lookup, so a holder
   * that refreshes them (api/additions/additions-view.ts) needs no new membership.
   */
  additions?: DigestLookup;
  /** The scope checked, or null when the epoch declares none. */
  scope: ScopeQuery | null;
  /** The scope labels each reading looks up (docs/FORMAT.md §1.3), or null: the digest itself. */
  labels: string[] | null;
  /** The epoch's partition rule, or null when it is not partitioned. */
  partitionRule: PartitionRule | null;
  /** The partitions answered for; undefined: every one. */
  partitions: ReadonlySet<string> | undefined;
}

export type CheckResult =
  | { status: 'listed' | 'not_listed' }
  | { status: 'invalid'; reason: RejectReason; message: string };

/** What one value is: listed, not listed, or why it is not a phone number (or cannot be answered). */
export type Verdict = 'listed' | 'not_listed' | RejectReason;

/** Loads and verifies the shard at a manifest position (core/epoch/shard-layout.ts). */
export type ShardLoader = (position: number) => Promise<BloomFilter>;

/** The keying of `manifest`'s mode, checked against the manifest (scheme, key id), for a scope. */
export function epochMembership(
  manifest: Manifest,
  keys: MembershipKeys = {},
  region: CountryCode = epochRegion(manifest),
  options: MembershipOptions = {},
): EpochMembership {
  // Keys computed under another normalisation rule could answer a registered number "free".
  assertSchemeApplies(manifest);
  const scopes = manifest.register?.scopes;
  const scope = scopes ? (options.scope ?? ANY_SCOPE) : null;
  return {
    manifest,
    region,
    plan: planOfRegion(region),
    hasher: hasherFor(manifest, keys),
    scope,
    labels: scopes && scope ? queryLabels(scopes, scope) : null,
    partitionRule: manifest.register?.partition ?? null,
    partitions: options.partitions,
  };
}
/** The same epoch and keying, for another scope or other partitions (the API, per request). */
export function membershipFor(membership: EpochMembership, options: MembershipOptions): EpochMembership {
  const scopes = membership.manifest.register?.scopes;
  const scope = scopes ? (options.scope ?? ANY_SCOPE) : null;
  return {
    ...membership,
    scope,
    labels: scopes && scope ? queryLabels(scopes, scope) : null,
    partitions: options.partitions,
  };
}

/** The same membership, answering with a list's live additions too (the same digests, every reading). */
export function withAdditions(membership: EpochMembership, additions: DigestLookup): EpochMembership {
  return { ...membership, additions };
}

function hasherFor(manifest: Manifest, keys: MembershipKeys): KeyedHasher {
  const { epoch, mode, hash } = manifest;
  const expectedScheme = mode !== 'oprf' ? HASH_SCHEME : manifest.partitions ? POPRF_SCHEME : OPRF_SCHEME;
  if (hash.scheme !== expectedScheme) {
    throw new QuietlistError(
      'MANIFEST_INVALID',
      `epoch ${epoch} is in ${mode} mode but names ${hash.scheme}`,
    );
  }
  if (mode === 'oprf') {
    if (!keys.oprfOutputs) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `epoch ${epoch} is in oprf mode: each number needs one blinded evaluation by the worker`,
      );
    }
    return keys.oprfOutputs;
  }
  if (mode === 'open') {
    if (hash.key === undefined)
      throw new QuietlistError('MANIFEST_INVALID', `epoch ${epoch} is in open mode but publishes no key`);
    let key: Uint8Array;
    try {
      key = fromBase64(hash.key, 'manifest hash key');
    } catch {
      throw new QuietlistError('MANIFEST_INVALID', `the published hash key of epoch ${epoch} is not base64`);
    }
    if (hashKeyId(key) !== hash.keyId) {
      throw new QuietlistError(
        'MANIFEST_INVALID',
        `the published hash key of epoch ${epoch} does not match its key id`,
      );
    }
    return createKeyedHasher(key);
  }
  if (!keys.hashKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${epoch} is in secret mode: only the operator's hash key (or its worker, check --online) can check it`,
    );
  }
  if (hashKeyId(keys.hashKey) !== hash.keyId) {
    throw new QuietlistError(
      'KEY_INVALID',
      `the hash key does not match epoch ${epoch} (key id ${hash.keyId})`,
    );
  }
  return createKeyedHasher(keys.hashKey);
}

/** The region an epoch's national-format numbers are read in: the builder's (docs/FORMAT.md, 1.1). */
export function epochRegion(manifest: Manifest): CountryCode {
  return manifest.normalization.defaultRegion as CountryCode;
}

/** The dialling plan an epoch's values are read in: the plan of its region (docs/NUMBERS.md). */
export function epochPlan(manifest: Manifest): DiallingPlan {
  return planOfRegion(epochRegion(manifest));
}

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

const LISTED: CheckResult = Object.freeze({ status: 'listed' });
const NOT_LISTED: CheckResult = Object.freeze({ status: 'not_listed' });
const INVALID: Record<'NO_VALID_READING' | 'NOT_ENTITLED', CheckResult> = {
  NO_VALID_READING: Object.freeze({
    status: 'invalid',
    reason: 'NO_VALID_READING',
    message: REJECT_REASON_TEXT.NO_VALID_READING,
  }),
  NOT_ENTITLED: Object.freeze({
    status: 'invalid',
    reason: 'NOT_ENTITLED',
    message: REJECT_REASON_TEXT.NOT_ENTITLED,
  }),
};

/**
 * Listed if any reading is; otherwise NOT_ENTITLED if a reading could not be looked up, not listed if
 * a reading is valid, else invalid: a value is never "not listed" unless every reading was looked at.
 */
export function verdictOf(listed: boolean, keyed: Pick<KeyedValue, 'valid' | 'unanswerable'>): Verdict {
  if (listed) return 'listed';
  if (keyed.unanswerable) return 'NOT_ENTITLED';
  return keyed.valid ? 'not_listed' : 'NO_VALID_READING';
}

function resultOf(verdict: Verdict): CheckResult {
  if (verdict === 'listed') return LISTED;
  if (verdict === 'not_listed') return NOT_LISTED;
  if (verdict === 'NO_VALID_READING' || verdict === 'NOT_ENTITLED') return INVALID[verdict];
  return { status: 'invalid', reason: verdict, message: REJECT_REASON_TEXT[verdict] };
}

/**
 * Answers for digests of one shard, named by its manifest position (core/epoch/shard-layout.ts: the
 * index in an unpartitioned epoch), in the order given: true where the shard's verified filter holds
 * the digest. The API answers through it from memory or from shard-resident Durable Objects
 * (src/api/shards/); an answer of another length is refused, never read as "not listed".
 */
export type ShardDigestLookup = (
  position: number,
  digests: readonly Uint8Array[],
) => Promise<readonly boolean[]>;

/**
 * Checks numbers, loading (through the caller's verifying loader) only the shards they fall in, a few
 * at a time: memory holds the caller's shard cache plus `shardLoadsInFlight` shards. Results are in
 * input order.
 */
export function checkNumbers(
  membership: EpochMembership,
  numbers: readonly string[],
  loadShard: ShardLoader,
  options: { shardLoadsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const lookup: ShardDigestLookup = async (position, digests) => {
    const filter = await loadShard(position);
    return digests.map((digest) => filter.has(digest));
  };
  return checkNumbersByShard(membership, numbers, lookup, { shardsInFlight: options.shardLoadsInFlight });
}

/**
 * Checks numbers with one lookup per shard their readings' lookups fall in (by manifest position, so a
 * partitioned epoch's shards are asked like any other; every lookup of that shard together, so a value
 * whose readings or scope digests land in two shards is asked of both), at most `shardsInFlight` at
 * once. A value is listed if any lookup's answer is (the rule of createNumberClassifier). Results are
 * in input order.
 */
export async function checkNumbersByShard(
  membership: EpochMembership,
  numbers: readonly string[],
  lookup: ShardDigestLookup,
  options: { shardsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(numbers.length);
  const keyed: (KeyedValue | undefined)[] = new Array(numbers.length);
  // One entry per lookup, in flat arrays (no per-lookup objects: the API's hot path); each shard
  // holds the positions of its lookups' digests.
  const digests: Uint8Array[] = [];
  const numberOfDigest: number[] = [];
  const digestsByShard = new Map<number, number[]>();
  const listed = new Uint8Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    const key = keyNumber(membership, numbers[i]!);
    if (typeof key === 'string') {
      results[i] = resultOf(key);
      continue;
    }
    keyed[i] = key;
    if (key.added) listed[i] = 1;
    for (const each of key.lookups) {
      const position = digests.length;
      digests.push(each.digest);
      numberOfDigest.push(i);
      const positions = digestsByShard.get(each.position);
      if (positions) positions.push(position);
      else digestsByShard.set(each.position, [position]);
    }
  }
  const shards = [...digestsByShard];
  const worker = async () => {
    for (let next = shards.shift(); next !== undefined; next = shards.shift()) {
      const [shard, positions] = next;
      const answers = await lookup(
        shard,
        positions.map((d) => digests[d]!),
      );
      if (answers.length !== positions.length) {
        // A lost answer must never read as "not listed" (a false negative).
        throw new QuietlistError(
          'FORMAT_INVALID',
          `shard ${shard} answered ${answers.length} lookups for ${positions.length} digests`,
        );
      }
      for (let j = 0; j < positions.length; j++) {
        if (answers[j]) listed[numberOfDigest[positions[j]!]!] = 1;
      }
    }
  };
  const inFlight = Math.max(1, options.shardsInFlight ?? 2);
  await Promise.all(Array.from({ length: Math.min(inFlight, shards.length) }, worker));
  for (let i = 0; i < numbers.length; i++) {
    if (results[i] !== undefined) continue;
    results[i] = resultOf(verdictOf(listed[i] === 1, keyed[i]!));
  }
  return results;
}

/**
 * A synchronous classifier over the shards held, loaded and verified (scrub, its threads), by manifest
 * position: a lookup in a shard not held is a caller's bug, refused rather than read as "not listed".
 */
export function createNumberClassifier(
  membership: EpochMembership,
  filters: FilterSet,
): (raw: string) => Verdict {
  return (raw) => {
    const key = keyNumber(membership, raw);
    if (typeof key === 'string') return key;
    if (key.added) return verdictOf(true, key);
    let listed = false;
    for (const lookup of key.lookups) {
      const filter = filters.at(lookup.position);
      if (filter === undefined)
        throw new QuietlistError('INVALID_ARGUMENT', `shard ${lookup.position} is not loaded`);
      if (filter.has(lookup.digest)) {
        listed = true;
        break;
      }
    }
    return verdictOf(listed, key);
  };
}
