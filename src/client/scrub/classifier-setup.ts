/**
 * What a hashing thread needs to classify rows: the verified shard files (shared, not copied), the
 * signed manifest, the region, the scope checked and the partitions held. The thread builds the same
 * membership path as the main thread (core/membership.ts), from the manifest, so no key travels on
 * its own; a live list's additions travel as the digest heads of its unexpired entries.
 *
 * A batch of values is classified either value by value (createRowClassifier), or, given a batch HMAC
 * (the native one of a Node hashing thread: classifier-pool.ts), in two steps over the same path:
 * every value is read and its readings placed by core/membership.ts's placeReadings, whose keys a
 * deferred hasher only notes, handing out the place each digest will have; one native call then fills
 * every digest of the batch, and only then are the lookups derived from them (scope digests, shard
 * positions: core/membership.ts's addLookups) and the filters asked. The verdict is the membership
 * path's rule (verdictOf), so the statuses are those of the value-by-value path, which
 * test/unit/client/scrub/batch-classifier.test.ts checks, scoped and partitioned epochs included.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { AdditionSet } from '../../core/additions/addition-set.ts';
import type { KeyedHasher } from '../../core/digest/keyed-hash.ts';
import { createShortHmacSha256 } from '../../core/digest/short-hmac.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import {
  addLookups,
  type EpochMembership,
  epochMembership,
  type Lookup,
  type PlacedValue,
  placeReadings,
  verdictOf,
  withAdditions,
} from '../../core/membership.ts';
import type { RejectReason } from '../../core/phone/reject-reasons.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { asUtf8, createRowClassifier, invalidStatus, NO_FIELD, statusOfVerdict } from './row-status.ts';

export interface ClassifierSetup {
  /**
   * Shard files verified against the manifest, by manifest position (holes: shards of partitions not
   * held); SharedArrayBuffers when threads use them.
   */
  shards: (Uint8Array | undefined)[];
  manifest: Manifest;
  region: CountryCode;
  /** A live list's unexpired additions (digest heads, hex), on top of the filter. */
  additions?: string[];
  /** Scoped epochs: the channel and sector checked (default any). */
  scope?: ScopeQuery;
  /** Partitioned epochs: the partitions held (default every one). */
  partitions?: readonly string[];
}

/** The filters held, by manifest position. */
export function filtersOf(shards: readonly (Uint8Array | undefined)[]): FilterSet {
  return FilterSet.atPositions(shards.map((bytes) => (bytes ? parseFilter(bytes).filter : undefined)));
}

function membershipOf(setup: ClassifierSetup): EpochMembership {
  const membership = epochMembership(setup.manifest, {}, setup.region, {
    ...(setup.scope ? { scope: setup.scope } : {}),
    ...(setup.partitions ? { partitions: new Set(setup.partitions) } : {}),
  });
  return setup.additions ? withAdditions(membership, AdditionSet.fromHex(setup.additions)) : membership;
}

export function classifierFromSetup(setup: ClassifierSetup): (value: string | undefined) => number {
  return createRowClassifier(membershipOf(setup), filtersOf(setup.shards));
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

/** A batch classifier: with `hmacMany` (an open-mode epoch) the digests of a batch are computed together. */
export function batchClassifierFromSetup(setup: ClassifierSetup, hmacMany?: HmacSha256Many): BatchClassifier {
  const membership = membershipOf(setup);
  const filters = filtersOf(setup.shards);
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
  let placed: (PlacedValue | RejectReason | undefined)[] = [];
  let digests: Uint8Array[][] = [];
  const lookups: Lookup[] = [];
  return (joined, lengths) => {
    if (placed.length < lengths.length) {
      placed = new Array(lengths.length);
      digests = Array.from({ length: lengths.length }, () => []);
    }
    forEachValue(joined, lengths, (i, value) => {
      const one = value === undefined ? undefined : placeReadings(membership, asUtf8(value));
      placed[i] = one;
      const noted = digests[i]!;
      noted.length = 0;
      if (one !== undefined && typeof one !== 'string') {
        for (const reading of one.readings) noted.push(hasher.digest(reading.key));
      }
    });
    hasher.fill();
    const statuses = new Uint8Array(lengths.length);
    for (let i = 0; i < lengths.length; i++) {
      const one = placed[i];
      placed[i] = undefined;
      if (one === undefined) statuses[i] = NO_FIELD;
      else if (typeof one === 'string') statuses[i] = invalidStatus(one);
      else {
        lookups.length = 0;
        const noted = digests[i]!;
        let added = false;
        const { readings } = one;
        for (let r = 0; r < readings.length; r++) {
          if (addLookups(membership, readings[r]!.place, noted[r]!, lookups)) added = true;
        }
        statuses[i] = statusOfVerdict(verdictOf(added || anyListed(filters, lookups), one));
      }
    }
    // Every digest of the batch has been read: their blocks serve again.
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

/** Listed if any lookup's filter holds its digest; a shard not held is never read as "not listed". */
function anyListed(filters: FilterSet, lookups: readonly Lookup[]): boolean {
  for (const lookup of lookups) {
    const filter = filters.at(lookup.position);
    if (filter === undefined)
      throw new QuietlistError('INVALID_ARGUMENT', `shard ${lookup.position} is not loaded`);
    if (filter.has(lookup.digest)) return true;
  }
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
  /** Each block's digests as views, made once: a batch's digests are views the next batch reuses. */
  readonly #views: Uint8Array[][] = [[]];
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
    const views = this.#views[this.#block]!;
    const count = this.#count++;
    let view = views[count];
    if (view === undefined) {
      view = this.#blocks[this.#block]!.subarray(32 * count, 32 * count + 32);
      views[count] = view;
    }
    return view;
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
    if (this.#block === this.#blocks.length) {
      this.#blocks.push(new Uint8Array(BLOCK_DIGESTS * 32));
      this.#views.push([]);
    }
    this.#count = 0;
    this.#end = 0;
  }

  /** After fill(), once no digest handed out is read again: the next digests overwrite the first block. */
  rewind(): void {
    if (this.#count !== 0) throw new Error('rewinding a hasher with digests not yet filled');
    this.#block = 0;
  }
}
