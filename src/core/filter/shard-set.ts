/** The shards of one epoch, looked up together: a digest goes to the shard its prefix names. */

import { QuietlistError } from '../errors.ts';
import type { BloomFilter } from './bloom-filter.ts';
import { shardOf } from './sharding.ts';

export class FilterSet {
  readonly shardPrefixBits: number;
  private readonly shards: readonly BloomFilter[];

  constructor(shardPrefixBits: number, shards: readonly BloomFilter[]) {
    if (shards.length !== 2 ** shardPrefixBits) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `expected ${2 ** shardPrefixBits} shards, got ${shards.length}`,
      );
    }
    this.shardPrefixBits = shardPrefixBits;
    this.shards = shards;
  }

  has(digest: Uint8Array): boolean {
    return this.shards[shardOf(digest, this.shardPrefixBits)]!.has(digest);
  }
}
