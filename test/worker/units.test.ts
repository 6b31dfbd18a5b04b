/** The API's small parts, inside workerd (which also proves they are runtime-neutral). */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/api/auth/sha256.ts';
import { generateApiKey, parseApiKey } from '../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import { ByteLru } from '../../src/api/epochs/byte-lru.ts';
import { parseRange } from '../../src/api/http/ranges.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import { TokenBucketRateLimiter } from '../../src/api/quota/rate-limiter.ts';
import { PreconditionFailedError } from '../../src/core/errors.ts';
import { R2Store } from '../../src/storage/r2-store.ts';

describe('R2Store over the real R2 binding', () => {
  const store = new R2Store(env.STORE, 'STORE');
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('puts, gets, lists in order and deletes', async () => {
    const etag = await store.put('r2-unit/b.txt', bytes('b'), { contentType: 'text/plain' });
    await store.put('r2-unit/a.txt', bytes('a'));
    const object = await store.get('r2-unit/b.txt');
    expect(new TextDecoder().decode(object!.body)).toBe('b');
    expect(object!.etag).toBe(etag);
    expect(await store.list('r2-unit/')).toEqual(['r2-unit/a.txt', 'r2-unit/b.txt']);
    await store.delete(['r2-unit/a.txt', 'r2-unit/b.txt']);
    expect(await store.get('r2-unit/a.txt')).toBeNull();
    expect(await store.list('r2-unit/')).toEqual([]);
  });

  it('honours create-only and replace-only conditions', async () => {
    const etag = await store.put('r2-unit/pointer', bytes('1'), { ifNoneMatch: '*' });
    await expect(store.put('r2-unit/pointer', bytes('2'), { ifNoneMatch: '*' })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    const next = await store.put('r2-unit/pointer', bytes('2'), { ifMatch: etag });
    await expect(store.put('r2-unit/pointer', bytes('3'), { ifMatch: etag })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(next).not.toBe(etag);
  });

  it('refuses keys that could escape their prefix', async () => {
    await expect(store.get('../x')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('parseRange', () => {
  it('reads single ranges and ignores what it cannot honour', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=9-1', 100)).toBeNull();
    expect(() => parseRange('bytes=100-', 100)).toThrow();
  });
});

describe('limits', () => {
  it('token bucket: a burst of `requests`, then one token per period/requests', async () => {
    let now = 0;
    const limiter = new TokenBucketRateLimiter(2, 60, () => now);
    expect(await limiter.limit('a')).toEqual({ ok: true });
    expect(await limiter.limit('a')).toEqual({ ok: true });
    expect(await limiter.limit('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(await limiter.limit('b')).toEqual({ ok: true });
    now += 30_000;
    expect(await limiter.limit('a')).toEqual({ ok: true });
  });

  it('quota (in-memory baseline): all or nothing per day, reset at 00:00 UTC', async () => {
    const at = Date.UTC(2026, 10, 28, 23, 59, 0);
    const quota = new MemoryQuotaCounter();
    const limits = { daily: 10, monthly: null };
    const reserve = (amount: number, when: number) =>
      quota.reserve({ subscriberId: 's', amount, limits, at: when });
    expect(await reserve(8, at)).toMatchObject({ ok: true, remaining: { day: 2, month: null } });
    expect(await reserve(3, at)).toMatchObject({ ok: false, period: 'day', retryAfterSeconds: 60 });
    expect(await reserve(10, at + 60_000)).toMatchObject({ ok: true, remaining: { day: 0 } });
  });

  it('byte LRU evicts the least recently used beyond its bound', () => {
    const lru = new ByteLru<string>(10);
    lru.set('a', 'a', 4);
    lru.set('b', 'b', 4);
    lru.get('a');
    lru.set('c', 'c', 4);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['a', undefined, 'c']);
    lru.set('huge', 'x', 11);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.bytes).toBe(8);
  });
});

describe('keys and config', () => {
  it('generates keys that parse back to their id, and compares in constant time', () => {
    const { id, key } = generateApiKey();
    expect(parseApiKey(key)).toEqual({ id });
    expect(parseApiKey(`${key}x`)).toBeNull();
    expect(parseApiKey('Bearer')).toBeNull();
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
  });

  it('reports every configuration problem at once, without echoing secrets', () => {
    const secret = 'c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0';
    let message = '';
    try {
      parseApiConfig({ QUIETLIST_HASH_KEY: secret, SHARD_CACHE_MB: '-1', PUBLIC_DOWNLOADS: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/QUIETLIST_PUBLIC_KEY/);
    expect(message).toMatch(/QUIETLIST_HASH_KEY/);
    expect(message).toMatch(/SHARD_CACHE_MB/);
    expect(message).toMatch(/PUBLIC_DOWNLOADS/);
    expect(message).not.toContain(secret);
  });
});
