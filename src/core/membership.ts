/**
 * "Is this number listed?", answered one way for every caller (the API, `check` on a cache or a store,
 * `scrub` and its threads, the browser): normalise with the shared normaliser and the epoch's region,
 * key the E.164 string as the manifest's mode says, pick the shard from the digest, and test the
 * filter of a shard verified by core/filter/shard-verifier.ts. A false negative here would be the one bug that
 * cannot happen, so there is no second copy of this path anywhere.
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
import { createKeyedHasher, HASH_SCHEME, hashKeyId, type KeyedHasher } from './digest/keyed-hash.ts';
import { fromBase64 } from './encoding/base64.ts';
import type { Manifest } from './epoch/manifest.ts';
import { QuietlistError } from './errors.ts';
import type { BloomFilter } from './filter/bloom-filter.ts';
import type { FilterSet } from './filter/shard-set.ts';
import { shardOf } from './filter/sharding.ts';
import { explainRejection } from './phone/excel-damage.ts';
import { assertSchemeApplies, normalizePhone } from './phone/normalize.ts';
import { REJECT_REASON_TEXT, type RejectReason } from './phone/reject-reasons.ts';

const OPRF_SCHEME = 'oprf-ristretto255-sha512';

/** What the caller holds beyond the signed manifest. */
export interface MembershipKeys {
  /** secret mode: the operator's HMAC key. */
  hashKey?: Uint8Array;
  /** oprf mode: each number's OPRF output (every number looked up must have been evaluated). */
  oprfOutputs?: KeyedHasher;
}

/** One epoch, ready to answer: its manifest, the region national numbers are read in, its keying. */
export interface EpochMembership {
  manifest: Manifest;
  region: CountryCode;
  hasher: KeyedHasher;
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
  return { manifest, region, hasher: hasherFor(manifest, keys) };
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

/** The filter digest of a raw value, or why it is not a number. */
export function keyNumber(membership: EpochMembership, raw: string): Uint8Array | RejectReason {
  const normalized = normalizePhone(raw, membership.region);
  return normalized.ok ? membership.hasher.digest(normalized.e164) : explainRejection(raw, normalized.reason);
}

const LISTED: CheckResult = Object.freeze({ status: 'listed' });
const NOT_LISTED: CheckResult = Object.freeze({ status: 'not_listed' });

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
 * Checks numbers with one lookup per shard they fall in (the digests of that shard together), at most
 * `shardsInFlight` at once. Results are in input order.
 */
export async function checkNumbersByShard(
  membership: EpochMembership,
  numbers: readonly string[],
  lookup: ShardDigestLookup,
  options: { shardsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const prefixBits = membership.manifest.filter.shardPrefixBits;
  const results: CheckResult[] = new Array(numbers.length);
  const digests: Uint8Array[] = new Array(numbers.length);
  // Input positions per shard (no per-number objects: the API's hot path).
  const positionsByShard = new Map<number, number[]>();
  for (let i = 0; i < numbers.length; i++) {
    const key = keyNumber(membership, numbers[i]!);
    if (typeof key === 'string') {
      results[i] = { status: 'invalid', reason: key, message: REJECT_REASON_TEXT[key] };
      continue;
    }
    digests[i] = key;
    const shard = shardOf(key, prefixBits);
    const positions = positionsByShard.get(shard);
    if (positions) positions.push(i);
    else positionsByShard.set(shard, [i]);
  }
  const shards = [...positionsByShard];
  const worker = async () => {
    for (let next = shards.shift(); next !== undefined; next = shards.shift()) {
      const [shard, positions] = next;
      const answers = await lookup(
        shard,
        positions.map((i) => digests[i]!),
      );
      if (answers.length !== positions.length) {
        // A lost answer must never read as "not listed" (a false negative).
        throw new QuietlistError(
          'FORMAT_INVALID',
          `shard ${shard} answered ${answers.length} lookups for ${positions.length} digests`,
        );
      }
      for (let j = 0; j < positions.length; j++) results[positions[j]!] = answers[j] ? LISTED : NOT_LISTED;
    }
  };
  const inFlight = Math.max(1, options.shardsInFlight ?? 2);
  await Promise.all(Array.from({ length: Math.min(inFlight, shards.length) }, worker));
  return results;
}

/** A synchronous classifier over every shard of the epoch, loaded and verified (scrub, its threads). */
export function createNumberClassifier(
  membership: EpochMembership,
  filters: FilterSet,
): (raw: string) => Verdict {
  return (raw) => {
    const key = keyNumber(membership, raw);
    if (typeof key === 'string') return key;
    return filters.has(key) ? 'listed' : 'not_listed';
  };
}
