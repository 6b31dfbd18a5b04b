/** What the routes share, assembled once by createApp. */
import type { OprfBackend } from '../oprf/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { AuthDependencies } from './auth.ts';
import type { ApiConfig } from './config.ts';
import type { EpochCache } from './epoch-cache.ts';
import type { QuotaCounter } from './quota.ts';

export interface AppServices {
  store: ObjectStore;
  config: ApiConfig;
  epochs: EpochCache;
  auth: AuthDependencies;
  /** Shared across instances (Durable Object on Workers, SQLite on Node): the quota is a real bound. */
  quotas: QuotaCounter;
  now: () => number;
  /** Loads the OPRF backend (once, on the first oprf request). */
  oprfBackend: () => Promise<OprfBackend>;
}
