/**
 * The Cloudflare Workers entry: the app of src/api bound to R2, the Rate Limiting binding, the
 * SubscriberQuota Durable Object (one per subscriber: the global quota), the ShardResident Durable
 * Object (one per shard of a served epoch, when SHARD_LOOKUP chooses them) and the ListSequencer
 * Durable Object (one per list: the one writer of its live additions). The app
 * (with its epoch and subscriber caches) is built once per isolate, on the first request, from the
 * bindings; src/api/config.ts parses and checks them. A configuration error answers 503
 * MISCONFIGURED (JSON, like every other error) and is retried on the next request.
 */

import { createApp, type QuietlistApp } from '../src/api/app.ts';
import { parseApiConfig } from '../src/api/config.ts';
import type { EpochCache } from '../src/api/epochs/epoch-cache.ts';
import { ObjectHighWater } from '../src/api/epochs/high-water.ts';
import { toApiError } from '../src/api/errors/error-mapping.ts';
import { CachedShardLookup } from '../src/api/shards/cached-shard-lookup.ts';
import { chooseShardLookup } from '../src/api/shards/choose-lookup.ts';
import { DurableObjectShardLookup } from '../src/api/shards/durable-object-lookup.ts';
import type { ShardLookup } from '../src/api/shards/shard-lookup.ts';
import { API_ERRORS } from '../src/core/api-errors.ts';
import { DEFAULT_LIST } from '../src/core/lists/list-name.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
// Workers cannot compile WebAssembly from bytes at run time: wrangler precompiles this module at deploy.
import sodiumWasm from '../src/oprf/sodium/libsodium-sumo.wasm';
import { listStore } from '../src/storage/list-store.ts';
import { R2Store } from '../src/storage/r2-store.ts';
import { durableObjectQuotaCounter } from './quota-client.ts';
import { bindingRateLimiter } from './rate-limit-binding.ts';
import { durableObjectSequencer } from './sequencer-client.ts';
import { durableObjectShardDirectory } from './shard-client.ts';

/** Durable Object classes must be exported by the main module (wrangler.jsonc `durable_objects`). */
export { SubscriberQuota } from './quota-object.ts';
export { ListSequencer } from './sequencer-object.ts';
export { ShardResident } from './shard-object.ts';

/** Seconds in the RATE_LIMITER binding's period (wrangler.jsonc `ratelimits[0].simple.period`). */
const RATE_LIMIT_PERIOD_SECONDS = 60;

let app: QuietlistApp | undefined;
/** The app's epoch cache and shard lookups, for the Cron Trigger's warm-up. */
let shardWork: { epochs: EpochCache; shards: ShardLookup } | undefined;

export function appFor(env: Env): QuietlistApp {
  if (app) return app;
  const store = new R2Store(env.STORE, 'STORE');
  const config = parseApiConfig(env as unknown as Record<string, unknown>);
  const resident = env.SHARDS ? new DurableObjectShardLookup(durableObjectShardDirectory(env.SHARDS)) : null;
  app = createApp({
    store,
    // The trust state of each list (newest epoch served, signing key in force, retired keys), shared by
    // every isolate and kept across isolate restarts: none goes back to an older list or a retired key.
    highWater: (list) => new ObjectHighWater(listStore(store, list)),
    config,
    additions: config.additionsKey ? durableObjectSequencer(env.SEQUENCERS) : undefined,
    // Where each list's checks look shards up: this isolate's cache, or the shards' own Durable Objects
    // (US scale; an object per manifest and shard, so lists never share one).
    shards: (epochs, list) => {
      const shards = chooseShardLookup(
        config.shardLookup,
        new CachedShardLookup(epochs),
        resident,
        config.shardCacheBytes,
      );
      // The cron warm-up keeps the root list (the national register: the large one) warm.
      if (list === DEFAULT_LIST) shardWork = { epochs, shards };
      return shards;
    },
    rateLimiter: bindingRateLimiter(env.RATE_LIMITER, RATE_LIMIT_PERIOD_SECONDS),
    // Failed authentications per client address share the binding under their own keys (auth-failure:<ip>).
    authFailureLimiter: bindingRateLimiter(env.RATE_LIMITER, RATE_LIMIT_PERIOD_SECONDS),
    quotas: durableObjectQuotaCounter(env.QUOTAS),
    oprfBackend: () => createOprfBackend({ prefer: 'fast', wasmModule: sodiumWasm }),
  });
  return app;
}

function misconfigured(error: unknown): Response {
  // Config messages name settings, never their values.
  console.error(
    JSON.stringify({ type: 'error', code: 'MISCONFIGURED', detail: String((error as Error)?.message) }),
  );
  const { status, message } = API_ERRORS.MISCONFIGURED;
  return Response.json(
    { error: { code: 'MISCONFIGURED', message } },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );
}

export default {
  async fetch(request, env, ctx) {
    let instance: QuietlistApp;
    try {
      instance = appFor(env);
    } catch (error) {
      return misconfigured(error);
    }
    return instance.fetch(request, env, ctx);
  },

  /**
   * The Cron Trigger (wrangler.jsonc `triggers`, every minute): once per new epoch, every shard's
   * Durable Object loads and verifies its shard, so a published epoch is warm within a minute or so
   * (plus POINTER_TTL_SECONDS) without a request waiting for it. Nothing to do for an epoch that the
   * isolate's cache serves.
   */
  async scheduled(_controller, env) {
    try {
      appFor(env);
      if (!shardWork?.shards.warm) return;
      await shardWork.shards.warm(await shardWork.epochs.current());
    } catch (error) {
      // No epoch yet, storage down, a bad manifest: requests report it; the next minute tries again.
      console.error(JSON.stringify({ type: 'error', code: toApiError(error).code, detail: 'shard warm-up' }));
    }
  },
} satisfies ExportedHandler<Env>;
