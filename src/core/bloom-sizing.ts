/**
 * Bloom filter sizing: m = -n·ln ε / (ln 2)², k = round(m/n · ln 2), and the shard plan that keeps
 * every shard's bit count below 2^32 (indexes stay exact in doubles, no BigInt) and small enough to
 * download and hold in a Worker.
 */
import { MAX_HASH_COUNT } from './bloom-filter.ts';
import { QuietlistError } from './errors.ts';

export const MAX_SHARD_BITS = 2 ** 32 - 64;
/** 16 MiB of bits per shard by default: a Worker holds several, a client downloads them quickly. */
export const DEFAULT_SHARD_MAX_BYTES = 16 * 1024 * 1024;
export const MAX_SHARD_PREFIX_BITS = 16;

export interface BloomParameters {
  /** Bits, a multiple of 64 (whole 8-byte words), at least 64. */
  bitCount: number;
  hashCount: number;
}

export function assertFalsePositiveRate(rate: number): void {
  if (!(rate > 0 && rate < 0.5)) {
    throw new QuietlistError('INVALID_ARGUMENT', `false-positive rate must be in (0, 0.5), got ${rate}`);
  }
}

/** The optimum bit count for n entries at rate ε, before rounding. */
export function optimalBitCount(entries: number, rate: number): number {
  return (-entries * Math.log(rate)) / Math.LN2 ** 2;
}

export function bloomParameters(entries: number, rate: number): BloomParameters {
  assertFalsePositiveRate(rate);
  const bitCount = Math.max(64, Math.ceil(optimalBitCount(entries, rate) / 64) * 64);
  if (bitCount > MAX_SHARD_BITS) {
    throw new QuietlistError('INVALID_ARGUMENT', `a shard of ${entries} entries needs more than 2^32 bits`);
  }
  // Clamped: a tiny shard at a tiny ε (1 entry at 1e-14 rounds up to 128 bits, k = 89) would exceed it.
  const hashCount =
    entries === 0 ? 1 : Math.min(MAX_HASH_COUNT, Math.max(1, Math.round((bitCount / entries) * Math.LN2)));
  return { bitCount, hashCount };
}

/** The theoretical false-positive rate of a filter: (1 - e^(-k·n/m))^k. */
export function expectedFalsePositiveRate(entries: number, { bitCount, hashCount }: BloomParameters): number {
  return (1 - Math.exp((-hashCount * entries) / bitCount)) ** hashCount;
}

/** How many leading digest bits choose the shard: the fewest that keep each shard under the size cap. */
export function shardPrefixBits(
  entries: number,
  rate: number,
  shardMaxBytes = DEFAULT_SHARD_MAX_BYTES,
): number {
  assertFalsePositiveRate(rate);
  const maxBits = Math.min(MAX_SHARD_BITS, shardMaxBytes * 8);
  // Shard counts vary by a few standard deviations around n/S: leave 5% headroom.
  const totalBits = optimalBitCount(entries, rate) * 1.05;
  let prefixBits = 0;
  while (totalBits / 2 ** prefixBits > maxBits) {
    prefixBits++;
    if (prefixBits > MAX_SHARD_PREFIX_BITS) {
      throw new QuietlistError('INVALID_ARGUMENT', 'too many entries for 65,536 shards of this size');
    }
  }
  return prefixBits;
}
