/**
 * Checks a batch of numbers a shard at a time (the API, `check` on a cache or a store): every value is
 * keyed first (keyed-readings.ts), its lookups grouped by the shard they fall in, each shard asked
 * once for all of its lookups, a few shards at a time, and each value's verdict given in input order.
 */

import { QuietlistError } from '../errors.ts';
import type { BloomFilter } from '../filter/bloom-filter.ts';
import type { EpochMembership } from './epoch-membership.ts';
import { type KeyedValue, keyNumber } from './keyed-readings.ts';
import { type CheckResult, resultOf, verdictOf } from './verdicts.ts';

/** Loads and verifies the shard at a manifest position (core/epoch/shard-layout.ts). */
export type ShardLoader = (position: number) => Promise<BloomFilter>;

/**
 * Answers for digests of one shard, named by its manifest position (core/epoch/shard-layout.ts: the
 * index in an unpartitioned epoch), in the order given: true where the shard's verified filter holds
 * the digest. The API answers through it from memory or from shard-resident Durable Objects
 * (src/api/shards/); an answer of another length is refused, never read as "not listed".
 */
export type ShardDigestLookup = (
  position: number,
  digests: readonly Uint8Array[],
) => Promise<readonly boolean[]>;

/**
 * Checks numbers, loading (through the caller's verifying loader) only the shards they fall in, a few
 * at a time: memory holds the caller's shard cache plus `shardLoadsInFlight` shards. Results are in
 * input order.
 */
export function checkNumbers(
  membership: EpochMembership,
  numbers: readonly string[],
  loadShard: ShardLoader,
  options: { shardLoadsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const lookup: ShardDigestLookup = async (position, digests) => {
    const filter = await loadShard(position);
    return digests.map((digest) => filter.has(digest));
  };
  return checkNumbersByShard(membership, numbers, lookup, { shardsInFlight: options.shardLoadsInFlight });
}

/**
 * Checks numbers with one lookup per shard their readings' lookups fall in (by manifest position, so a
 * partitioned epoch's shards are asked like any other; every lookup of that shard together, so a value
 * whose readings or scope digests land in two shards is asked of both), at most `shardsInFlight` at
 * once. A value is listed if any lookup's answer is (the rule of createNumberClassifier). Results are
 * in input order.
 */
export async function checkNumbersByShard(
  membership: EpochMembership,
  numbers: readonly string[],
  lookup: ShardDigestLookup,
  options: { shardsInFlight?: number } = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(numbers.length);
  const keyed: (KeyedValue | undefined)[] = new Array(numbers.length);
  // One entry per lookup, in flat arrays (no per-lookup objects: the API's hot path); each shard
  // holds the positions of its lookups' digests.
  const digests: Uint8Array[] = [];
  const numberOfDigest: number[] = [];
  const digestsByShard = new Map<number, number[]>();
  const listed = new Uint8Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    const key = keyNumber(membership, numbers[i]!);
    if (typeof key === 'string') {
      results[i] = resultOf(key);
      continue;
    }
    keyed[i] = key;
    if (key.added) listed[i] = 1;
    for (const each of key.lookups) {
      const position = digests.length;
      digests.push(each.digest);
      numberOfDigest.push(i);
      const positions = digestsByShard.get(each.position);
      if (positions) positions.push(position);
      else digestsByShard.set(each.position, [position]);
    }
  }
  const shards = [...digestsByShard];
  const worker = async () => {
    for (let next = shards.shift(); next !== undefined; next = shards.shift()) {
      const [shard, positions] = next;
      const answers = await lookup(
        shard,
        positions.map((d) => digests[d]!),
      );
      if (answers.length !== positions.length) {
        // A lost answer must never read as "not listed" (a false negative).
        throw new QuietlistError(
          'FORMAT_INVALID',
          `shard ${shard} answered ${answers.length} lookups for ${positions.length} digests`,
        );
      }
      for (let j = 0; j < positions.length; j++) {
        if (answers[j]) listed[numberOfDigest[positions[j]!]!] = 1;
      }
    }
  };
  const inFlight = Math.max(1, options.shardsInFlight ?? 2);
  await Promise.all(Array.from({ length: Math.min(inFlight, shards.length) }, worker));
  for (let i = 0; i < numbers.length; i++) {
    if (results[i] !== undefined) continue;
    results[i] = resultOf(verdictOf(listed[i] === 1, keyed[i]!));
  }
  return results;
}
