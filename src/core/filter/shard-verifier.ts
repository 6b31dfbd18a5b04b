/**
 * The one shard verifier (docs/FORMAT.md, sections 4 and 9): a shard file is used only if its size and
 * SHA-256 equal its signed manifest entry, its header parses, and every header field the manifest also
 * states agrees with it: shard index, prefix bits p, bit count m, hash count k, entries n and the
 * false-positive rate ε. The API, `check` (cache and store) and `scrub` all verify through here.
 */

import type { Sha256Hex } from '../encoding/bytes.ts';
import type { Manifest, ManifestShard } from '../epoch/manifest.ts';
import { groupOfPosition } from '../epoch/shard-layout.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import type { BloomFilter } from './bloom-filter.ts';
import { parseFilter } from './format.ts';

/**
 * The manifest entry of the shard at `position` in `manifest.shards` (core/epoch/shard-layout.ts: the
 * index itself in an unpartitioned epoch, whose 2^p entries are in index order).
 */
export function shardEntry(manifest: Manifest, position: number): ManifestShard {
  const entry = manifest.shards[position];
  if (!entry)
    throw new QuietlistError('INVALID_ARGUMENT', `epoch ${manifest.epoch} has no shard ${position}`);
  return entry;
}

/** A shard the manifest lists is not where it should be (store, download or cache). */
export function shardMissing(manifest: Manifest, entry: ManifestShard, hint = ''): QuietlistError {
  return new QuietlistError(
    'SHARD_MISSING',
    `shard ${entry.path} of epoch ${manifest.epoch} is missing${hint ? `: ${hint}` : ''}`,
  );
}

/** Whether the bytes are exactly the file the manifest names (size, then SHA-256). */
export async function matchesShard(
  entry: ManifestShard,
  bytes: Uint8Array,
  sha256Hex: Sha256Hex,
): Promise<boolean> {
  return bytes.length === entry.bytes && (await sha256Hex(bytes)) === entry.sha256;
}

/**
 * Verifies the shard at `position` of `manifest` and returns its filter (a view into `bytes`: callers
 * that keep the filter must not reuse the buffer). Throws CHECKSUM_MISMATCH when the bytes are not the
 * signed ones, FORMAT_INVALID when the file or its header disagrees with the manifest (a partition's
 * shard: its index within the partition and the partition's prefix bits).
 */
export async function verifyShard(
  manifest: Manifest,
  position: number,
  bytes: Uint8Array,
  sha256Hex: Sha256Hex,
): Promise<BloomFilter> {
  const entry = shardEntry(manifest, position);
  const group = groupOfPosition(manifest, position);
  if (!(await matchesShard(entry, bytes, sha256Hex))) {
    throw new FormatError(
      `shard ${entry.path} of epoch ${manifest.epoch} does not match its manifest size and SHA-256`,
      'CHECKSUM_MISMATCH',
    );
  }
  const shard = parseFilter(bytes);
  const disagreements = [
    shard.shardIndex !== entry.index && 'shard index',
    shard.shardPrefixBits !== group.shardPrefixBits && 'prefix bits',
    shard.filter.bitCount !== entry.bitCount && 'bit count',
    shard.filter.hashCount !== entry.hashCount && 'hash count',
    shard.entries !== entry.entries && 'entries',
    shard.falsePositiveRate !== manifest.filter.falsePositiveRate && 'false-positive rate',
  ].filter(Boolean);
  if (disagreements.length > 0) {
    throw new FormatError(
      `shard ${entry.path} of epoch ${manifest.epoch}: its header disagrees with the manifest (${disagreements.join(', ')})`,
    );
  }
  return shard.filter;
}
