/// <reference types="@cloudflare/vitest-plugin/types" />
/**
 * The global quota inside workerd: each subscriber's SubscriberQuota Durable Object (SQLite storage)
 * decides for every app instance (what a new isolate is), atomically under concurrency; the monthly
 * limit, Retry-After, alerts, the usage snapshot for `keys list`, and invalid requests never charged.
 */

import { evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readUsageSnapshot } from '../../src/api/quota/snapshot.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { durableObjectQuotaCounter } from '../../worker/quota-client.ts';
import { addSubscriber, bearer, type CheckBody, checkRequest, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');
const store = new PrefixedStore(new R2Store(env.STORE), 'quota/');
const settings = { QUIETLIST_PUBLIC_KEY: seed.publicKey, RATE_LIMIT_REQUESTS: '100000' };
const counter = durableObjectQuotaCounter(env.QUOTAS);

beforeAll(async () => {
  await putSeed(store, seed.first);
  // The deployed entry and the objects' snapshots use the bucket's root.
  await putSeed(new R2Store(env.STORE), seed.first);
});

function numbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => seed.listedFirst[(from + i) % seed.listedFirst.length]!);
}

async function check(app: ReturnType<typeof testApp>['app'], key: string, count: number) {
  const response = await app.request('/v1/check', checkRequest(numbers(count), bearer(key)));
  return { response, body: (await response.json()) as CheckBody };
}

describe('one counter for every instance', () => {
  it('never accepts more than the quota from many concurrent requests spread over several app instances', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 1_000 });
    const apps = [testApp(store, settings), testApp(store, settings), testApp(store, settings)];
    const responses = await Promise.all(
      Array.from({ length: 36 }, (_, i) => check(apps[i % apps.length]!.app, subscriber.key, 100)),
    );
    const statuses = responses.map(({ response }) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBe(10);
    expect(statuses.filter((status) => status === 429).length).toBe(26);
    expect((await counter.usage(subscriber.id, Date.now())).today).toBe(1_000);
  });

  it('a new app instance, and the deployed entry, see the counts; they survive the object being evicted', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 5 });
    const first = testApp(store, settings);
    expect((await check(first.app, subscriber.key, 3)).response.headers.get('x-quota-remaining')).toBe('2');
    await evictDurableObject(env.QUOTAS.get(env.QUOTAS.idFromName(subscriber.id)));
    const second = testApp(store, settings);
    const refused = await check(second.app, subscriber.key, 3);
    expect(refused.response.status).toBe(429);
    expect(refused.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(refused.response.headers.get('x-quota-remaining')).toBe('2');
    expect((await check(second.app, subscriber.key, 2)).response.status).toBe(200);
    // The deployed worker entry (its own app, created from the bindings) counts in the same object.
    const root = await addSubscriber(new R2Store(env.STORE), { dailyQuota: 4 });
    const viaEntry = await exports.default.fetch(
      new Request('https://quietlist.example/v1/check', checkRequest(numbers(3), bearer(root.key))),
    );
    expect(viaEntry.status).toBe(200);
    expect(await counter.usage(root.id, Date.now())).toMatchObject({ today: 3, month: 3, last30Days: 3 });
  });
});

describe('limits and answers', () => {
  const noon = Date.UTC(2026, 10, 15, 12, 0, 0);
  const now = () => noon;

  it('refuses past the monthly limit with Retry-After until the 1st of next month (UTC)', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 1_000, monthlyQuota: 250 });
    const { app } = testApp(store, settings, { now });
    const ok = await check(app, subscriber.key, 100);
    expect(ok.response.headers.get('x-quota-remaining-day')).toBe('900');
    expect(ok.response.headers.get('x-quota-remaining-month')).toBe('150');
    expect(ok.response.headers.get('x-quota-remaining')).toBe('150');
    expect((await check(app, subscriber.key, 100)).response.status).toBe(200);
    const refused = await check(app, subscriber.key, 100);
    expect(refused.response.status).toBe(429);
    expect(refused.body.error.message).toMatch(/monthly quota exhausted: 50 numbers left, 100 asked/);
    // 15.5 days from 15 November 12:00 UTC to 1 December 00:00 UTC.
    expect(refused.response.headers.get('retry-after')).toBe(String(15.5 * 86_400));
  });

  it('refuses past the daily limit with Retry-After until 00:00 UTC', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 150, monthlyQuota: 10_000 });
    const { app } = testApp(store, settings, { now });
    expect((await check(app, subscriber.key, 100)).response.status).toBe(200);
    const refused = await check(app, subscriber.key, 100);
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('retry-after')).toBe(String(12 * 3600));
    expect(refused.response.headers.get('x-quota-remaining-month')).toBe('9900');
  });

  it('marks crossing 80% and reaching 100% once each in the audit lines, with counts only', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 100, monthlyQuota: 10_000 });
    const { app, audit } = testApp(store, settings, { now });
    for (const count of [50, 30, 10, 10, 1]) await check(app, subscriber.key, count);
    const alerts = audit.map((entry) => entry.quotaAlerts.map((alert) => alert.kind));
    expect(alerts).toEqual([[], ['daily-80'], [], ['daily-100'], []]);
    expect(audit[3]!.quotaAlerts).toEqual([{ kind: 'daily-100', used: 100, limit: 100 }]);
  });

  it('never charges an invalid request', async () => {
    const subscriber = await addSubscriber(store, { dailyQuota: 10 });
    const { app } = testApp(store, settings);
    const invalid = [
      checkRequest(
        Array.from({ length: 1001 }, () => '+33612000001'),
        bearer(subscriber.key),
      ),
      checkRequest([], bearer(subscriber.key)),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(subscriber.key) },
        body: '{',
      },
    ];
    for (const init of invalid) expect((await app.request('/v1/check', init)).status).toBe(400);
    expect((await counter.usage(subscriber.id, Date.now())).today).toBe(0);
  });
});

describe('usage the operator can see', () => {
  it("writes the subscriber's usage snapshot to the store from the object's alarm", async () => {
    const root = new R2Store(env.STORE);
    const subscriber = await addSubscriber(root, { dailyQuota: 1_000 });
    const { app } = testApp(root, settings);
    await check(app, subscriber.key, 7);
    await check(app, subscriber.key, 5);
    expect(await readUsageSnapshot(root, subscriber.id, Date.now())).toBeNull();
    expect(await runDurableObjectAlarm(env.QUOTAS.get(env.QUOTAS.idFromName(subscriber.id)))).toBe(true);
    const snapshot = await readUsageSnapshot(root, subscriber.id, Date.now());
    expect(snapshot?.usage).toEqual({ today: 12, month: 12, last30Days: 12 });
  });
});
