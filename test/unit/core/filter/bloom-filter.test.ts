import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuietlistError } from '../../../../src/core/errors.ts';
import { BloomFilter, DIGEST_MIN_BYTES, MAX_HASH_COUNT } from '../../../../src/core/filter/bloom-filter.ts';
import {
  bloomParameters,
  expectedFalsePositiveRate,
  MAX_SHARD_BITS,
} from '../../../../src/core/filter/sizing.ts';
import { createNodeHasher } from '../../../helpers/node-hasher.ts';

/** The spec's formula, computed independently in BigInt: g_i = (h1 + i·h2 + (i³ − i)/6) mod m. */
function referenceIndexes(digest: Uint8Array, bitCount: number, hashCount: number): number[] {
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const h1 = BigInt(view.getUint32(4, true));
  const h2 = BigInt(view.getUint32(8, true));
  const m = BigInt(bitCount);
  return Array.from({ length: hashCount }, (_, index) => {
    const i = BigInt(index);
    return Number((h1 + i * h2 + (i ** 3n - i) / 6n) % m);
  });
}

const isBitSet = (bits: Uint8Array, index: number) => (bits[Math.floor(index / 8)]! >> (index % 8)) & 1;

/** A fixed-seed generator of uniform 12-byte digests (xorshift128), far faster than HMAC. */
function randomDigests(seed: number) {
  let a = seed | 1;
  let b = 0x9e3779b9;
  let c = 0x7f4a7c15;
  let d = 0x85ebca6b;
  const next = () => {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return d;
  };
  const digest = new Uint8Array(DIGEST_MIN_BYTES);
  const view = new DataView(digest.buffer);
  return () => {
    view.setUint32(0, next());
    view.setUint32(4, next());
    view.setUint32(8, next());
    return digest;
  };
}

const digestArbitrary = fc.uint8Array({ minLength: DIGEST_MIN_BYTES, maxLength: 32 });
const parametersArbitrary = fc.record({
  bitCount: fc.integer({ min: 1, max: 2048 }).map((words) => words * 64),
  hashCount: fc.integer({ min: 1, max: MAX_HASH_COUNT }),
});

