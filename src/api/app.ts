/**
 * createApp: the whole HTTP API as one Hono app, built from its storage and configuration. The same
 * app runs on Cloudflare Workers (worker/index.ts, over R2) and on Node (`quietlist serve`, over a
 * directory or S3). Create it once per process or isolate: it holds the epoch and subscriber caches.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { createOprfBackend } from '../oprf/backend.ts';
import type { OprfBackend } from '../oprf/types.ts';
import { registerScrubPageRoute } from '../page/server/scrub-route.ts';
import { registerStatusPageRoute } from '../page/server/status-route.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import type { AdditionsSequencer } from './additions/sequencer.ts';
import type { AppEnv } from './app-env.ts';
import type { AppServices } from './app-services.ts';
import { type AddressResolver, AuthFailureLimiter } from './auth/failed-attempts.ts';
import { SubscriberDirectory } from './auth/subscriber-directory.ts';
import type { ApiConfig } from './config.ts';
import type { EpochCache } from './epochs/epoch-cache.ts';
import type { FreshnessAlert } from './epochs/freshness.ts';
import { type HighWaterStore, MemoryHighWater } from './epochs/high-water.ts';
import { ApiError } from './errors/api-error.ts';
import { errorResponse, handleError, toApiError } from './errors/error-mapping.ts';
import { type AuditSink, auditMiddleware, consoleAuditSink } from './http/audit.ts';
import { numberInUrlGuard } from './http/number-in-url-guard.ts';
import { rawPathGuard } from './http/raw-path-guard.ts';
import { securityHeaders } from './http/security-headers.ts';
import { ListRegistry } from './lists/list-registry.ts';
import { registerOpenApiDocument } from './openapi/document.ts';
import { validationHook } from './openapi/validation.ts';
import type { QuotaCounter } from './quota/quota.ts';
import { type RateLimiter, TokenBucketRateLimiter } from './quota/rate-limiter.ts';
import { registerAdditionsRoutes } from './routes/additions.ts';
import { registerCheckRoute } from './routes/check.ts';
import { registerDownloadRoutes } from './routes/downloads.ts';
import { registerListsRoute } from './routes/lists.ts';
import { registerOprfRoute } from './routes/oprf.ts';
import { registerPartitionRoutes } from './routes/partitions.ts';
import { registerQuotaRoute } from './routes/quota.ts';
import { registerReceiptRoute } from './routes/receipts.ts';
import { registerSigningKeyRoute } from './routes/signing-key.ts';
import { registerStatusRoutes } from './routes/status.ts';
import type { ShardLookup } from './shards/shard-lookup.ts';

export interface AppDependencies {
  store: ObjectStore;
  config: ApiConfig;
  /** Default: an in-memory token bucket per subscriber (Node); the Workers binding on Cloudflare. */
  rateLimiter?: RateLimiter;
  /** Failed authentications per client address. Default: a token bucket of AUTH_FAILURES_PER_MINUTE. */
  authFailureLimiter?: RateLimiter;
  /** Node behind load balancers (`serve --trust-proxy`): the client address from X-Forwarded-For. */
  behindProxies?: AddressResolver;
  /**
   * Daily and monthly quota counters. Required, so no deployment falls back to per-instance counts:
   * the Durable Object client on Workers, SqliteQuotaCounter on Node (tests may pass MemoryQuotaCounter).
   */
  quotas: QuotaCounter;
  /** Default: one JSON line per request on stdout. */
  audit?: AuditSink;
  /** Error details of 5xx responses (never request input). Default: console.error. */
  log?: (line: string) => void;
  /** Default: the fastest OPRF backend this runtime loads (Workers pass the precompiled libsodium module). */
  oprfBackend?: () => Promise<OprfBackend>;
  /**
   * Where the newest accepted epoch is remembered, so a restarted server still refuses an older
   * latest.json (api/epochs/freshness.ts), per list. Default: memory only. Workers: the R2 bucket;
   * Node: --state-dir. A single store is the default list's (tests); a function gives each list its own.
   */
  highWater?: HighWaterStore | ((list: string) => HighWaterStore);
  /** Numbers and publishes live additions: a Durable Object per list on Workers, SQLite on Node. */
  additions?: AdditionsSequencer;
  /**
   * Where a list's checks look shards up, given its epoch cache. Default: the cache itself (verified
   * shards in this process's memory); Workers choose by SHARD_LOOKUP (shards/choose-lookup.ts).
   */
  shards?: (epochs: EpochCache, list: string) => ShardLookup;
  /** Alert lines (an older latest.json refused…). Default: one JSON line on stdout, beside the audit lines. */
  alert?: (entry: FreshnessAlert) => void;
  now?: () => number;
}

