/**
 * Checking numbers against one epoch: normalise with the manifest's region, hash with the epoch's
 * keyed hash, look up the shard the digest names. Shards are fetched (and verified) on demand by the
 * caller's loader, so a check touches only the shards it needs.
 */
import type { BloomFilter } from './bloom-filter.ts';
import type { KeyedHasher } from './keyed-hash.ts';
import type { Manifest } from './manifest.ts';
import { normalizePhone, REJECT_REASON_TEXT, type RejectReason } from './phone.ts';
import { shardOf } from './sharding.ts';

export type CheckResult =
  | { status: 'listed' | 'not_listed' }
  | { status: 'invalid'; reason: RejectReason; message: string };

export type ShardLoader = (index: number) => Promise<BloomFilter>;

export async function checkNumbers(
  numbers: readonly string[],
  manifest: Manifest,
  hasher: KeyedHasher,
  loadShard: ShardLoader,
): Promise<CheckResult[]> {
  const region = manifest.normalization.defaultRegion as Parameters<typeof normalizePhone>[1];
  const prefixBits = manifest.filter.shardPrefixBits;
  const digests = numbers.map((raw) => {
    const normalized = normalizePhone(raw, region);
    return normalized.ok ? hasher.digest(normalized.e164) : normalized.reason;
  });
  const needed = new Set<number>();
  for (const digest of digests) if (typeof digest !== 'string') needed.add(shardOf(digest, prefixBits));
  const shards = new Map<number, BloomFilter>();
  await Promise.all([...needed].map(async (index) => shards.set(index, await loadShard(index))));
  return digests.map((digest) => {
    if (typeof digest === 'string')
      return { status: 'invalid', reason: digest, message: REJECT_REASON_TEXT[digest] };
    return { status: shards.get(shardOf(digest, prefixBits))!.has(digest) ? 'listed' : 'not_listed' };
  });
}
