import { describe, expect, it } from 'vitest';
import { GEOMETRY_HEADROOM, planGeometry } from '../../../src/builder/shard-geometry.ts';
import { bloomParameters, fitsBloomParameters, optimalBitCount } from '../../../src/core/filter/sizing.ts';

const RATE = 1e-6;
const MAX = 16 * 1024 * 1024;
/** Four equal shards at prefix 2, one at prefix 0, as a spill would count them. */
const countsOf = (perShard: number[]) => (bits: number) => {
  const total = perShard.reduce((a, b) => a + b, 0);
  if (bits === 2) return perShard;
  if (bits === 0) return [total];
  throw new Error(`unexpected prefix bits ${bits}`);
};

describe('planGeometry', () => {
  it('sizes a first geometry for n·(1 + h): within the headroom of the Bloom optimum', () => {
    const plan = planGeometry({
      entries: 100_000,
      shardCounts: countsOf([25_000, 25_000, 25_000, 25_000]),
      falsePositiveRate: RATE,
      shardMaxBytes: MAX,
      previous: null,
    });
    expect(plan.kept).toBe(false);
    expect(plan.reason).toBe('no previous epoch');
    expect(plan.shardPrefixBits).toBe(0);
    const ratio = plan.shards[0]!.bitCount / optimalBitCount(100_000, RATE);
    expect(ratio).toBeGreaterThan(1 + GEOMETRY_HEADROOM - 0.001);
    expect(ratio).toBeLessThan(1 + GEOMETRY_HEADROOM + 0.001);
  });

  it('keeps the previous geometry while every shard fits, and starts anew when one outgrows it', () => {
    const previous = {
      shardPrefixBits: 2,
      shards: Array.from({ length: 4 }, () => bloomParameters(26_250, RATE)),
      incompatible: null,
    };
    const request = { entries: 0, falsePositiveRate: RATE, shardMaxBytes: MAX, previous };
    const kept = planGeometry({ ...request, shardCounts: countsOf([26_000, 20_000, 26_250, 0]) });
    expect(kept).toEqual({ kept: true, shardPrefixBits: 2, shards: previous.shards });
    const grown = planGeometry({
      ...request,
      entries: 100_000,
      shardCounts: countsOf([26_000, 20_000, 26_400, 0]),
    });
    expect(grown.kept).toBe(false);
    expect(grown.reason).toMatch(/shard 2 outgrew/);
  });

  it('starts anew when asked, or when the previous bits mean something else', () => {
    const previous = { shardPrefixBits: 0, shards: [bloomParameters(30_000, RATE)], incompatible: null };
    const base = {
      entries: 10,
      shardCounts: () => [10],
      falsePositiveRate: RATE,
      shardMaxBytes: MAX,
    };
    expect(planGeometry({ ...base, previous, renew: true }).reason).toMatch(/asked/);
    expect(
      planGeometry({ ...base, previous: { ...previous, incompatible: 'the hash key changed' } }).reason,
    ).toBe('the hash key changed');
    expect(planGeometry({ ...base, previous }).kept).toBe(true);
  });
});

describe('fitsBloomParameters', () => {
  it('accepts exactly the entries the parameters were sized for, not one more than their capacity', () => {
    const parameters = bloomParameters(1_000_000, RATE);
    expect(fitsBloomParameters(1_000_000, parameters, RATE)).toBe(true);
    expect(fitsBloomParameters(1_000_100, parameters, RATE)).toBe(false);
    expect(fitsBloomParameters(0, parameters, RATE)).toBe(true);
  });
});
