/**
 * A plain Bloom filter over a byte array, indexed by enhanced double hashing of a digest (Dillinger &
 * Manolios 2004; docs/FORMAT.md, "Index derivation"): g_i = (h1 + i·h2 + (i³ − i)/6) mod m for
 * i = 0..k-1, with h1 and h2 the little-endian u32 values at digest bytes 4..7 and 8..11. Plain
 * Kirsch–Mitzenmacher (h1 + i·h2) collapses to a few bits when h2 mod m shares a large factor with m
 * (h2 ≡ 0 gives one bit for all k); the cubic term keeps the k positions spread. Bytes 0..3 choose the
 * shard (sharding.ts), so the bits that pick a shard and the bits that index inside it are independent.
 */

import { QuietlistError } from '../errors.ts';
import type { BloomParameters } from './sizing.ts';

export const DIGEST_MIN_BYTES = 12;
/** k stays within one small loop; sizing clamps to it (sizing.ts). */
export const MAX_HASH_COUNT = 64;

export class BloomFilter {
  readonly bitCount: number;
  readonly hashCount: number;
  readonly bits: Uint8Array;

  constructor({ bitCount, hashCount }: BloomParameters, bits?: Uint8Array) {
    if (!Number.isInteger(bitCount) || bitCount <= 0 || bitCount % 8 !== 0 || bitCount >= 2 ** 32) {
      throw new QuietlistError('INVALID_ARGUMENT', `bit count must be a positive multiple of 8 below 2^32`);
    }
    if (!Number.isInteger(hashCount) || hashCount < 1 || hashCount > MAX_HASH_COUNT) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `hash count must be an integer from 1 to ${MAX_HASH_COUNT}`,
      );
    }
    if (bits !== undefined && bits.length !== bitCount / 8) {
      throw new QuietlistError('INVALID_ARGUMENT', 'bit array length does not match the bit count');
    }
    this.bitCount = bitCount;
    this.hashCount = hashCount;
    this.bits = bits ?? new Uint8Array(bitCount / 8);
  }

  /** Sets the digest's bits; returns true if they were all set already (a duplicate, or a false positive). */
  add(digest: Uint8Array): boolean {
    const { bits, bitCount, hashCount } = this;
    let step = readU32(digest, 8) % bitCount;
    let index = readU32(digest, 4) % bitCount;
    // Branch-free: whether a bit was new is unpredictable (about half the probes), so it is accumulated.
    let missing = 0;
    for (let i = 1; ; i++) {
      const byte = index >>> 3;
      const mask = 1 << (index & 7);
      const old = bits[byte]!;
      missing |= mask & ~old;
      bits[byte] = old | mask;
      if (i === hashCount) return missing === 0;
      index += step;
      if (index >= bitCount) index -= bitCount;
      step += i;
      if (step >= bitCount) step %= bitCount;
    }
  }

  has(digest: Uint8Array): boolean {
    const { bits, bitCount, hashCount } = this;
    let step = readU32(digest, 8) % bitCount;
    let index = readU32(digest, 4) % bitCount;
    for (let i = 1; ; i++) {
      if ((bits[index >>> 3]! & (1 << (index & 7))) === 0) return false;
      if (i === hashCount) return true;
      index += step;
      if (index >= bitCount) index -= bitCount;
      step += i;
      if (step >= bitCount) step %= bitCount;
    }
  }

  /** The k bit indexes of a digest, in order (for test vectors and other-language readers). */
  indexes(digest: Uint8Array): number[] {
    const h1 = readU32(digest, 4);
    const h2 = readU32(digest, 8);
    // The closed form of the loop in add/has; every term stays below 2^53, so doubles are exact.
    return Array.from({ length: this.hashCount }, (_, i) => (h1 + i * h2 + (i ** 3 - i) / 6) % this.bitCount);
  }
}

function readU32(digest: Uint8Array, offset: number): number {
  if (digest.length < DIGEST_MIN_BYTES) {
    throw new QuietlistError('INVALID_ARGUMENT', `digest must be at least ${DIGEST_MIN_BYTES} bytes`);
  }
  return (
    (digest[offset]! |
      (digest[offset + 1]! << 8) |
      (digest[offset + 2]! << 16) |
      (digest[offset + 3]! << 24)) >>>
    0
  );
}
