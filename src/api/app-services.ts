/** What the routes share, assembled once by createApp. */
import type { OprfBackend } from '../oprf/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { AuthDependencies } from './auth/authenticate.ts';
import type { ApiConfig } from './config.ts';
import type { EpochCache } from './epochs/epoch-cache.ts';
import type { PublishedEpochs } from './epochs/published.ts';
import type { ShardReadiness } from './epochs/shard-readiness.ts';
import type { QuotaCounter } from './quota/quota.ts';
import type { ShardLookup } from './shards/shard-lookup.ts';

export interface AppServices {
  store: ObjectStore;
  config: ApiConfig;
  epochs: EpochCache;
  /** Where checks look the epoch's shards up (memory, or shard-resident Durable Objects). */
  shards: ShardLookup;
  /** The epochs latest.json ever named, the only ones downloadable. */
  published: PublishedEpochs;
  /** Whether every shard of the served epoch is in place (GET /readyz). */
  readiness: ShardReadiness;
  auth: AuthDependencies;
  /** Shared across instances (Durable Object on Workers, SQLite on Node): the quota is a real bound. */
  quotas: QuotaCounter;
  now: () => number;
  /** Loads the OPRF backend (once, on the first oprf request). */
  oprfBackend: () => Promise<OprfBackend>;
}
