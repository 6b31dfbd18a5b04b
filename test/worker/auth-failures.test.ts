/**
 * Failed authentications are limited per client address (CF-Connecting-IP on Workers): a flood of bad
 * keys from one address gets 429 without storage reads, while other addresses, and valid keys the
 * API already knows, are served as before.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, checkRequest, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');
const base = new PrefixedStore(new R2Store(env.STORE), 'auth-failures/');
let reads = 0;
/** Counts subscriber-record reads: what a flood of unknown keys would cost the store. */
const store: ObjectStore = new Proxy(base, {
  get(target, property, receiver) {
    if (property === 'get') {
      return (key: string) => {
        if (key.startsWith('subscribers/')) reads++;
        return target.get(key);
      };
    }
    return Reflect.get(target, property, receiver);
  },
});

beforeAll(() => putSeed(base, seed.first));

function from(address: string, key: string): RequestInit {
  return checkRequest(['+33612000001'], { ...bearer(key), 'cf-connecting-ip': address });
}

function unknownKey(i: number): string {
  return `ql_${String(i).padStart(12, 'z').slice(-12)}_${'A'.repeat(43)}`;
}

describe('failed authentications per client address', () => {
  it('answers 429 to an address flooding bad keys, with no storage read, and serves everyone else', async () => {
    const { app } = testApp(
      store,
      { QUIETLIST_PUBLIC_KEY: seed.publicKey, SUBSCRIBER_CACHE_SECONDS: '60' },
      {},
    );
    const rateLimited = testApp(store, {
      QUIETLIST_PUBLIC_KEY: seed.publicKey,
      SUBSCRIBER_CACHE_SECONDS: '60',
      AUTH_FAILURES_PER_MINUTE: '5',
    }).app;
    const good = await addSubscriber(base);
    // The valid key is known (cached) before the flood.
    expect((await rateLimited.request('/v1/check', from('192.0.2.7', good.key))).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await rateLimited.request('/v1/check', from('192.0.2.7', unknownKey(i)))).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    const readsBefore = reads;
    const blocked = await rateLimited.request('/v1/check', from('192.0.2.7', unknownKey(99)));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(reads).toBe(readsBefore);
    // Another address still gets a plain 401 for a bad key, and 200 for a good one.
    expect((await rateLimited.request('/v1/check', from('198.51.100.4', unknownKey(100)))).status).toBe(401);
    const other = await addSubscriber(base);
    expect((await rateLimited.request('/v1/check', from('198.51.100.4', other.key))).status).toBe(200);
    // The known valid key behind the flooding address is not punished for the flood.
    expect((await rateLimited.request('/v1/check', from('192.0.2.7', good.key))).status).toBe(200);
    // An app with the default limit is unaffected by twenty failures.
    expect((await app.request('/v1/check', from('192.0.2.7', unknownKey(1)))).status).toBe(401);
  });
});
