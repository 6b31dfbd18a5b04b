/**
 * SHARD_LOOKUP on Workers (src/api/config.ts): `isolate` keeps verified shards in each isolate's memory,
 * `durable-objects` asks shard-resident Durable Objects, and `auto` (the default) chooses per epoch: the
 * isolate while the whole epoch fits SHARD_CACHE_MB (no extra hop; a few R2 reads per isolate), the
 * Durable Objects beyond (a 250M-number epoch is 64 shards of 14 MB: an isolate of 128 MB cannot hold
 * it, and would reload shards for nearly every batch). Measured in docs/PERFORMANCE.md.
 */
import { QuietlistError } from '../../core/errors.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import type { RequestShardLookup, ShardLookup } from './shard-lookup.ts';

export type ShardLookupSetting = 'auto' | 'isolate' | 'durable-objects';

/** Total bytes of an epoch's shard files. */
export function epochShardBytes(epoch: LoadedEpoch): number {
  return epoch.manifest.shards.reduce((sum, shard) => sum + shard.bytes, 0);
}

export function chooseShardLookup(
  setting: ShardLookupSetting,
  isolate: ShardLookup,
  resident: ShardLookup | null,
  isolateBytes: number,
): ShardLookup {
  if (setting === 'isolate') return isolate;
  if (!resident) {
    if (setting === 'durable-objects') {
      throw new QuietlistError(
        'INVALID_CONFIG',
        'SHARD_LOOKUP is durable-objects but the worker has no SHARDS Durable Object binding (worker/wrangler.jsonc)',
      );
    }
    return isolate;
  }
  if (setting === 'durable-objects') return resident;
  const chosen = (epoch: LoadedEpoch) => (epochShardBytes(epoch) <= isolateBytes ? isolate : resident);
  return {
    forRequest: (epoch: LoadedEpoch): RequestShardLookup => chosen(epoch).forRequest(epoch),
    warm: async (epoch: LoadedEpoch) => chosen(epoch).warm?.(epoch),
  };
}
