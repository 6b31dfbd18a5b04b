/**
 * The in-process path: each shard of the request's epoch is loaded and verified once into the epoch
 * cache's bounded memory (epoch-cache.ts, SHARD_CACHE_MB) and answered there. Right for Node, and for
 * Workers while the whole epoch fits the isolate's cache; a larger epoch would reload shards for
 * nearly every batch (docs/PERFORMANCE.md, "The edge at 250M").
 */
import type { EpochCache, LoadedEpoch } from '../epochs/epoch-cache.ts';
import type { RequestShardLookup, ShardLookup } from './shard-lookup.ts';

/** Shards loaded at once by one request: bounds memory to the shard cache plus this many shards. */
export const CACHED_SHARD_LOADS_IN_FLIGHT = 2;

export class CachedShardLookup implements ShardLookup {
  readonly #epochs: EpochCache;

  constructor(epochs: EpochCache) {
    this.#epochs = epochs;
  }

  forRequest(epoch: LoadedEpoch): RequestShardLookup {
    const epochs = this.#epochs;
    let bytesRead = 0;
    return {
      inFlight: CACHED_SHARD_LOADS_IN_FLIGHT,
      get bytesRead() {
        return bytesRead;
      },
      lookup: async (shard, digests) => {
        const filter = await epochs.filter(epoch, shard, (bytes) => {
          bytesRead += bytes;
        });
        return digests.map((digest) => filter.has(digest));
      },
    };
  }
}
