/**
 * Bloom filter sizing: m = -n·ln ε / (ln 2)², k = round(m/n · ln 2), and the shard plan that keeps
 * every shard's bit count below 2^32 (indexes stay exact in doubles, no BigInt) and small enough to
 * download and hold in a Worker.
 */

import { QuietlistError } from '../errors.ts';
import { MAX_HASH_COUNT } from './bloom-filter.ts';

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

/**
 * Double hashing derives all k positions from two values mod m, so a query whose pair matches a
 * member's is a false positive whatever k is: a floor of about n/m² on ε. It only matters for small
 * shards (n < about 12,000 at ε = 1e-6); there m grows to keep the floor a tenth of ε.
 */
export function bloomParameters(entries: number, rate: number): BloomParameters {
  assertFalsePositiveRate(rate);
  const bitCount = Math.max(64, Math.ceil(neededBitCount(entries, rate) / 64) * 64);
  if (bitCount > MAX_SHARD_BITS) {
    throw new QuietlistError('INVALID_ARGUMENT', `a shard of ${entries} entries needs more than 2^32 bits`);
  }
  // k for the optimal size (about log2(1/ε)): the extra bits of the floor only lower ε further.
  // Clamped: a tiny ε (1e-14 gives k = 47) must stay within the format's limit.
  const optimalHashCount = Math.round((optimalBitCount(entries, rate) / entries) * Math.LN2);
  const hashCount = entries === 0 ? 1 : Math.min(MAX_HASH_COUNT, Math.max(1, optimalHashCount));
  return { bitCount, hashCount };
}

/**
 * Whether a shard of fixed m and k still holds n entries at rate ε: m is at least what
 * bloomParameters would give n (stable geometry keeps a shard's m and k while this holds).
 */
export function fitsBloomParameters(entries: number, parameters: BloomParameters, rate: number): boolean {
  return entries === 0 || neededBitCount(entries, rate) <= parameters.bitCount;
}

/** The bits a shard of n entries needs before rounding: the optimum, or the pair floor when larger. */
function neededBitCount(entries: number, rate: number): number {
  return Math.max(optimalBitCount(entries, rate), Math.sqrt((10 * entries) / rate));
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
  // Shard counts vary by a few standard deviations around n/S: leave 5% headroom. Each shard is sized
  // as bloomParameters sizes it, pair floor included (at ε = 1e-12 the floor alone passes 2^32 bits).
  let prefixBits = 0;
  while (neededBitCount((entries * 1.05) / 2 ** prefixBits, rate) > maxBits) {
    prefixBits++;
    if (prefixBits > MAX_SHARD_PREFIX_BITS) {
      throw new QuietlistError('INVALID_ARGUMENT', 'too many entries for 65,536 shards of this size');
    }
  }
  return prefixBits;
}
