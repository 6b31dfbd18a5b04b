/** What the routes share, assembled once by createApp. */
import type { OprfBackend } from '../oprf/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { AdditionsSequencer } from './additions/sequencer.ts';
import type { AuthDependencies } from './auth/authenticate.ts';
import type { ApiConfig } from './config.ts';
import type { EpochCache } from './epochs/epoch-cache.ts';
import type { PublishedEpochs } from './epochs/published.ts';
import type { ShardReadiness } from './epochs/shard-readiness.ts';
import type { ListRegistry } from './lists/list-registry.ts';
import type { QuotaCounter } from './quota/quota.ts';

export interface AppServices {
  store: ObjectStore;
  config: ApiConfig;
  /** Every list served; `lists.default` is the store's root list, whose parts are also the fields below. */
  lists: ListRegistry;
  /** Numbers and publishes live additions (absent: the server holds no additions key). */
  additions?: AdditionsSequencer;
  /** The default list's epochs (status page, receipts, the scrub page). */
  epochs: EpochCache;
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
