/**
 * Where POST /v1/check's lookups go: the shards of the request's epoch answer lists of digests
 * (core/membership.ts checkNumbersByShard groups a batch by shard). Two implementations:
 *   cached-shard-lookup.ts     verified shards in this process's memory (EpochCache.filter): Node's
 *                              `serve`, and Workers while the epoch fits the isolate's shard cache;
 *   durable-object-lookup.ts   one Durable Object per (manifest SHA-256, shard) holds its verified
 *                              shard (resident-shard.ts): Workers at US scale (docs/PERFORMANCE.md).
 * A request gets one RequestShardLookup bound to the epoch it answers from (epoch-cache.ts invariant 2:
 * one request, one epoch), so an epoch switch during a batch cannot mix two epochs' answers.
 */
import type { ShardDigestLookup } from '../../core/membership.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';

export interface RequestShardLookup {
  /** For checkNumbersByShard: the answers of one shard of the request's epoch. */
  readonly lookup: ShardDigestLookup;
  /** How many shards one request asks at once. */
  readonly inFlight: number;
  /** Bytes this request read from storage (shards loaded and verified for it); 0 when all were resident. */
  readonly bytesRead: number;
}

export interface ShardLookup {
  forRequest(epoch: LoadedEpoch): RequestShardLookup;
  /** Loads every shard of `epoch` ahead of requests, where the path keeps them apart (Durable Objects). */
  warm?(epoch: LoadedEpoch): Promise<void>;
}
