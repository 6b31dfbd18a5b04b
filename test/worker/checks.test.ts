/** POST /v1/check inside workerd over the R2 binding: answers, auth, quotas, audit, bad input. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, type CheckBody, checkRequest, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');
const store = new PrefixedStore(new R2Store(env.STORE), 'checks/');
const { app, audit } = testApp(store, { QUIETLIST_PUBLIC_KEY: seed.publicKey });
let key = '';
let subscriberId = '';

beforeAll(async () => {
  await putSeed(store, seed.first);
  ({ key, id: subscriberId } = await addSubscriber(store));
});

async function check(numbers: unknown, headers = bearer(key)) {
  const response = await app.request('/v1/check', checkRequest(numbers, headers));
  return { response, body: (await response.json()) as CheckBody };
}

describe('answers', () => {
  it('says listed for every registered number and not_listed for others, in input order', async () => {
    const listed = seed.listedFirst.slice(0, 500);
    const unlisted = Array.from({ length: 500 }, (_, i) => `+337990${String(i).padStart(5, '0')}`);
    const { response, body } = await check([...listed, ...unlisted]);
    expect(response.status).toBe(200);
    expect(body.epoch).toBe(seed.first.epoch);
    expect(body.results.slice(0, 500).every((r: { status: string }) => r.status === 'listed')).toBe(true);
    const falsePositives = body.results
      .slice(500)
      .filter((r: { status: string }) => r.status !== 'not_listed');
    expect(falsePositives.length).toBe(0); // ε = 1e-6: 500 lookups give a false positive with p ≈ 5e-4
  });

  it('normalises national formats with the manifest region, like the builder', async () => {
    const national = `0${seed.listedFirst[7]!.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    const { body } = await check([national]);
    expect(body.results).toEqual([{ status: 'listed' }]);
  });

  it('marks invalid numbers with a reason and never echoes a number', async () => {
    const { response, body } = await check(['+33 6 12', 'not a phone', '', '+999 1234567']);
    expect(response.status).toBe(200);
    expect(body.results.map((r) => r.reason)).toEqual([
      'TOO_SHORT',
      'NOT_A_NUMBER',
      'EMPTY',
      'INVALID_COUNTRY',
    ]);
    expect(JSON.stringify(body.results)).not.toMatch(/\d{2}/);
  });
});

describe('access control', () => {
  it('401 without a key, with a malformed, unknown or wrong key; WWW-Authenticate set', async () => {
    const other = await addSubscriber(store);
    const wrongSecret = `${other.key.slice(0, -4)}AAAA`;
    for (const headers of [
      {},
      { authorization: 'Basic abc' },
      bearer('ql_zzzzzzzzzzzz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
      bearer(wrongSecret),
    ]) {
      const { response, body } = await check(['+33612000001'], headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('403 for a key without the check scope; 401 once revoked', async () => {
    const downloader = await addSubscriber(store, { scopes: ['download'] });
    expect((await check(['+33612000001'], bearer(downloader.key))).response.status).toBe(403);
    const revoked = await addSubscriber(store, { revoked: true });
    expect((await check(['+33612000001'], bearer(revoked.key))).response.status).toBe(401);
  });

  it('429 QUOTA_EXCEEDED with Retry-After once the daily count of numbers is used up', async () => {
    const small = await addSubscriber(store, { dailyQuota: 5 });
    const first = await check(seed.listedFirst.slice(0, 3), bearer(small.key));
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('x-quota-remaining')).toBe('2');
    const second = await check(seed.listedFirst.slice(0, 3), bearer(small.key));
    expect(second.response.status).toBe(429);
    expect(second.body.error.code).toBe('QUOTA_EXCEEDED');
    const retryAfter = Number(second.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect((await check(seed.listedFirst.slice(0, 2), bearer(small.key))).response.status).toBe(200);
  });
});

describe('bad input gets a JSON error with a stable code, never a 500', () => {
  const cases: [string, RequestInit, number, string][] = [
    [
      'malformed JSON',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"numbers": [' },
      400,
      'INVALID_JSON',
    ],
    ['numbers not an array', checkRequest('+33612000001'), 400, 'INVALID_REQUEST'],
    ['a number that is not a string', checkRequest([33612000001]), 400, 'INVALID_REQUEST'],
    ['an empty list', checkRequest([]), 400, 'INVALID_REQUEST'],
    [
      'more than 1000 numbers',
      checkRequest(Array.from({ length: 1001 }, () => '+33612000001')),
      400,
      'TOO_MANY_NUMBERS',
    ],
    [
      'not JSON',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an oversized body',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"numbers":["${'1'.repeat(200_000)}"]}`,
      },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ];
  it.each(cases)('%s', async (_, init, status, code) => {
    const response = await app.request('/v1/check', {
      ...init,
      headers: { ...(init.headers as object), ...bearer(key) },
    });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toMatch(/33612000001/);
  });

  it('405 with Allow for a wrong method, 404 for an unknown route', async () => {
    const wrong = await app.request('/v1/check', { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    const unknown = await app.request('/v2/nothing');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('audit log', () => {
  it('writes one JSON line per request with counts and ids, never a number or a key', async () => {
    const before = audit.length;
    const numbers = seed.listedFirst.slice(10, 14);
    await check(numbers);
    await check(numbers, bearer(`${key}x`));
    const lines = audit.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      type: 'audit',
      subscriber: subscriberId,
      endpoint: 'POST /v1/check',
      numbers: 4,
      epoch: seed.first.epoch,
      status: 200,
    });
    expect(lines[1]).toMatchObject({ status: 401, errorCode: 'UNAUTHORIZED', subscriber: null });
    const text = JSON.stringify(lines);
    for (const number of numbers) expect(text).not.toContain(number.slice(3));
    expect(text).not.toContain(key.slice(16));
  });
});
