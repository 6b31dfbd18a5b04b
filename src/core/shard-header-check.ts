/**
 * A filter file's header against its manifest entry (docs/FORMAT.md §4 and §9 step 6): a reader MUST
 * check that the shard index, prefix bits p, m, k, n and ε in the header are the ones the signed
 * manifest gives, so a file put in the wrong place or built with other parameters is never used.
 */
import type { FilterShard } from './filter-format.ts';
import type { Manifest } from './manifest.ts';

/** The first header field that disagrees with the manifest, or null. */
export function shardHeaderDisagreement(
  shard: FilterShard,
  manifest: Manifest,
  index: number,
): string | null {
  const entry = manifest.shards[index];
  if (!entry) return `the manifest has no shard ${index}`;
  const pairs: [string, number, number][] = [
    ['shard index', shard.shardIndex, index],
    ['prefix bits', shard.shardPrefixBits, manifest.filter.shardPrefixBits],
    ['m (bit count)', shard.filter.bitCount, entry.bitCount],
    ['k (hash count)', shard.filter.hashCount, entry.hashCount],
    ['n (entries)', shard.entries, entry.entries],
    ['false-positive rate', shard.falsePositiveRate, manifest.filter.falsePositiveRate],
  ];
  const wrong = pairs.find(([, header, expected]) => header !== expected);
  return wrong ? `header ${wrong[0]} ${wrong[1]} is not the manifest's ${wrong[2]}` : null;
}
