/**
 * The Cloudflare Workers entry: the app of src/api bound to R2, the Rate Limiting binding, the
 * SubscriberQuota Durable Object (one per subscriber: the global quota) and the ListSequencer Durable
 * Object (one per list: the one writer of its live additions). The app
 * (with its epoch and subscriber caches) is built once per isolate, on the first request, from the
 * bindings; src/api/config.ts parses and checks them. A configuration error answers 503
 * MISCONFIGURED (JSON, like every other error) and is retried on the next request.
 */

import { createApp, type QuietlistApp } from '../src/api/app.ts';
import { parseApiConfig } from '../src/api/config.ts';
import { ObjectHighWater } from '../src/api/epochs/high-water.ts';
import { API_ERRORS } from '../src/core/api-errors.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
// Workers cannot compile WebAssembly from bytes at run time: wrangler precompiles this module at deploy.
import sodiumWasm from '../src/oprf/sodium/libsodium-sumo.wasm';
import { listStore } from '../src/storage/list-store.ts';
import { R2Store } from '../src/storage/r2-store.ts';
import { durableObjectQuotaCounter } from './quota-client.ts';
import { bindingRateLimiter } from './rate-limit-binding.ts';
import { durableObjectSequencer } from './sequencer-client.ts';

/** Durable Object classes must be exported by the main module (wrangler.jsonc `durable_objects`). */
export { SubscriberQuota } from './quota-object.ts';
export { ListSequencer } from './sequencer-object.ts';

/** Seconds in the RATE_LIMITER binding's period (wrangler.jsonc `ratelimits[0].simple.period`). */
const RATE_LIMIT_PERIOD_SECONDS = 60;

let app: QuietlistApp | undefined;

export function appFor(env: Env): QuietlistApp {
  const store = new R2Store(env.STORE, 'STORE');
  if (app) return app;
  const config = parseApiConfig(env as unknown as Record<string, unknown>);
  app = createApp({
    store,
    // The trust state of each list (newest epoch served, signing key in force, retired keys), shared by
    // every isolate and kept across isolate restarts: none goes back to an older list or a retired key.
    highWater: (list) => new ObjectHighWater(listStore(store, list)),
    config,
    additions: config.additionsKey ? durableObjectSequencer(env.SEQUENCERS) : undefined,
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
} satisfies ExportedHandler<Env>;