describe('BloomFilter', () => {
  it('never gives a false negative', () => {
    fc.assert(
      fc.property(
        parametersArbitrary,
        fc.array(digestArbitrary, { maxLength: 300 }),
        (parameters, members) => {
          const filter = new BloomFilter(parameters);
          for (const member of members) filter.add(member);
          for (const member of members) expect(filter.has(member)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sets exactly the bits of (h1 + i·h2 + (i³ − i)/6) mod m, and has() reads those bits', () => {
    fc.assert(
      fc.property(parametersArbitrary, digestArbitrary, fc.nat(), (parameters, digest, pick) => {
        const filter = new BloomFilter(parameters);
        const expected = referenceIndexes(digest, parameters.bitCount, parameters.hashCount);
        expect(filter.indexes(digest)).toEqual(expected);
        expect(filter.add(digest)).toBe(false);
        const bits = new Uint8Array(parameters.bitCount / 8);
        for (const index of expected) bits[Math.floor(index / 8)]! |= 1 << (index % 8);
        expect(filter.bits).toEqual(bits);
        expect(filter.has(digest)).toBe(true);
        // Clearing any one of its bits makes it absent.
        const cleared = expected[pick % expected.length]!;
        filter.bits[Math.floor(cleared / 8)]! &= ~(1 << (cleared % 8));
        expect(filter.has(digest)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps exact indexes at the largest bit count (2^32 - 64), where sums pass 2^32', () => {
    // The array is 512 MiB of untouched zero pages: only the pages written cost memory.
    const filter = new BloomFilter({ bitCount: MAX_SHARD_BITS, hashCount: MAX_HASH_COUNT });
    const extremes = [new Uint8Array(12).fill(0xff), new Uint8Array(12).fill(0xfe)];
    fc.assert(
      fc.property(fc.oneof(digestArbitrary, fc.constantFrom(...extremes)), (digest) => {
        const expected = referenceIndexes(digest, MAX_SHARD_BITS, MAX_HASH_COUNT);
        expect(filter.indexes(digest)).toEqual(expected);
        filter.add(digest);
        for (const index of expected) expect(isBitSet(filter.bits, index)).toBe(1);
        expect(filter.has(digest)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reports a digest already present', () => {
    const filter = new BloomFilter({ bitCount: 1024, hashCount: 7 });
    const digest = new Uint8Array(32).fill(7);
    expect(filter.add(digest)).toBe(false);
    expect(filter.add(digest)).toBe(true);
  });

  it('refuses short digests and invalid parameters', () => {
    const filter = new BloomFilter({ bitCount: 64, hashCount: 1 });
    expect(() => filter.has(new Uint8Array(11))).toThrow(/at least 12 bytes/);
    expect(() => filter.add(new Uint8Array(11))).toThrow(QuietlistError);
    expect(() => new BloomFilter({ bitCount: 60, hashCount: 1 })).toThrow(/multiple of 8/);
    expect(() => new BloomFilter({ bitCount: 2 ** 32, hashCount: 1 })).toThrow(/below 2\^32/);
    expect(() => new BloomFilter({ bitCount: 64, hashCount: 0 })).toThrow(/hash count/);
    expect(() => new BloomFilter({ bitCount: 64, hashCount: 65 })).toThrow(/hash count/);
    expect(() => new BloomFilter({ bitCount: 64, hashCount: 1 }, new Uint8Array(7))).toThrow(/length/);
  });
});

/** Counts false positives of a filter of `members` among `queries` non-members; returns count and theory. */
function measure(
  rate: number,
  members: number,
  queries: number,
  digestOf: (i: number) => Uint8Array,
): { falsePositives: number; expected: number; tolerance: number } {
  const parameters = bloomParameters(members, rate);
  const filter = new BloomFilter(parameters);
  for (let i = 0; i < members; i++) filter.add(digestOf(i));
  let falsePositives = 0;
  for (let i = members; i < members + queries; i++) if (filter.has(digestOf(i))) falsePositives++;
  const p = expectedFalsePositiveRate(members, parameters);
  // Binomial: mean N·p, standard deviation sqrt(N·p·(1-p)); 4 of them is a 1-in-15,000 false alarm.
  return { falsePositives, expected: queries * p, tolerance: 4 * Math.sqrt(queries * p * (1 - p)) };
}

describe('false-positive rate', () => {
  it('matches theory within 4 standard deviations over 1,000,000 non-members at 1e-3', () => {
    const next = randomDigests(20250601);
    const result = measure(1e-3, 100_000, 1_000_000, () => next());
    expect(result.expected).toBeGreaterThan(900);
    expect(Math.abs(result.falsePositives - result.expected)).toBeLessThan(result.tolerance);
  });

  it('matches theory with real HMAC digests of E.164 strings (200,000 non-members at 1e-2)', () => {
    const hasher = createNodeHasher(createHash('sha256').update('fpr test key').digest());
    const result = measure(1e-2, 10_000, 200_000, (i) => hasher.digest(`+336${String(i).padStart(8, '0')}`));
    expect(result.expected).toBeGreaterThan(1_900);
    expect(Math.abs(result.falsePositives - result.expected)).toBeLessThan(result.tolerance);
  });

  it('is sensitive: the same check fails a filter probing 6 of its 10 positions', () => {
    const next = randomDigests(7);
    const parameters = bloomParameters(100_000, 1e-3);
    const filter = new BloomFilter({ ...parameters, hashCount: 6 });
    for (let i = 0; i < 100_000; i++) filter.add(next());
    let falsePositives = 0;
    for (let i = 0; i < 300_000; i++) if (filter.has(next())) falsePositives++;
    const p = expectedFalsePositiveRate(100_000, parameters);
    expect(parameters.hashCount).toBe(10);
    expect(falsePositives).toBeGreaterThan(300_000 * p + 4 * Math.sqrt(300_000 * p * (1 - p)));
  });
});
