/**
 * What a hashing thread needs to classify rows: the verified shard files (shared, not copied), the
 * signed manifest and the region. The thread builds the same membership path as the main thread
 * (core/membership.ts), from the manifest, so no key travels on its own.
 *
 * A batch of values is classified either value by value (createRowClassifier), or, given a batch HMAC
 * (the native one of a Node hashing thread: classifier-pool.ts), in two steps over the same path:
 * every value is read and keyed by core/membership.ts's keyNumber, whose hasher only notes each
 * reading's key and hands out the place its digest will have; one native call then fills every
 * digest of the batch, and the filters are asked. The verdict is the membership path's rule (listed if
 * any reading is; else not listed, or NO_VALID_READING when no reading is valid): the statuses are
 * those of the value-by-value path, which test/unit/client/scrub/batch-classifier.test.ts checks.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { KeyedHasher } from '../../core/digest/keyed-hash.ts';
import { createShortHmacSha256 } from '../../core/digest/short-hmac.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { epochMembership, type KeyedValue, keyNumber } from '../../core/membership.ts';
import type { RejectReason } from '../../core/phone/reject-reasons.ts';
import { asUtf8, createRowClassifier, invalidStatus, LISTED, NO_FIELD, NOT_LISTED } from './row-status.ts';

export interface ClassifierSetup {
  /** Shard files verified against the manifest, by index; SharedArrayBuffers when threads use them. */
  shards: Uint8Array[];
  manifest: Manifest;
  region: CountryCode;
}

/**
 * HMAC-SHA-256 of many messages at once: out[32·i ..] = HMAC(key, messages[ends[i − 1] .. ends[i]]),
 * ends[−1] = 0 (the native addon's signature, native/keyed-hash.c). Returns -1, or the first failure.
 */
export type HmacSha256Many = (
  out: Uint8Array,
  key: Uint8Array,
  messages: Uint8Array,
  ends: Uint32Array,
) => number;

/** Statuses of a batch: value i is joined.slice(…) of lengths[i] characters (-1: no field). */
export type BatchClassifier = (joined: string, lengths: Int32Array) => Uint8Array<ArrayBuffer>;

function filtersOf(setup: ClassifierSetup): FilterSet {
  return new FilterSet(
    setup.manifest.filter.shardPrefixBits,
    setup.shards.map((bytes) => parseFilter(bytes).filter),
  );
}

export function classifierFromSetup(setup: ClassifierSetup): (value: string | undefined) => number {
  return createRowClassifier(epochMembership(setup.manifest, {}, setup.region), filtersOf(setup));
}

/** A batch classifier: with `hmacMany` (an open-mode epoch) the digests of a batch are computed together. */
export function batchClassifierFromSetup(setup: ClassifierSetup, hmacMany?: HmacSha256Many): BatchClassifier {
  const membership = epochMembership(setup.manifest, {}, setup.region);
  const filters = filtersOf(setup);
  const published = setup.manifest.mode === 'open' ? setup.manifest.hash.key : undefined;
  if (!hmacMany || published === undefined) {
    const classify = createRowClassifier(membership, filters);
    return (joined, lengths) => {
      const statuses = new Uint8Array(lengths.length);
      forEachValue(joined, lengths, (i, value) => {
        statuses[i] = classify(value);
      });
      return statuses;
    };
  }
  // epochMembership checked the published key against the manifest's key id.
  const hasher = new DeferredHasher(fromBase64(published, 'manifest hash key'), hmacMany);
  const deferred = { ...membership, hasher };
  const NO_VALID_READING = invalidStatus('NO_VALID_READING');
  let keyed: (KeyedValue | RejectReason | undefined)[] = [];
  return (joined, lengths) => {
    if (keyed.length < lengths.length) keyed = new Array(lengths.length);
    forEachValue(joined, lengths, (i, value) => {
      keyed[i] = value === undefined ? undefined : keyNumber(deferred, asUtf8(value));
    });
    hasher.fill();
    const statuses = new Uint8Array(lengths.length);
    for (let i = 0; i < lengths.length; i++) {
      const key = keyed[i];
      keyed[i] = undefined;
      if (key === undefined) statuses[i] = NO_FIELD;
      else if (typeof key === 'string') statuses[i] = invalidStatus(key);
      else statuses[i] = anyListed(filters, key.digests) ? LISTED : key.valid ? NOT_LISTED : NO_VALID_READING;
    }
    // Every digest of the batch has been read (and `keyed` let go of them): their blocks serve again.
    hasher.rewind();
    return statuses;
  };
}

