/**
 * Stable shard geometry (docs/FORMAT.md §5.1). Bits only stay put from one epoch to the next if the
 * shard prefix bits p, every shard's m and k and the hash layout do; then a nightly change is a few
 * flipped bits and a delta carries it. So a build keeps the previous epoch's geometry while every
 * shard's load still allows the target ε, and starts a new one, sized with headroom, only when a shard
 * outgrows it, when anything that moves every bit changed (ε, hash key, normalisation scheme) or when
 * the operator asks (`--new-geometry`).
 */
import {
  type BloomParameters,
  bloomParameters,
  fitsBloomParameters,
  shardPrefixBits,
} from '../core/filter/sizing.ts';

/**
 * A new geometry is sized for n·(1 + h): 5% more bits than the Bloom optimum when it starts, falling to
 * 0% as the shard fills up to its capacity (bench/deltas.bench.ts measures it). The list then grows by
 * 5% before the next full download; at a nightly net growth of 0.05% that is about 100 nights.
 */
export const GEOMETRY_HEADROOM = 0.05;

export interface ShardGeometry {
  shardPrefixBits: number;
  shards: BloomParameters[];
}

export interface PreviousGeometry extends ShardGeometry {
  /** Why the previous epoch's bits cannot be reused (hash key, ε or scheme changed), or null. */
  incompatible: string | null;
}

export interface GeometryPlan extends ShardGeometry {
  kept: boolean;
  /** Why a new geometry started (absent when kept). */
  reason?: string;
}

export interface GeometryRequest {
  entries: number;
  /** Entries per shard for a given prefix-bit count (the spill's counts). */
  shardCounts(prefixBits: number): number[];
  falsePositiveRate: number;
  shardMaxBytes: number;
  previous: PreviousGeometry | null;
  /** The operator asked for a new geometry. */
  renew?: boolean;
  headroom?: number;
}

export function planGeometry(request: GeometryRequest): GeometryPlan {
  const { previous, falsePositiveRate: rate } = request;
  const reason = previous ? keepProblem(request, previous) : 'no previous epoch';
  if (reason === null && previous) {
    return { kept: true, shardPrefixBits: previous.shardPrefixBits, shards: previous.shards };
  }
  const headroom = 1 + (request.headroom ?? GEOMETRY_HEADROOM);
  const prefixBits = shardPrefixBits(request.entries * headroom, rate, request.shardMaxBytes);
  const shards = request
    .shardCounts(prefixBits)
    .map((entries) => bloomParameters(Math.ceil(entries * headroom), rate));
  return { kept: false, reason: reason ?? undefined, shardPrefixBits: prefixBits, shards };
}

function keepProblem(request: GeometryRequest, previous: PreviousGeometry): string | null {
  if (request.renew) return 'a new geometry was asked for';
  if (previous.incompatible) return previous.incompatible;
  const counts = request.shardCounts(previous.shardPrefixBits);
  const full = counts.findIndex(
    (entries, index) => !fitsBloomParameters(entries, previous.shards[index]!, request.falsePositiveRate),
  );
  // A lower --shard-max-bytes takes effect with the next new geometry (or --new-geometry).
  return full >= 0 ? `shard ${full} outgrew its capacity at the target false-positive rate` : null;
}
