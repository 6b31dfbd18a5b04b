/**
 * Pass 1 for one batch of rows: judge each row (row-judge.ts), hash the accepted rows' keys (one per
 * reading) together (one call into the native HMAC per batch), and hand back each digest's first 12
 * bytes grouped by spill bucket, with the batch's counts and reports. Runs in the build's thread or in a worker thread.
 */
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { bucketOf, SPILL_BUCKETS } from './digest-spill.ts';
import { DIGEST_BYTES } from './hashing/batch-hmac.ts';
import type { InputRecord } from './input/record.ts';
import type { JudgedRows, RowJudge } from './row-judge.ts';

/** Writes the 32-byte digests of keys[0 .. count) into out[32·i ..]. */
export type DigestMany = (keys: readonly string[], count: number, out: Uint8Array) => void;

export interface HashedRows extends JudgedRows {
  /** Digest heads (12 bytes each) grouped by spill bucket, bucket 0 first. */
  heads: Uint8Array;
  bucketCounts: Uint32Array;
}

/** A KeyedHasher (oprf mode's state hasher) one digest at a time, as a DigestMany. */
export function digestManyWith(hasher: KeyedHasher): DigestMany {
  return (keys, count, out) => {
    for (let i = 0; i < count; i++)
      out.set(hasher.digest(keys[i]!).subarray(0, DIGEST_BYTES), i * DIGEST_BYTES);
  };
}

export class BatchHasher {
  readonly #judge: RowJudge;
  readonly #digestMany: DigestMany;
  #keys: string[] = [];
  #count = 0;
  #digests = new Uint8Array(0);

  constructor(judge: RowJudge, digestMany: DigestMany) {
    this.#judge = judge;
    this.#digestMany = digestMany;
  }

  add(row: InputRecord): void {
    const keys = this.#judge.judge(row);
    if (keys === undefined) return;
    for (const key of keys) this.#keys[this.#count++] = key;
  }

  /** The batch added since the last call, hashed and grouped; the next batch starts empty. */
  finish(): HashedRows {
    const count = this.#count;
    if (this.#digests.length < count * DIGEST_BYTES) this.#digests = new Uint8Array(count * DIGEST_BYTES);
    const digests = this.#digests;
    this.#digestMany(this.#keys, count, digests);
    // Counting sort by bucket: one copy per head here, one block copy per bucket on the receiving side.
    const bucketCounts = new Uint32Array(SPILL_BUCKETS);
    for (let i = 0; i < count; i++) bucketCounts[bucketOf(digests[i * DIGEST_BYTES]!)]!++;
    const next = new Uint32Array(SPILL_BUCKETS);
    for (let b = 1; b < SPILL_BUCKETS; b++) next[b] = next[b - 1]! + bucketCounts[b - 1]!;
    const heads = new Uint8Array(count * DIGEST_MIN_BYTES);
    for (let i = 0; i < count; i++) {
      const from = i * DIGEST_BYTES;
      const to = next[bucketOf(digests[from]!)]!++ * DIGEST_MIN_BYTES;
      for (let j = 0; j < DIGEST_MIN_BYTES; j++) heads[to + j] = digests[from + j]!;
    }
    this.#count = 0;
    this.#keys = [];
    return { ...this.#judge.take(), heads, bucketCounts };
  }
}