/** Calls `each` with every value of a batch (undefined: no field), in order. */
function forEachValue(
  joined: string,
  lengths: Int32Array,
  each: (index: number, value: string | undefined) => void,
): void {
  let offset = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i]!;
    if (length < 0) {
      each(i, undefined);
      continue;
    }
    each(i, joined.slice(offset, offset + length));
    offset += length;
  }
}

function anyListed(filters: FilterSet, digests: readonly Uint8Array[]): boolean {
  for (const digest of digests) if (filters.has(digest)) return true;
  return false;
}

/** Digests per block of the deferred hasher; an E.164 key has at most 16 characters. */
const BLOCK_DIGESTS = 4096;
const MAX_DEFERRED_LENGTH = 32;

/**
 * A keyed hasher whose digests are filled later, all at once: digest() notes the key and returns the
 * 32 bytes its digest will occupy; fill() computes every noted digest (before anything reads one). A
 * key that is not short ASCII is hashed at once by the JavaScript HMAC. The blocks of digests are used
 * again from the first once a batch's statuses are known (rewind()), when no digest of it is read again.
 */
class DeferredHasher implements KeyedHasher {
  readonly #key: Uint8Array;
  readonly #hmacMany: HmacSha256Many;
  readonly #now: (message: string) => Uint8Array;
  readonly #messages = new Uint8Array(BLOCK_DIGESTS * MAX_DEFERRED_LENGTH);
  readonly #ends = new Uint32Array(BLOCK_DIGESTS);
  readonly #blocks: Uint8Array[] = [new Uint8Array(BLOCK_DIGESTS * 32)];
  #block = 0;
  #count = 0;
  #end = 0;

  constructor(key: Uint8Array, hmacMany: HmacSha256Many) {
    this.#key = key;
    this.#hmacMany = hmacMany;
    this.#now = createShortHmacSha256(key);
  }

  digest(e164: string): Uint8Array {
    const length = e164.length;
    if (length > MAX_DEFERRED_LENGTH) return this.#now(e164);
    if (this.#count === BLOCK_DIGESTS) this.fill();
    const messages = this.#messages;
    const start = this.#end;
    for (let i = 0; i < length; i++) {
      const code = e164.charCodeAt(i);
      if (code > 0x7f) return this.#now(e164);
      messages[start + i] = code;
    }
    this.#end = start + length;
    this.#ends[this.#count] = this.#end;
    const at = 32 * this.#count++;
    return this.#blocks[this.#block]!.subarray(at, at + 32);
  }

  /** Computes every digest handed out since the last fill; the next ones go to the next block. */
  fill(): void {
    if (this.#count === 0) return;
    const failed = this.#hmacMany(
      this.#blocks[this.#block]!,
      this.#key,
      this.#messages.subarray(0, this.#end),
      this.#ends.subarray(0, this.#count),
    );
    if (failed !== -1) throw new Error(`the native HMAC failed on item ${failed} of ${this.#count}`);
    this.#block++;
    if (this.#block === this.#blocks.length) this.#blocks.push(new Uint8Array(BLOCK_DIGESTS * 32));
    this.#count = 0;
    this.#end = 0;
  }

  /** After fill(), once no digest handed out is read again: the next digests overwrite the first block. */
  rewind(): void {
    if (this.#count !== 0) throw new Error('rewinding a hasher with digests not yet filled');
    this.#block = 0;
  }
}
