/** The pure helpers of the live-additions bench (bench/lists/): percentiles, interval union, posting plan, prices. */
import { describe, expect, it } from 'vitest';
import { dollarsPerMillionAdditions } from '../../../bench/lists/cloudflare-prices.ts';
import {
  percentileOfSorted,
  postingPlan,
  summarize,
  unionLength,
} from '../../../bench/lists/latency-stats.ts';

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(values, 50)).toBe(50);
    expect(percentileOfSorted(values, 99)).toBe(99);
    expect(percentileOfSorted(values, 100)).toBe(100);
    expect(percentileOfSorted(values, 0)).toBe(1);
    expect(percentileOfSorted([7], 99)).toBe(7);
    expect(percentileOfSorted([], 50)).toBeNaN();
    expect(() => percentileOfSorted(values, 101)).toThrow(RangeError);
  });

  it('summarizes values in any order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(summarize(values)).toEqual({ count: 10, p50: 5, p99: 10, max: 10 });
    expect(values[0]).toBe(5); // the input is not sorted in place
  });
});

describe('unionLength', () => {
  it('counts overlapping intervals once and ignores empty ones', () => {
    expect(unionLength([])).toBe(0);
    expect(
      unionLength([
        { start: 0, end: 10 },
        { start: 5, end: 12 },
        { start: 20, end: 25 },
        { start: 21, end: 22 },
        { start: 30, end: 30 },
      ]),
    ).toBe(17);
  });
});

describe('postingPlan', () => {
  const pattern = {
    total: 1000,
    singles: 500,
    singlesPerSecond: 10,
    batchSize: 25,
    batchEveryMs: 2500,
    seed: 7,
  };

  it('posts every addition once, singles and batches, in time order', () => {
    const plan = postingPlan(pattern);
    expect(plan.reduce((sum, post) => sum + post.count, 0)).toBe(1000);
    expect(plan.filter((post) => post.count === 1)).toHaveLength(500);
    expect(plan.filter((post) => post.count === 25)).toHaveLength(20);
    expect(plan.every((post, i) => i === 0 || post.atMs >= plan[i - 1]!.atMs)).toBe(true);
    // 500 arrivals at 10/s last about 50 s.
    const lastSingle = plan.filter((post) => post.count === 1).at(-1)!.atMs;
    expect(lastSingle).toBeGreaterThan(40_000);
    expect(lastSingle).toBeLessThan(60_000);
  });

  it('is reproducible from its seed and differs with another', () => {
    expect(postingPlan(pattern)).toEqual(postingPlan(pattern));
    expect(postingPlan({ ...pattern, seed: 8 })).not.toEqual(postingPlan(pattern));
  });

  it('puts a remainder in a last, smaller batch', () => {
    const plan = postingPlan({ ...pattern, total: 60, singles: 0 });
    expect(plan.map((post) => post.count)).toEqual([25, 25, 10]);
    expect(() => postingPlan({ ...pattern, singles: 2000 })).toThrow(RangeError);
  });
});

describe('dollarsPerMillionAdditions', () => {
  it('prices each item per million and adds them up', () => {
    const cost = dollarsPerMillionAdditions({
      workerRequests: 1,
      workerCpuMs: 10,
      durableObjectRequests: 1,
      durableObjectActiveSeconds: 8,
      r2ClassA: 1,
      r2ClassB: 1,
    });
    expect(cost.workerRequests).toBeCloseTo(0.3);
    expect(cost.workerCpuMs).toBeCloseTo(0.2);
    expect(cost.durableObjectRequests).toBeCloseTo(0.15);
    expect(cost.durableObjectActiveSeconds).toBeCloseTo(12.5); // 8 s × 0.125 GB = 1 GB-s
    expect(cost.r2ClassA).toBeCloseTo(4.5);
    expect(cost.r2ClassB).toBeCloseTo(0.36);
    expect(cost.total).toBeCloseTo(0.3 + 0.2 + 0.15 + 12.5 + 4.5 + 0.36);
  });
});
