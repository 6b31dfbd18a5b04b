/**
 * The epoch cache inside workerd: atomic switch when latest.json moves, tampered data refused,
 * storage outages answered 503, secret and oprf modes.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { EpochCache } from '../../src/api/epochs/epoch-cache.ts';
import { createKeyedHasher } from '../../src/core/digest/keyed-hash.ts';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { shardOf } from '../../src/core/filter/sharding.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, type CheckBody, checkRequest, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');
let suite = 0;
function freshStore() {
  return new PrefixedStore(new R2Store(env.STORE), `epochs-${++suite}/`);
}

async function statuses(app: ReturnType<typeof testApp>['app'], key: string, numbers: string[]) {
  const response = await app.request('/v1/check', checkRequest(numbers, bearer(key)));
  return { response, body: (await response.json()) as CheckBody };
}

describe('epoch switch', () => {
  it('answers from the new epoch as soon as latest.json names it, never mixing the two', async () => {
    const store = freshStore();
    await putSeed(store, seed.first);
    const { key } = await addSubscriber(store);
    let clock = 1_000_000;
    const { app } = testApp(
      store,
      { QUIETLIST_PUBLIC_KEY: seed.publicKey, POINTER_TTL_SECONDS: '30' },
      { now: () => clock },
    );
    const sample = [seed.listedFirst[0]!, seed.listedSecond[0]!];
    const before = await statuses(app, key, sample);
    expect(before.body.epoch).toBe(seed.first.epoch);
    expect(before.body.results.map((r: { status: string }) => r.status)).toEqual(['listed', 'not_listed']);

    await putSeed(store, seed.second);
    // Within the pointer TTL the verified old epoch still answers, consistently.
    expect((await statuses(app, key, sample)).body.epoch).toBe(seed.first.epoch);
    clock += 31_000;
    const after = await statuses(app, key, sample);
    expect(after.body.epoch).toBe(seed.second.epoch);
    expect(after.body.results.map((r: { status: string }) => r.status)).toEqual(['not_listed', 'listed']);
    const manifest = await app.request('/v1/manifest');
    expect(manifest.headers.get('x-quietlist-epoch')).toBe(seed.second.epoch);
  });
});

describe('shard cache', () => {
  it('loads only the shards asked for, verifies each once, and stays within its byte bound', async () => {
    const store = freshStore();
    await putSeed(store, seed.first);
    const publicKey = fromBase64(seed.publicKey);
    const unbounded = new EpochCache(store, { publicKey, pointerTtlMs: 60_000, shardCacheBytes: 1e9 });
    const epoch = await unbounded.current();
    const sizes = epoch.manifest.shards.map((shard) => shard.bytes);
    expect(sizes.length).toBeGreaterThan(2);
    await unbounded.filter(epoch, 1);
    expect(unbounded.shardCache).toEqual({ count: 1, bytes: sizes[1] });
    await unbounded.filter(epoch, 1);
    expect(unbounded.shardCache.count).toBe(1);

    const bound = sizes[0]! + sizes[1]! + 1;
    const bounded = new EpochCache(store, { publicKey, pointerTtlMs: 60_000, shardCacheBytes: bound });
    const current = await bounded.current();
    for (let index = 0; index < sizes.length; index++) await bounded.filter(current, index);
    expect(bounded.shardCache.bytes).toBeLessThanOrEqual(bound);
    expect(bounded.shardCache.count).toBeLessThan(sizes.length);
  });
});

describe('integrity', () => {
  it('refuses a tampered shard with 503 INTEGRITY_FAILURE, never an answer', async () => {
    const store = freshStore();
    await putSeed(store, seed.first);
    const { key } = await addSubscriber(store);
    // Tamper with the shard the first listed number falls in.
    const manifest = JSON.parse(atob(seed.first.objects[`epochs/${seed.first.epoch}/manifest.json`]!)) as {
      manifest: { filter: { shardPrefixBits: number }; shards: { path: string }[] };
    };
    const digest = createKeyedHasher(fromBase64(seed.hashKey)).digest(seed.listedFirst[0]!);
    const shard = manifest.manifest.shards[shardOf(digest, manifest.manifest.filter.shardPrefixBits)]!;
    const path = `epochs/${seed.first.epoch}/${shard.path}`;
    const bytes = fromBase64(seed.first.objects[path]!);
    bytes[100] = bytes[100]! ^ 0xff;
    await store.put(path, bytes);
    const { app, errors } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
    const all = await statuses(app, key, seed.listedFirst.slice(0, 10));
    expect(all.response.status).toBe(503);
    expect(all.body.error.code).toBe('INTEGRITY_FAILURE');
    expect(all.body.results).toBeUndefined();
    expect(errors.join('\n')).toContain('CHECKSUM_MISMATCH');
  });

  it('refuses a manifest signed by another key', async () => {
    const store = freshStore();
    await putSeed(store, seed.first);
    const { app } = testApp(store, {
      QUIETLIST_PUBLIC_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))),
    });
    const response = await app.request('/v1/manifest');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTEGRITY_FAILURE');
  });

  it('refuses a latest.json whose hash does not match the manifest', async () => {
    const store = freshStore();
    await putSeed(store, seed.first, { withPointer: false });
    const pointer = JSON.parse(atob(seed.first.objects['latest.json']!));
    pointer.manifestSha256 = '0'.repeat(64);
    await store.put('latest.json', new TextEncoder().encode(JSON.stringify(pointer)));
    const { app } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
    expect((await app.request('/healthz')).status).toBe(503);
  });
});

describe('availability', () => {
  it('503 NO_EPOCH before anything is published, and the status page says so', async () => {
    const { app } = testApp(freshStore(), { QUIETLIST_PUBLIC_KEY: seed.publicKey });
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: { code: string } }).error.code).toBe('NO_EPOCH');
    const page = await app.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('The list is not available right now.');
  });

  it('503 STORAGE_UNAVAILABLE when storage fails, never a guess', async () => {
    const store = freshStore();
    await putSeed(store, seed.first);
    const { key } = await addSubscriber(store);
    const { app } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey, SUBSCRIBER_CACHE_SECONDS: '60' });
    expect((await statuses(app, key, [seed.listedFirst[0]!])).response.status).toBe(200);
    store.down = true;
    const down = await statuses(app, key, seed.listedFirst.slice(0, 50));
    expect(down.response.status).toBe(503);
    expect(down.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(down.body.error.message).not.toContain('epochs-');
  });
});

describe('modes', () => {
  it('checks secret-mode epochs with the configured hash key, and 503 MISCONFIGURED without it', async () => {
    const store = freshStore();
    await putSeed(store, seed.secret);
    const { key } = await addSubscriber(store);
    const withKey = testApp(store, {
      QUIETLIST_PUBLIC_KEY: seed.publicKey,
      QUIETLIST_HASH_KEY: seed.hashKey,
    });
    const ok = await statuses(withKey.app, key, [seed.listedFirst[3]!, '+33799912345']);
    expect(ok.body.results.map((r: { status: string }) => r.status)).toEqual(['listed', 'not_listed']);
    const without = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
    const refused = await statuses(without.app, key, [seed.listedFirst[3]!]);
    expect(refused.response.status).toBe(503);
    expect(refused.body.error.code).toBe('MISCONFIGURED');
  });

  it('answers 501 UNSUPPORTED_MODE for checks against an oprf-mode epoch, and still serves its files', async () => {
    const store = freshStore();
    await putSeed(store, seed.oprf);
    const { key } = await addSubscriber(store);
    const { app } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
    const refused = await statuses(app, key, [seed.listedFirst[0]!]);
    expect(refused.response.status).toBe(501);
    expect(refused.body.error.code).toBe('UNSUPPORTED_MODE');
    expect((await app.request('/v1/manifest')).status).toBe(200);
  });
});