/** Known paths and the methods they answer; any other method gets 405 with Allow. */
const ALLOWED_METHODS: Record<string, string> = {
  '/': 'GET, HEAD',
  '/healthz': 'GET, HEAD',
  '/readyz': 'GET, HEAD',
  '/openapi.json': 'GET, HEAD',
  '/v1/signing-key': 'GET, HEAD',
  '/v1/latest': 'GET, HEAD',
  '/v1/key-retirements/:fingerprint': 'GET, HEAD',
  '/v1/manifest': 'GET, HEAD',
  '/v1/epochs/:id/:file': 'GET, HEAD',
  '/v1/epochs/:id/p/:partition/:file': 'GET, HEAD',
  '/v1/entitlement': 'GET, HEAD',
  '/v1/check': 'POST',
  '/v1/oprf/evaluate': 'POST',
  '/v1/additions': 'GET, HEAD, POST',
  '/v1/lists': 'GET, HEAD',
  '/v1/lists/:list/latest': 'GET, HEAD',
  '/v1/lists/:list/key-retirements/:fingerprint': 'GET, HEAD',
  '/v1/lists/:list/manifest': 'GET, HEAD',
  '/v1/lists/:list/epochs/:id/:file': 'GET, HEAD',
  '/v1/lists/:list/epochs/:id/p/:partition/:file': 'GET, HEAD',
  '/v1/lists/:list/entitlement': 'GET, HEAD',
  '/v1/lists/:list/check': 'POST',
  '/v1/lists/:list/oprf/evaluate': 'POST',
  '/v1/lists/:list/additions': 'GET, HEAD, POST',
  '/v1/receipts': 'POST',
  '/v1/quota': 'GET, HEAD',
  '/scrub': 'GET, HEAD',
  // The page's scripts: served before the app (src/cli/web-assets.ts, Workers Static Assets) when they exist.
  '/assets/:file': 'GET, HEAD',
};

export function createApp(deps: AppDependencies) {
  const now = deps.now ?? Date.now;
  const { config, store } = deps;
  const log = deps.log ?? ((line: string) => console.error(line));
  const rateLimiter =
    deps.rateLimiter ??
    new TokenBucketRateLimiter(config.rateLimit.requests, config.rateLimit.periodSeconds, now);
  const highWater = deps.highWater;
  const lists = new ListRegistry({
    store,
    config,
    now,
    highWater: (list) =>
      typeof highWater === 'function'
        ? highWater(list)
        : list === 'default' && highWater
          ? highWater
          : new MemoryHighWater(),
    alert: deps.alert ?? ((entry) => console.log(JSON.stringify(entry))),
    additions: deps.additions,
    shards: deps.shards,
    log,
  });
  const services: AppServices = {
    store,
    config,
    lists,
    additions: deps.additions,
    epochs: lists.default.epochs,
    readiness: lists.default.readiness,
    published: lists.default.published,
    auth: {
      directory: new SubscriberDirectory(store, config.subscriberCacheMs, now),
      rateLimiter,
      failures: new AuthFailureLimiter(
        deps.authFailureLimiter ?? new TokenBucketRateLimiter(config.authFailuresPerMinute, 60, now),
        now,
      ),
      behindProxies: deps.behindProxies,
    },
    quotas: deps.quotas,
    now,
    oprfBackend: deps.oprfBackend ?? (() => createOprfBackend({ prefer: 'fast' })),
  };

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(auditMiddleware(deps.audit ?? consoleAuditSink, now));
  app.use(securityHeaders());
  app.use(rawPathGuard());
  app.use(numberInUrlGuard());
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST'],
      allowHeaders: ['Authorization', 'Content-Type', 'Range', 'If-None-Match', 'If-Range'],
      exposeHeaders: [
        ...['ETag', 'Content-Range', 'Retry-After', 'X-Quietlist-Epoch'],
        ...['X-Quota-Remaining', 'X-Quota-Remaining-Day', 'X-Quota-Remaining-Month'],
      ],
      maxAge: 86_400,
    }),
  );
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from `quietlist keys add`: ql_<id>_<secret>',
  });

  registerStatusRoutes(app, services);
  registerStatusPageRoute(app, services);
  registerSigningKeyRoute(app, services);
  registerDownloadRoutes(app, services);
  registerPartitionRoutes(app, services);
  registerCheckRoute(app, services);
  registerOprfRoute(app, services);
  registerAdditionsRoutes(app, services);
  registerListsRoute(app, services);
  registerReceiptRoute(app, services);
  registerQuotaRoute(app, services);
  registerScrubPageRoute(app, services);
  registerOpenApiDocument(app, config);

  for (const [path, allow] of Object.entries(ALLOWED_METHODS)) {
    app.all(path, (c) => {
      // An allowed method reaching here found nothing (a script that is not built): 404, not 405.
      if (allow.split(', ').includes(c.req.method)) throw new ApiError('NOT_FOUND');
      throw new ApiError('METHOD_NOT_ALLOWED', { headers: { Allow: allow } });
    });
  }
  app.notFound((c) => {
    c.get('audit').errorCode = 'NOT_FOUND';
    return errorResponse(c, new ApiError('NOT_FOUND'));
  });
  app.onError((error, c) => {
    c.get('audit').errorCode = toApiError(error).code;
    return handleError(error, c, log);
  });
  return app;
}

export type QuietlistApp = ReturnType<typeof createApp>;
