/** Shared set-up for the API tests inside workerd: seed a store, add subscribers, build an app. */
import { env } from 'cloudflare:workers';
import type { AdditionsSequencer } from '../../../src/api/additions/sequencer.ts';
import { type AppDependencies, createApp } from '../../../src/api/app.ts';
import {
  generateApiKey,
  hashApiKey,
  type Scope,
  type SubscriberRecord,
  writeSubscriber,
} from '../../../src/api/auth/subscribers.ts';
import { type ApiConfig, parseApiConfig } from '../../../src/api/config.ts';
import type { AuditEntry } from '../../../src/api/http/audit.ts';
import type { QuotaCounter } from '../../../src/api/quota/quota.ts';
import type { RateLimiter } from '../../../src/api/quota/rate-limiter.ts';
import { fromBase64 } from '../../../src/core/encoding/base64.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { durableObjectQuotaCounter } from '../../../worker/quota-client.ts';
import type { SeedEpoch } from './seed-types.ts';

export async function putSeed(store: ObjectStore, seed: SeedEpoch, options: { withPointer?: boolean } = {}) {
  const entries = Object.entries(seed.objects).filter(([key]) => key !== 'latest.json');
  for (const [key, body] of entries) await store.put(key, fromBase64(body));
  const pointer = seed.objects['latest.json'];
  if (pointer && options.withPointer !== false) await store.put('latest.json', fromBase64(pointer));
}

export async function addSubscriber(
  store: ObjectStore,
  options: { scopes?: Scope[]; dailyQuota?: number; monthlyQuota?: number; revoked?: boolean } = {},
): Promise<{ id: string; key: string; record: SubscriberRecord }> {
  const { id, key } = generateApiKey();
  const record: SubscriberRecord = {
    version: 1,
    id,
    name: 'Test Subscriber',
    keyHash: await hashApiKey(key),
    scopes: options.scopes ?? ['download', 'check'],
    dailyQuota: options.dailyQuota ?? 1_000_000,
    ...(options.monthlyQuota === undefined ? {} : { monthlyQuota: options.monthlyQuota }),
    createdAt: new Date().toISOString(),
    revokedAt: options.revoked ? new Date().toISOString() : null,
  };
  await writeSubscriber(store, record);
  return { id, key, record };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  audit: AuditEntry[];
  errors: string[];
  config: ApiConfig;
}

export function testApp(
  store: ObjectStore,
  settings: Record<string, string>,
  options: {
    rateLimiter?: RateLimiter;
    now?: () => number;
    quotas?: QuotaCounter;
    additions?: AdditionsSequencer;
    shards?: AppDependencies['shards'];
  } = {},
): TestApp {
  const audit: AuditEntry[] = [];
  const errors: string[] = [];
  const config = parseApiConfig({ POINTER_TTL_SECONDS: '0', SUBSCRIBER_CACHE_SECONDS: '0', ...settings });
  const app = createApp({
    store,
    config,
    audit: (entry) => audit.push(entry),
    log: (line) => errors.push(line),
    rateLimiter: options.rateLimiter,
    // The deployed counter: each subscriber's Durable Object (SQLite storage) in this workerd.
    quotas: options.quotas ?? durableObjectQuotaCounter(env.QUOTAS),
    now: options.now,
    additions: options.additions,
    shards: options.shards,
  });
  return { app, audit, errors, config };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export function checkRequest(numbers: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ numbers }),
  };
}

/** A /v1/check response body, success or error, loosely typed for assertions. */
export interface CheckBody {
  epoch: string;
  results: { status: string; reason?: string }[];
  error: { code: string; message: string };
}
