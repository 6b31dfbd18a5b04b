/**
 * The shards of one epoch, looked up together. Built from an unpartitioned epoch's 2^p shards, a digest
 * goes to the shard its prefix names (`has`); built from the shards held at their manifest positions
 * (`FilterSet.atPositions`, core/epoch/shard-layout.ts), any epoch's, partitioned or not, with holes
 * where a partition was not pulled: membership asks `at(position)`.
 */

import { QuietlistError } from '../errors.ts';
import type { BloomFilter } from './bloom-filter.ts';
import { shardOf } from './sharding.ts';

export class FilterSet {
  /** The unpartitioned epoch's p, or null for a set looked up by position. */
  readonly shardPrefixBits: number | null;
  private readonly shards: readonly (BloomFilter | undefined)[];

  constructor(shardPrefixBits: number | null, shards: readonly (BloomFilter | undefined)[]) {
    if (shardPrefixBits !== null && (shards.length !== 2 ** shardPrefixBits || shards.includes(undefined))) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `expected ${2 ** shardPrefixBits} shards, got ${shards.length}`,
      );
    }
    this.shardPrefixBits = shardPrefixBits;
    this.shards = shards;
  }

  /** The filters held, by manifest position (undefined: a shard of a partition not held). */
  static atPositions(shards: readonly (BloomFilter | undefined)[]): FilterSet {
    return new FilterSet(null, shards);
  }

  /** An unpartitioned epoch's lookup by digest prefix. */
  has(digest: Uint8Array): boolean {
    if (this.shardPrefixBits === null)
      throw new QuietlistError('INVALID_ARGUMENT', 'this filter set is looked up by position');
    return this.shards[shardOf(digest, this.shardPrefixBits)]!.has(digest);
  }

  /** The filter at a manifest position, or undefined when it is not held. */
  at(position: number): BloomFilter | undefined {
    return this.shards[position];
  }
}
