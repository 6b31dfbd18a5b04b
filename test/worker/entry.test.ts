/**
 * The deployed shape: worker/index.ts with the bindings of worker/wrangler.jsonc (R2 STORE, the
 * RATE_LIMITER binding, vars, the QUIETLIST_PUBLIC_KEY secret), called like Cloudflare calls it.
 */
import { env, exports } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, checkRequest, putSeed } from './helpers/fixture.ts';

const seed = inject('workerSeed');
const store = new R2Store(env.STORE);
const origin = 'https://quietlist.example';
let key = '';
/** The worker runs in the tests' isolate, so its console.log audit lines land here. */
const auditLines: string[] = [];

function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${origin}${path}`, init));
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((line: string) => {
    auditLines.push(line);
  });
  await putSeed(store, seed.first);
  ({ key } = await addSubscriber(store));
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('worker entry', () => {
  it('serves the status page, health and the OpenAPI document', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(seed.first.epoch);
    expect((await call('/healthz')).status).toBe(200);
    const openapi = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      servers: { url: string }[];
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/manifest', '/v1/epochs/{id}/{file}', '/v1/check', '/healthz']),
    );
    // No PUBLIC_URL var: relative to where the document was read, never the request's Host.
    expect(openapi.servers).toEqual([{ url: '/' }]);
    const signingKey = (await (await call('/v1/signing-key')).json()) as { publicKey: string };
    expect(signingKey.publicKey).toBe(seed.publicKey);
  });

  it('checks numbers through the R2 binding', async () => {
    const response = await call(
      '/v1/check',
      checkRequest([seed.listedFirst[42]!, '+33799900001'], bearer(key)),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { status: string }[] };
    expect(body.results.map((r) => r.status)).toEqual(['listed', 'not_listed']);
  });

  it('rate limits a subscriber through the Rate Limiting binding: 429 with Retry-After', async () => {
    const limited = await addSubscriber(store);
    let response: Response | undefined;
    // 120 per minute; the binding counts in fixed windows, so on a slow machine the first 120 may straddle
    // a window boundary: keep going (at most a few windows' worth) until one window is over its limit.
    for (let i = 0; i < 600; i++) {
      response = await call('/v1/check', checkRequest(['+33799900001'], bearer(limited.key)));
      if (response.status === 429) break;
      await response.arrayBuffer();
    }
    expect(response!.status).toBe(429);
    expect(response!.headers.get('retry-after')).toBe('60');
    expect(((await response!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Another subscriber is unaffected.
    expect((await call('/v1/check', checkRequest(['+33799900001'], bearer(key)))).status).toBe(200);
  });

  it('writes its audit lines as JSON on stdout, without numbers or keys', () => {
    expect(auditLines.length).toBeGreaterThan(3);
    const entries = auditLines.map((line) => JSON.parse(line) as { type: string; endpoint: string });
    expect(entries.every((entry) => entry.type === 'audit')).toBe(true);
    expect(entries.some((entry) => entry.endpoint === 'POST /v1/check')).toBe(true);
    const text = auditLines.join('\n');
    expect(text).not.toContain(seed.listedFirst[42]!.slice(3));
    expect(text).not.toContain(key.slice(16));
  });

  it('refuses a phone number in the URL: 400 NUMBER_IN_URL, and its audit line names no path', async () => {
    const number = seed.listedFirst[7]!;
    for (const path of [
      `/v1/check/${encodeURIComponent(number)}`,
      `/v1/manifest?n=0${number.slice(3)}`,
      `/v1/epochs/${seed.first.epoch}/0${number.slice(3)}`,
    ]) {
      auditLines.length = 0;
      const response = await call(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NUMBER_IN_URL');
      expect(JSON.stringify(body)).not.toContain(number.slice(3));
      expect(auditLines).toHaveLength(1);
      expect(auditLines[0]).not.toContain(number.slice(5));
    }
    expect((await call(`/v1/epochs/${seed.first.epoch}/manifest`)).status).toBe(200);
  });

  it('sends the security headers: a CSP that forbids framing on its pages, nosniff everywhere', async () => {
    for (const path of ['/', '/scrub']) {
      const response = await call(path);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      await response.arrayBuffer();
    }
    expect((await call('/healthz')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers CORS preflights for browser clients', async () => {
    const response = await call('/v1/check', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
