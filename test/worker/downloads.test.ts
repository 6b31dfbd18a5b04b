/** Manifest and filter downloads inside workerd: ETag, 304, Range, immutable caching, traversal. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { verifySignedManifest } from '../../src/core/epoch/manifest.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');
const store = new PrefixedStore(new R2Store(env.STORE), 'downloads/');
const { app } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
const epoch = seed.first.epoch;
const shardPath = `epochs/${epoch}/shard-00001.qlbf`;
const shardBytes = fromBase64(seed.first.objects[shardPath]!);

beforeAll(() => putSeed(store, seed.first));

describe('GET /v1/manifest', () => {
  it('serves the latest signed manifest, verifiable with the pinned key, with a short cache', async () => {
    const response = await app.request('/v1/manifest');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+, must-revalidate/);
    expect(response.headers.get('x-quietlist-epoch')).toBe(epoch);
    const signed = verifySignedManifest(
      new Uint8Array(await response.arrayBuffer()),
      fromBase64(seed.publicKey),
    );
    expect(signed.manifest.epoch).toBe(epoch);
    expect(signed.manifest.shards.length).toBeGreaterThan(1);
    const again = await app.request('/v1/manifest', {
      headers: { 'if-none-match': response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('serves an epoch manifest by id, immutable', async () => {
    const response = await app.request(`/v1/epochs/${epoch}/manifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });
});

describe('GET /v1/epochs/{id}/{file}', () => {
  it('serves a shard with a strong ETag and immutable caching; HEAD has no body', async () => {
    const response = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(shardBytes);
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const head = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`);
    const etag = first.headers.get('etag')!;
    const second = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { 'if-none-match': `"x", ${etag}` },
    });
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    expect((await second.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves byte ranges (206), suffix ranges, and 416 outside the file', async () => {
    const part = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: 'bytes=0-63' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-63/${shardBytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(shardBytes.slice(0, 64));
    const tail = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: 'bytes=-4' },
    });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(shardBytes.slice(-4));
    const outside = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: `bytes=${shardBytes.length}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${shardBytes.length}`);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('resumes as pull does: Range from an offset with If-Range naming the served ETag gives the rest', async () => {
    const whole = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`);
    const etag = whole.headers.get('etag')!;
    await whole.arrayBuffer();
    const offset = Math.floor(shardBytes.length / 2);
    const rest = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: `bytes=${offset}-`, 'if-range': etag },
    });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(
      `bytes ${offset}-${shardBytes.length - 1}/${shardBytes.length}`,
    );
    expect(rest.headers.get('etag')).toBe(etag);
    expect(new Uint8Array(await rest.arrayBuffer())).toEqual(shardBytes.slice(offset));
    // If-Range compares strongly (RFC 9110 §13.1.5): a weak validator gets the whole file.
    const weak = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: `bytes=${offset}-`, 'if-range': `W/${etag}` },
    });
    expect(weak.status).toBe(200);
    expect(new Uint8Array(await weak.arrayBuffer())).toEqual(shardBytes);
  });

  it('ignores a Range whose If-Range names another version', async () => {
    const response = await app.request(`/v1/epochs/${epoch}/shard-00001.qlbf`, {
      headers: { range: 'bytes=0-9', 'if-range': '"stale"' },
    });
    expect(response.status).toBe(200);
  });

  it('404 for a missing epoch or shard', async () => {
    for (const path of [
      '/v1/epochs/20200101T000000Z/shard-00000.qlbf',
      `/v1/epochs/${epoch}/shard-09999.qlbf`,
    ]) {
      const response = await app.request(path);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('400 INVALID_PATH for traversal and names outside the format; nothing outside epochs/ is served', async () => {
    for (const path of [
      `/v1/epochs/${epoch}/..%2F..%2Flatest.json`,
      `/v1/epochs/..%2Fsubscribers/x.json`,
      '/v1/epochs/%2e%2e/latest.json',
      `/v1/epochs/${epoch}/%2e%2e%2f%2e%2e%2fsubscribers%2fa.json`,
      `/v1/epochs/${epoch}/shard-1.qlbf`,
    ]) {
      const response = await app.request(path);
      expect([400, 404]).toContain(response.status);
      const body = (await response.json()) as { error: { code: string } };
      expect(['INVALID_PATH', 'NOT_FOUND']).toContain(body.error.code);
    }
    const encoded = await app.request(`/v1/epochs/${epoch}/..%2F..%2Flatest.json`);
    expect(encoded.status).toBe(400);
  });
});

describe('private downloads', () => {
  it('requires a key with the download scope when PUBLIC_DOWNLOADS is false', async () => {
    const { app: closed } = testApp(store, {
      QUIETLIST_PUBLIC_KEY: seed.publicKey,
      PUBLIC_DOWNLOADS: 'false',
    });
    expect((await closed.request('/v1/manifest')).status).toBe(401);
    const checker = await addSubscriber(store, { scopes: ['check'] });
    expect((await closed.request('/v1/manifest', { headers: bearer(checker.key) })).status).toBe(403);
    const downloader = await addSubscriber(store, { scopes: ['download'] });
    expect(
      (await closed.request(`/v1/epochs/${epoch}/shard-00000.qlbf`, { headers: bearer(downloader.key) }))
        .status,
    ).toBe(200);
  });

  it('gives a valid key of any scope what anonymous requests get where downloads are public', async () => {
    const checker = await addSubscriber(store, { scopes: ['check'] });
    for (const path of [
      '/v1/manifest',
      `/v1/epochs/${epoch}/manifest`,
      `/v1/epochs/${epoch}/shard-00000.qlbf`,
    ]) {
      expect((await app.request(path)).status).toBe(200);
      expect((await app.request(path, { headers: bearer(checker.key) })).status).toBe(200);
    }
  });

  it('rejects an invalid key even where downloads are public', async () => {
    expect((await app.request('/v1/manifest', { headers: bearer('nope') })).status).toBe(401);
  });
});
