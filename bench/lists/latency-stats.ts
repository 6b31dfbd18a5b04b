/**
 * The few pure pieces of the live-additions bench: nearest-rank percentiles of latencies, and the
 * seeded posting plan (an owner's agents recording objections one by one, plus its CRM syncing
 * batches), so a run is reproducible and its pattern stated.
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (p in 0..100) of values already sorted ascending; NaN for none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0..100`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Total length of the union of [start, end] intervals: the time at least one was open. */
export function unionLength(intervals: readonly { start: number; end: number }[]): number {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let open: { start: number; end: number } | undefined;
  for (const interval of sorted) {
    if (open && interval.start <= open.end) {
      open.end = Math.max(open.end, interval.end);
      continue;
    }
    if (open) total += open.end - open.start;
    open = { ...interval };
  }
  return open ? total + open.end - open.start : total;
}

export interface PostingPattern {
  /** Additions in all (singles + batches). */
  total: number;
  /** Additions posted one per request, arriving as a Poisson process at this rate. */
  singles: number;
  singlesPerSecond: number;
  /** The rest goes in batches of this size, one every `batchEveryMs` (the first at `batchEveryMs`). */
  batchSize: number;
  batchEveryMs: number;
  seed: number;
}

export interface PlannedPost {
  /** ms after the start of the run. */
  atMs: number;
  /** Additions in this POST. */
  count: number;
}

/** The POSTs of a run, in time order; their counts add up to `total`. */
export function postingPlan(pattern: PostingPattern): PlannedPost[] {
  if (pattern.singles > pattern.total) throw new RangeError('more singles than additions');
  const random = seededRandom(pattern.seed);
  const posts: PlannedPost[] = [];
  let at = 0;
  for (let i = 0; i < pattern.singles; i++) {
    at += (-Math.log(1 - random()) / pattern.singlesPerSecond) * 1000;
    posts.push({ atMs: Math.round(at), count: 1 });
  }
  let left = pattern.total - pattern.singles;
  for (let k = 1; left > 0; k++) {
    const count = Math.min(pattern.batchSize, left);
    posts.push({ atMs: k * pattern.batchEveryMs, count });
    left -= count;
  }
  return posts.sort((a, b) => a.atMs - b.atMs);
}
