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
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { type DigestLookup, NO_ADDITIONS } from './additions/addition-set.ts';
import { createKeyedHasher, HASH_SCHEME, hashKeyId, type KeyedHasher } from './digest/keyed-hash.ts';
import { fromBase64 } from './encoding/base64.ts';
import type { Manifest } from './epoch/manifest.ts';
import { QuietlistError } from './errors.ts';
import type { BloomFilter } from './filter/bloom-filter.ts';
import type { FilterSet } from './filter/shard-set.ts';
import { shardOf } from './filter/sharding.ts';
import { explainRejection } from './phone/excel-damage.ts';
import { assertSchemeApplies, readPhone } from './phone/normalize.ts';
import { type DiallingPlan, planOfRegion } from './phone/numbering-plan.ts';
import { REJECT_REASON_TEXT, type RejectReason } from './phone/reject-reasons.ts';

const OPRF_SCHEME = 'oprf-ristretto255-sha512';

/** What the caller holds beyond the signed manifest. */
export interface MembershipKeys {
  /** secret mode: the operator's HMAC key. */
  hashKey?: Uint8Array;
  /** oprf mode: the OPRF output of each reading's key (every key looked up must have been evaluated). */
  oprfOutputs?: KeyedHasher;
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
}

export type CheckResult =
  | { status: 'listed' | 'not_listed' }
  | { status: 'invalid'; reason: RejectReason; message: string };

/** What one value is: listed, not listed, or why it is not a phone number. */
export type Verdict = 'listed' | 'not_listed' | RejectReason;

export type ShardLoader = (index: number) => Promise<BloomFilter>;

/** The keying of `manifest`'s mode, checked against the manifest (scheme, key id). */
export function epochMembership(
  manifest: Manifest,
  keys: MembershipKeys = {},
  region: CountryCode = epochRegion(manifest),
): EpochMembership {
  // Keys computed under another normalisation rule could answer a registered number "free".
  assertSchemeApplies(manifest);
  return {
    manifest,
    region,
    plan: planOfRegion(region),
    hasher: hasherFor(manifest, keys),
  };
}

/** The same membership, answering with a list's live additions too (the same digests, every reading). */
export function withAdditions(membership: EpochMembership, additions: DigestLookup): EpochMembership {
  return { ...membership, additions };
}

function hasherFor(manifest: Manifest, keys: MembershipKeys): KeyedHasher {
  const { epoch, mode, hash } = manifest;
  const expectedScheme = mode === 'oprf' ? OPRF_SCHEME : HASH_SCHEME;
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

/** The filter digests of every reading of a raw value, and whether any reading is valid. */
export interface KeyedValue {
  digests: Uint8Array[];
  valid: boolean;
}

/** The digests of a raw value's readings, or why it is not a number. */
export function keyNumber(membership: EpochMembership, raw: string): KeyedValue | RejectReason {
  const read = readPhone(raw, membership.plan);
  if (!read.ok) return explainRejection(raw, read.reason);
  return {
    digests: read.readings.map((reading) => membership.hasher.digest(reading.key)),
    valid: read.valid,
  };
}

const LISTED: CheckResult = Object.freeze({ status: 'listed' });
const NOT_LISTED: CheckResult = Object.freeze({ status: 'not_listed' });
const NO_VALID_READING: CheckResult = Object.freeze({
  status: 'invalid',
  reason: 'NO_VALID_READING',
  message: REJECT_REASON_TEXT.NO_VALID_READING,
});

/** Listed if any reading is; otherwise not listed, or invalid when no reading is a valid number. */
function verdictOf(listed: boolean, valid: boolean): Verdict {
  return listed ? 'listed' : valid ? 'not_listed' : 'NO_VALID_READING';
}

/**
 * Answers for digests of one shard, in the order given: true where the shard's verified filter holds
 * the digest. The API answers through it from memory or from shard-resident Durable Objects
 * (src/api/shards/); an answer of another length is refused, never read as "not listed".
 */
export type ShardDigestLookup = (
  shard: number,
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
  const lookup: ShardDigestLookup = async (shard, digests) => {
    const filter = await loadShard(shard);
    return digests.map((digest) => filter.has(digest));
  };
  return checkNumbersByShard(membership, numbers, lookup, { shardsInFlight: options.shardLoadsInFlight });
}

/**
 * Checks numbers with one lookup per shard their readings fall in (every reading's digest of that shard
 * together, so a value whose readings land in two shards is asked of both), at most `shardsInFlight` at
 * once. A value is listed if any reading's answer is (the rule of createNumberClassifier). Results are
 * in input order.
 */
export async function checkNumbersByShard(
  membership: EpochMembership,
  numbers: readonly string[],
  lookup: ShardDigestLookup,
  options: { shardsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const prefixBits = membership.manifest.filter.shardPrefixBits;
  const results: CheckResult[] = new Array(numbers.length);
  // One entry per reading, in flat arrays (no per-reading objects: the API's hot path); each shard
  // holds the positions of its readings' digests.
  const digests: Uint8Array[] = [];
  const numberOfDigest: number[] = [];
  const digestsByShard = new Map<number, number[]>();
  const valid = new Uint8Array(numbers.length);
  const listed = new Uint8Array(numbers.length);
  const additions = membership.additions ?? NO_ADDITIONS;
  for (let i = 0; i < numbers.length; i++) {
    const key = keyNumber(membership, numbers[i]!);
    if (typeof key === 'string') {
      results[i] = { status: 'invalid', reason: key, message: REJECT_REASON_TEXT[key] };
      continue;
    }
    valid[i] = key.valid ? 1 : 0;
    for (const digest of key.digests) {
      if (additions.has(digest)) listed[i] = 1;
      const shard = shardOf(digest, prefixBits);
      const position = digests.length;
      digests.push(digest);
      numberOfDigest.push(i);
      const positions = digestsByShard.get(shard);
      if (positions) positions.push(position);
      else digestsByShard.set(shard, [position]);
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
    const verdict = verdictOf(listed[i] === 1, valid[i] === 1);
    results[i] = verdict === 'listed' ? LISTED : verdict === 'not_listed' ? NOT_LISTED : NO_VALID_READING;
  }
  return results;
}

/** A synchronous classifier over every shard of the epoch, loaded and verified (scrub, its threads). */
export function createNumberClassifier(
  membership: EpochMembership,
  filters: FilterSet,
): (raw: string) => Verdict {
  const additions = membership.additions ?? NO_ADDITIONS;
  return (raw) => {
    const key = keyNumber(membership, raw);
    if (typeof key === 'string') return key;
    return verdictOf(
      key.digests.some((digest) => filters.has(digest) || additions.has(digest)),
      key.valid,
    );
  };
}
