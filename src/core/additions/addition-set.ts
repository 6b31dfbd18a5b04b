/**
 * The live additions a reader holds, as a lookup the membership path consults beside the filter
 * (core/membership.ts): a reading is listed when the filter has its digest or an unexpired addition
 * does. Digests compare on the 12 bytes the filter reads; an entry whose `expiresAt` has come no
 * longer lists its number (a refusal's 60 days are over). The set is evaluated at one instant (`at`):
 * a reader that keeps it longer builds it again (client/additions/held-additions.ts, at each check or scrub).
 */
import { toHex } from '../encoding/bytes.ts';
import { DIGEST_MIN_BYTES } from '../filter/bloom-filter.ts';
import type { AdditionEntry } from './additions-batch.ts';

/** What membership asks of the additions: is this digest added (and not expired)? */
export interface DigestLookup {
  has(digest: Uint8Array): boolean;
  readonly size: number;
}

export class AdditionSet implements DigestLookup {
  readonly #digests: Set<string>;

  private constructor(digests: Set<string>) {
    this.#digests = digests;
  }

  /** The digests of `entries` that have not expired at `at` (ms). */
  static of(entries: Iterable<AdditionEntry>, at: number): AdditionSet {
    const digests = new Set<string>();
    for (const entry of entries) {
      if (entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= at) continue;
      for (const digest of entry.digests) digests.add(digest);
    }
    return new AdditionSet(digests);
  }

  /** From digest heads already filtered for expiry (the scrub's hashing threads receive these). */
  static fromHex(digests: Iterable<string>): AdditionSet {
    return new AdditionSet(new Set(digests));
  }

  get size(): number {
    return this.#digests.size;
  }

  has(digest: Uint8Array): boolean {
    return this.#digests.size > 0 && this.#digests.has(toHex(digest.subarray(0, DIGEST_MIN_BYTES)));
  }

  /** The digests, for handing to another thread. */
  hex(): string[] {
    return [...this.#digests];
  }
}

export const NO_ADDITIONS: DigestLookup = Object.freeze({ has: () => false, size: 0 });

/** The digest head of a reading as an entry stores it (24 hex). */
export function additionDigest(digest: Uint8Array): string {
  return toHex(digest.subarray(0, DIGEST_MIN_BYTES));
}
