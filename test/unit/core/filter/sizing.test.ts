import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HASH_COUNT } from '../../../../src/core/filter/bloom-filter.ts';
import {
  bloomParameters,
  DEFAULT_SHARD_MAX_BYTES,
  expectedFalsePositiveRate,
  MAX_SHARD_BITS,
  MAX_SHARD_PREFIX_BITS,
  optimalBitCount,
  shardPrefixBits,
} from '../../../../src/core/filter/sizing.ts';

/** docs/FORMAT.md, "Sizing": m0 = -n·ln ε / (ln 2)², floor = sqrt(10·n/ε), m = max rounded up to 64. */
const specBitCount = (n: number, rate: number) =>
  Math.max(
    64,
    Math.ceil(Math.max((-n * Math.log(rate)) / Math.LN2 ** 2, Math.sqrt((10 * n) / rate)) / 64) * 64,
  );

const rateArbitrary = fc.double({ min: 1e-12, max: 0.49, noNaN: true });

describe('bloom sizing', () => {
  it('gives about 28.76 bits per entry at 1e-6, 14.38 at 1e-3, 9.59 at 1e-2', () => {
    expect(optimalBitCount(1, 1e-6)).toBeCloseTo(28.755, 3);
    expect(optimalBitCount(1, 1e-3)).toBeCloseTo(14.378, 3);
    expect(optimalBitCount(1, 1e-2)).toBeCloseTo(9.585, 3);
    // 5M numbers at 1e-6: about 18 MB; 250M: about 900 MB (design.md).
    expect(bloomParameters(5_000_000, 1e-6).bitCount / 8 / 1e6).toBeCloseTo(17.97, 1);
    expect(optimalBitCount(250_000_000, 1e-6) / 8 / 1e6).toBeCloseTo(898.6, 0);
  });

  it('uses k = round(log2(1/ε)), 20 at 1e-6 and 10 at 1e-3', () => {
    expect(bloomParameters(1_000_000, 1e-6)).toEqual({ bitCount: 28_755_200, hashCount: 20 });
    expect(bloomParameters(100_000, 1e-3).hashCount).toBe(10);
    expect(bloomParameters(100_000, 0.01).hashCount).toBe(7);
  });

  it('follows the documented formulas for any n and ε', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), rateArbitrary, (n, rate) => {
        if (specBitCount(n, rate) > MAX_SHARD_BITS) {
          expect(() => bloomParameters(n, rate)).toThrow(/more than 2\^32 bits/);
          return;
        }
        const { bitCount, hashCount } = bloomParameters(n, rate);
        expect(bitCount).toBe(specBitCount(n, rate));
        expect(bitCount % 64).toBe(0);
        const k = n === 0 ? 1 : Math.min(MAX_HASH_COUNT, Math.max(1, Math.round(-Math.log2(rate))));
        expect(hashCount).toBe(k);
        // Rounding k to an integer costs at most a few percent over the target.
        if (n > 0) expect(expectedFalsePositiveRate(n, { bitCount, hashCount })).toBeLessThan(rate * 1.06);
      }),
      { numRuns: 2000 },
    );
  });

  it('grows small shards to the pair floor, so matching (h1, h2) pairs stay under ε/10', () => {
    for (const [n, rate] of [
      [1, 1e-6],
      [100, 1e-6],
      [5_000, 1e-6],
      [10, 1e-3],
    ] as const) {
      const { bitCount } = bloomParameters(n, rate);
      expect(bitCount).toBeGreaterThan(optimalBitCount(n, rate));
      expect(n / bitCount ** 2).toBeLessThanOrEqual(rate / 10);
    }
    expect(bloomParameters(0, 1e-6)).toEqual({ bitCount: 64, hashCount: 1 });
  });

  it('keeps k within the format limit at tiny ε, where the pair floor dominates', () => {
    expect(bloomParameters(1, 1e-14)).toEqual({ bitCount: 31_622_784, hashCount: 47 });
    // k would pass 64 only below ε ≈ 2^-64.5, where even one entry's pair floor passes 2^32 bits.
    expect(() => bloomParameters(1, 1e-20)).toThrow(/more than 2\^32 bits/);
  });

  it('refuses rates outside (0, 0.5) and shards above 2^32 bits', () => {
    for (const rate of [0, -1, 0.5, 1, Number.NaN])
      expect(() => bloomParameters(10, rate)).toThrow(/\(0, 0\.5\)/);
    expect(() => bloomParameters(200_000_000, 1e-6)).toThrow(/2\^32 bits/);
    expect(bloomParameters(149_000_000, 1e-6).bitCount).toBeLessThanOrEqual(MAX_SHARD_BITS);
  });

  it('picks the fewest shard prefix bits that keep every shard under the cap and 2^32 bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.double({ min: 1e-12, max: 0.49, noNaN: true }),
        fc.integer({ min: 20, max: 32 }).map((log2) => 2 ** log2),
        (n, rate, shardMaxBytes) => {
          let bits: number;
          try {
            bits = shardPrefixBits(n, rate, shardMaxBytes);
          } catch (error) {
            // Only when even 2^16 shards are too small for the cap.
            expect((error as Error).message).toMatch(/65,536 shards/);
            const perShard = (n * 1.05) / 2 ** MAX_SHARD_PREFIX_BITS;
            expect(specBitCount(perShard, rate)).toBeGreaterThan(Math.min(MAX_SHARD_BITS, shardMaxBytes * 8));
            return;
          }
          const cap = Math.min(MAX_SHARD_BITS, shardMaxBytes * 8);
          // A shard 5% over its expected count still fits, sized exactly as the builder sizes it.
          const expected = (n * 1.05) / 2 ** bits;
          expect(bloomParameters(Math.floor(expected), rate).bitCount).toBeLessThanOrEqual(cap);
          if (bits > 0) expect(specBitCount((n * 1.05) / 2 ** (bits - 1), rate)).toBeGreaterThan(cap);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps one shard for the design sizes, and 16 MiB shards for 250M numbers at 1e-6', () => {
    expect(shardPrefixBits(4_000_000, 1e-6)).toBe(0);
    expect(shardPrefixBits(5_000_000, 1e-6)).toBe(1);
    const bits = shardPrefixBits(250_000_000, 1e-6);
    expect(bits).toBe(6);
    expect(bloomParameters((250_000_000 / 2 ** bits) * 1.05, 1e-6).bitCount / 8).toBeLessThan(
      DEFAULT_SHARD_MAX_BYTES,
    );
  });

  it('shards instead of failing when only the pair floor is large (ε = 1e-12)', () => {
    const bits = shardPrefixBits(3_000_000, 1e-12);
    expect(() => bloomParameters(Math.ceil((3_000_000 * 1.05) / 2 ** bits), 1e-12)).not.toThrow();
  });
});
