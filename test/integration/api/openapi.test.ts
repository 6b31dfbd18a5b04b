/**
 * /openapi.json against the server it describes. The document is checked as a document (valid OpenAPI
 * 3.1 by the official JSON schema, a unique operationId on every operation, `servers`, the error-code
 * enum equal to API_ERRORS), then the real app is driven through every route and every error case it
 * can be brought to (open, oprf and empty stores, private downloads, tight limits, no signing key…):
 * each answer's status must be declared for its operation, its code listed in that response's
 * `x-error-codes`, and the headers declared required present; every status declared (but 500) must
 * have been seen. Lists (docs/API.md, "Lists") are driven the same way: GET /v1/lists, every per-list
 * route, and live additions (helpers/openapi-lists.ts builds the lists).
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import {
  generateApiKey,
  hashApiKey,
  type Scope,
  writeSubscriber,
} from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MAX_NUMBER_LENGTH, MAX_NUMBERS_PER_CHECK } from '../../../src/api/openapi/check-schemas.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { API_ERRORS } from '../../../src/core/api-errors.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { encodeKeyRetirement, keyRetirementKey } from '../../../src/core/epoch/key-retirement.ts';
import { publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { StorageError } from '../../../src/core/errors.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import type { OprfBackend, OprfKeyPair } from '../../../src/oprf/types.ts';
import { encodeElements } from '../../../src/oprf/wire.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { buildInto, newOperatorKeys, rowsOf, tempFileStore } from '../../helpers/build-fixture.ts';
import { nanpNumbers, US_RULES } from '../../helpers/register-fixtures.ts';
import { timestampSettings } from '../../helpers/timestamp-key.ts';
import { listsFixture } from './helpers/openapi-lists.ts';
import { syntheticNumbers } from './helpers/seed-epoch.ts';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;
type App = ReturnType<typeof createApp>;

const keys = newOperatorKeys();
const listed = syntheticNumbers(300);
let backend: OprfBackend;
let oprfKey: OprfKeyPair;
const stores: Record<'open' | 'oprf' | 'empty' | 'unready' | 'partitioned', ObjectStore> = {} as never;
const apiKeys: Record<'full' | 'checkOnly' | 'downloadOnly' | 'tinyQuota', string> = {} as never;
let epoch = '';
let firstShard = '';
let manifestEtag = '';
let doc: Json;

interface Observation {
  operation: string;
  status: number;
  code: string | undefined;
  headers: Headers;
}
const observations: Observation[] = [];

async function subscribe(scopes: Scope[], dailyQuota: number): Promise<string> {
  const { id, key } = generateApiKey();
  for (const store of [stores.open, stores.oprf, stores.partitioned]) {
    await writeSubscriber(store, {
      ...{ version: 1, id, name: `openapi ${scopes.join('+')}`, keyHash: await hashApiKey(key), scopes },
      ...{ dailyQuota, createdAt: new Date().toISOString(), revokedAt: null },
    });
  }
  return key;
}

const timestamps = timestampSettings(keys.signingKeys);

function app(store: ObjectStore, settings: Record<string, string | undefined> = {}): App {
  return createApp({
    store,
    quotas: new MemoryQuotaCounter(),
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
      QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
      ...timestamps,
      SUBSCRIBER_CACHE_SECONDS: '0',
      ...settings,
    }),
    oprfBackend: async () => backend,
    audit: () => {},
    log: () => {},
  });
}

beforeAll(async () => {
  backend = await createOprfBackend({ prefer: 'fast' });
  oprfKey = backend.generateKeyPair();
  stores.open = tempFileStore();
  stores.oprf = tempFileStore();
  stores.empty = tempFileStore();
  stores.unready = tempFileStore();
  stores.partitioned = tempFileStore();
  const report = await buildInto(stores.open, keys, listed, { shardMaxBytes: 4096 });
  epoch = report.signed.manifest.epoch;
  firstShard = report.signed.manifest.shards[0]!.path;
  manifestEtag = `"${report.manifestSha256}"`;
  const oprfState = mkdtempSync(join(tmpdir(), 'quietlist-openapi-oprf-'));
  await buildInto(stores.oprf, keys, listed, {
    mode: 'oprf',
    oprf: { backend, secretKey: oprfKey.secretKey, stateDirectory: oprfState, fullRebuild: false },
    shardMaxBytes: 4096,
  });
  // A list sold by area code (docs/FORMAT.md §1.4): its files are served to entitled keys only.
  await buildInto(stores.partitioned, keys, [], {
    rows: rowsOf(nanpNumbers(['212', '646'], 20)),
    region: 'US',
    register: US_RULES,
  });
  const unready = await buildInto(stores.unready, keys, listed, { shardMaxBytes: 4096 });
  const { epochPrefix } = await import('../../../src/core/epoch/pointer.ts');
  await stores.unready.delete([`${epochPrefix(unready.signed.manifest.epoch)}${firstShard}`]);
  apiKeys.full = await subscribe(['check', 'download'], 1_000_000);
  apiKeys.checkOnly = await subscribe(['check'], 1_000_000);
  apiKeys.downloadOnly = await subscribe(['download'], 1_000_000);
  apiKeys.tinyQuota = await subscribe(['check'], 1);
  doc = await (await app(stores.open).request('http://api.test/openapi.json')).json();
});

/** The operations of the document, with a matcher for the paths they serve (literal paths first). */
function operations(): { id: string; method: string; template: string; pattern: RegExp; op: Json }[] {
  return Object.entries(doc.paths as Json)
    .flatMap(([template, item]) =>
      Object.entries(item as Json).map(([method, op]) => ({
        id: (op as Json).operationId as string,
        method,
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        op,
      })),
    )
    .sort((a, b) => a.template.split('{').length - b.template.split('{').length);
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const json = (key: string, body: unknown) => ({
  method: 'POST',
  headers: { ...bearer(key), 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** One request to the real app; its answer is recorded against the operation that served it. */
async function call(
  instance: App,
  path: string,
  init: RequestInit,
  expected: { status: number; code?: string },
  env?: unknown,
): Promise<{ response: Response; body: Json }> {
  const response = await instance.request(path, init, env);
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') && response.status !== 206;
  const body = text && isJson ? JSON.parse(text) : undefined;
  const method = (init.method ?? 'GET').toLowerCase();
  const operation = operations().find(
    (candidate) => candidate.method === method && candidate.pattern.test(path.split('?')[0]!),
  );
  expect(operation, `${method} ${path}`).toBeDefined();
  const code = response.status >= 400 ? body?.error?.code : undefined;
  expect({ status: response.status, code }, `${method} ${path}: ${text.slice(0, 200)}`).toEqual({
    status: expected.status,
    code: expected.code,
  });
  observations.push({ operation: operation!.id, status: response.status, code, headers: response.headers });
  return { response, body };
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (the official schema), and the validator does refuse a broken one', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const broken = structuredClone(doc);
    delete broken.paths['/v1/check'].post.responses['200'].description;
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map((operation) => operation.id);
    expect(ids.length).toBeGreaterThanOrEqual(9);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the server: the configured public URL, else "/", never the Host a request names', async () => {
    expect(doc.servers).toEqual([{ url: '/' }]);
    const poisoned = await app(stores.open).request('http://api.test/openapi.json', {
      headers: { Host: 'evil.example' },
    });
    expect(((await poisoned.json()) as Json).servers).toEqual([{ url: '/' }]);
    // The same bytes whatever the request: a shared cache may keep it without Vary.
    expect(poisoned.headers.get('cache-control')).toBe('public, max-age=300');
    const configured = app(stores.open, { PUBLIC_URL: 'https://dnc.example.org/' });
    const served: Json = await (
      await configured.request('http://10.0.0.7:8787/openapi.json', { headers: { Host: 'evil.example' } })
    ).json();
    expect(served.servers).toEqual([{ url: 'https://dnc.example.org' }]);
    expect(() => app(stores.open, { PUBLIC_URL: 'dnc.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('has the error codes as an enum equal to API_ERRORS, each declared under its own status', () => {
    const all = Object.keys(API_ERRORS).sort();
    expect([...doc.components.schemas.Error.properties.error.properties.code.enum].sort()).toEqual(all);
    const declared = new Set<string>();
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Json)) {
        for (const code of (response as Json)['x-error-codes'] ?? []) {
          expect(API_ERRORS[code as keyof typeof API_ERRORS].status, code).toBe(Number(status));
          declared.add(code);
        }
      }
    }
    // Every code is some operation's, but 405, which answers methods that are no operation.
    expect([...declared, 'METHOD_NOT_ALLOWED'].sort()).toEqual(all);
  });

  it('answers 405 with the methods of the operation to any other method on every documented path', async () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    for (const [template, operations] of Object.entries(paths)) {
      const path = template.replace(/\{[^}]+\}/g, (name) => (name === '{list}' ? 'default' : 'x'));
      const response = await app(stores.open).request(`http://api.test${path}`, { method: 'PATCH' });
      expect(response.status, template).toBe(405);
      const allowed = (response.headers.get('allow') ?? '').toLowerCase().split(', ');
      for (const method of Object.keys(operations)) expect(allowed, template).toContain(method);
    }
  });

  it("states the server's body limits: items, lengths and MAX_BODY_KB", async () => {
    const schemas = doc.components.schemas;
    expect(schemas.CheckRequest.properties.numbers).toMatchObject({
      maxItems: MAX_NUMBERS_PER_CHECK,
      minItems: 1,
      items: { maxLength: MAX_NUMBER_LENGTH },
    });
    expect(schemas.OprfEvaluateRequest.properties.elements.maxItems).toBe(MAX_NUMBERS_PER_CHECK);
    for (const name of ['CheckRequest', 'OprfEvaluateRequest', 'ReceiptTimestampRequest']) {
      expect(schemas[name].additionalProperties, name).toBe(false);
    }
    const small = app(stores.open, { MAX_BODY_KB: '1' });
    const smallDoc: Json = await (await small.request('/openapi.json')).json();
    for (const path of ['/v1/check', '/v1/oprf/evaluate', '/v1/receipts']) {
      expect(smallDoc.paths[path].post.requestBody['x-max-body-bytes']).toBe(1024);
    }
    const numbers = syntheticNumbers(80); // about 1,200 bytes of JSON
    expect(JSON.stringify({ numbers }).length).toBeGreaterThan(1024);
    await call(small, '/v1/check', json(apiKeys.full, { numbers }), {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    await call(small, '/v1/check', json(apiKeys.full, { numbers: numbers.slice(0, 50) }), { status: 200 });
  });
  it("matches docs/OPRF.md's protocol lines, field for field", () => {
    const text = readFileSync(fileURLToPath(new URL('../../../docs/OPRF.md', import.meta.url)), 'utf8');
    const block = text.slice(
      text.indexOf('client → API'),
      text.indexOf('client                            verify'),
    );
    const [request, response] = block.split('API → client');
    const names = (part: string | undefined) =>
      [...(part ?? '').matchAll(/"(\w+)"/g)].map((m) => m[1]).sort();
    const schemas = doc.components.schemas;
    expect(names(request)).toEqual(Object.keys(schemas.OprfEvaluateRequest.properties).sort());
    expect(names(response)).toEqual(Object.keys(schemas.OprfEvaluateResponse.properties).sort());
    expect(block).toContain('POST /v1/oprf/evaluate');
    expect(doc.paths['/v1/oprf/evaluate'].post).toBeDefined();
  });
});

describe('every answer of the real server is declared', () => {
  it('status routes and the signing key', async () => {
    const open = app(stores.open);
    await call(open, '/healthz', {}, { status: 200 });
    await call(open, '/readyz', {}, { status: 200 });
    const { body } = await call(open, '/v1/signing-key', {}, { status: 200 });
    expect(body).toEqual({
      fingerprint: publicKeyFingerprint(keys.signingKeys.publicKey),
      publicKey: toBase64(keys.signingKeys.publicKey),
      next: null,
    });
    // Node's raw-path guard answers before routing, on any path.
    await call(
      open,
      '/healthz',
      {},
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/v1/%2e%2e/healthz' } },
    );
    await call(
      open,
      '/readyz',
      {},
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/./readyz' } },
    );
    await call(
      open,
      '/v1/signing-key',
      {},
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/v1/%2E%2E/v1/signing-key' } },
    );
    const empty = app(stores.empty);
    await call(empty, '/healthz', {}, { status: 503, code: 'NO_EPOCH' });
    await call(empty, '/readyz', {}, { status: 503, code: 'NO_EPOCH' });
    await call(empty, '/v1/signing-key', {}, { status: 200 });
    const unready = await call(app(stores.unready), '/readyz', {}, { status: 503 });
    expect(unready.body).toMatchObject({
      status: 'unready',
      problems: [expect.stringContaining(firstShard)],
    });
    // A bug (here: a store that throws what no store may) is a 500 INTERNAL.
    const broken = {
      ...stores.open,
      get: () => Promise.reject(new TypeError('not a store error')),
    } as ObjectStore;
    await call(app(broken), '/healthz', {}, { status: 500, code: 'INTERNAL' });
  });

  it('downloads: whole, ranges, conditional, refusals', async () => {
    const open = app(stores.open, { AUTH_FAILURES_PER_MINUTE: '1' });
    // A retirement record as the builder writes it (its proof is the reader's business, not the route's).
    const retired = publicKeyFingerprint(newOperatorKeys().signingKeys.publicKey);
    const retirement = `/v1/key-retirements/${retired}`;
    await stores.open.put(
      keyRetirementKey(retired),
      encodeKeyRetirement({
        format: 'quietlist-key-retirement',
        version: 1,
        retiredKey: retired,
        successor: toBase64(keys.signingKeys.publicKey),
        handover: { epoch, manifestSha256: manifestEtag.slice(1, -1) },
      }),
    );
    await call(open, retirement, {}, { status: 200 });
    const shard = `/v1/epochs/${epoch}/${firstShard}`;
    for (const path of ['/v1/latest', '/v1/manifest', `/v1/epochs/${epoch}/manifest`, shard]) {
      const whole = await call(open, path, {}, { status: 200 });
      const etag = whole.response.headers.get('etag')!;
      await call(open, path, { headers: { 'if-none-match': etag } }, { status: 304 });
      await call(open, path, { headers: { range: 'bytes=0-9' } }, { status: 206 });
      await call(
        open,
        path,
        { headers: { range: 'bytes=99999999-' } },
        { status: 416, code: 'RANGE_NOT_SATISFIABLE' },
      );
      await call(open, path, { headers: bearer(apiKeys.downloadOnly) }, { status: 200 });
      await call(
        open,
        path,
        {},
        { status: 400, code: 'INVALID_PATH' },
        { incoming: { url: `/x/..${path}` } },
      );
    }
    expect((await open.request('/v1/manifest')).headers.get('etag')).toBe(manifestEtag);
    // A key that is presented must be valid; the address that keeps failing is then slowed down.
    const bad = { headers: bearer(`ql_${'a'.repeat(12)}_${'b'.repeat(43)}`) };
    await call(open, '/v1/manifest', bad, { status: 401, code: 'UNAUTHORIZED' });
    await call(open, `/v1/epochs/${epoch}/manifest`, bad, { status: 429, code: 'RATE_LIMITED' });
    await call(open, shard, bad, { status: 429, code: 'RATE_LIMITED' });
    const other = app(stores.open);
    await call(other, `/v1/epochs/${epoch}/manifest`, bad, { status: 401, code: 'UNAUTHORIZED' });
    await call(other, shard, bad, { status: 401, code: 'UNAUTHORIZED' });
    await call(other, '/v1/manifest', bad, { status: 401, code: 'UNAUTHORIZED' });
    await call(other, '/v1/epochs/not-an-epoch/manifest', {}, { status: 400, code: 'INVALID_PATH' });
    await call(other, `/v1/epochs/${epoch}/latest.json`, {}, { status: 400, code: 'INVALID_PATH' });
    const unknown = '20200101T000000Z-aaaaaa';
    await call(other, `/v1/epochs/${unknown}/manifest`, {}, { status: 404, code: 'NOT_FOUND' });
    await call(other, `/v1/epochs/${unknown}/${firstShard}`, {}, { status: 404, code: 'NOT_FOUND' });
    for (const path of ['/v1/manifest', '/v1/latest', retirement]) {
      const limited = app(stores.open, { RATE_LIMIT_REQUESTS: '1' });
      await call(limited, path, { headers: bearer(apiKeys.full) }, { status: 200 });
      await call(limited, path, { headers: bearer(apiKeys.full) }, { status: 429, code: 'RATE_LIMITED' });
    }
    const privateDownloads = app(stores.open, { PUBLIC_DOWNLOADS: 'false' });
    for (const path of [retirement, '/v1/latest', '/v1/manifest', `/v1/epochs/${epoch}/manifest`, shard]) {
      await call(privateDownloads, path, {}, { status: 401, code: 'UNAUTHORIZED' });
      await call(
        privateDownloads,
        path,
        { headers: bearer(apiKeys.checkOnly) },
        { status: 403, code: 'FORBIDDEN' },
      );
      if (path !== retirement) await call(app(stores.empty), path, {}, { status: 503, code: 'NO_EPOCH' });
    }
    // Key retirement records: 404 while a key is in force, a path that names no fingerprint, a failing store.
    await call(
      other,
      '/v1/key-retirements/0123456789abcdef0123456789abcdef',
      {},
      { status: 404, code: 'NOT_FOUND' },
    );
    await call(other, '/v1/key-retirements/not-hex', {}, { status: 400, code: 'INVALID_PATH' });
    const failing = {
      ...stores.open,
      get: () => Promise.reject(new StorageError('STORAGE_UNAVAILABLE', 'injected')),
    } as ObjectStore;
    await call(app(failing), retirement, {}, { status: 503, code: 'STORAGE_UNAVAILABLE' });
  });

  it("GET /v1/entitlement and a partition's files, at both places of the default list", async () => {
    const { id, key } = generateApiKey();
    await writeSubscriber(stores.partitioned, {
      ...{ version: 1, id, name: 'one area code', keyHash: await hashApiKey(key), scopes: ['download'] },
      ...{ dailyQuota: 10, createdAt: new Date().toISOString(), revokedAt: null },
      lists: { default: { partitions: ['212'] } },
    });
    // A key of another list only: the default list's entitlement is not its to read.
    const elsewhere = generateApiKey();
    await writeSubscriber(stores.partitioned, {
      ...{ version: 1, id: elsewhere.id, name: 'acme only', keyHash: await hashApiKey(elsewhere.key) },
      ...{ scopes: ['download'], dailyQuota: 10, createdAt: new Date().toISOString(), revokedAt: null },
      lists: { acme: {} },
    });
    for (const prefix of ['/v1', '/v1/lists/default']) {
      const partitioned = app(stores.partitioned, { AUTH_FAILURES_PER_MINUTE: '1' });
      const entitlement = await call(
        partitioned,
        `${prefix}/entitlement`,
        { headers: bearer(key) },
        { status: 200 },
      );
      expect(entitlement.body).toEqual({ list: 'default', partitions: ['212'] });
      const anyKey = await call(
        partitioned,
        `${prefix}/entitlement`,
        { headers: bearer(apiKeys.checkOnly) },
        { status: 200 },
      );
      expect(anyKey.body).toEqual({ list: 'default', partitions: null });
      const pointer = JSON.parse(
        new TextDecoder().decode((await stores.partitioned.get('latest.json'))!.body),
      );
      const file = (partition: string) =>
        `${prefix}/epochs/${pointer.pointer.epoch}/p/${partition}/shard-00000.qlbf`;
      const whole = await call(partitioned, file('212'), { headers: bearer(key) }, { status: 200 });
      const etag = whole.response.headers.get('etag')!;
      await call(
        partitioned,
        file('212'),
        { headers: { ...bearer(key), 'if-none-match': etag } },
        { status: 304 },
      );
      await call(
        partitioned,
        file('212'),
        { headers: { ...bearer(key), range: 'bytes=0-9' } },
        { status: 206 },
      );
      await call(
        partitioned,
        file('212'),
        { headers: { ...bearer(key), range: 'bytes=99999999-' } },
        { status: 416, code: 'RANGE_NOT_SATISFIABLE' },
      );
      await call(
        partitioned,
        file('646'),
        { headers: bearer(key) },
        { status: 403, code: 'PARTITION_NOT_ENTITLED' },
      );
      await call(
        partitioned,
        file('646'),
        { headers: bearer(apiKeys.checkOnly) },
        { status: 403, code: 'FORBIDDEN' },
      );
      await call(
        partitioned,
        file('305'),
        { headers: bearer(apiKeys.full) },
        { status: 404, code: 'NOT_FOUND' },
      );
      await call(
        partitioned,
        file('212'),
        { headers: bearer(key) },
        { status: 400, code: 'INVALID_PATH' },
        { incoming: { url: `/x/..${file('212')}` } },
      );
      // No key, then a wrong one: 401, and the address that keeps failing is slowed down.
      const bad = { headers: bearer(`ql_${'a'.repeat(12)}_${'b'.repeat(43)}`) };
      await call(partitioned, file('212'), {}, { status: 401, code: 'UNAUTHORIZED' });
      await call(partitioned, file('212'), bad, { status: 429, code: 'RATE_LIMITED' });
      const other = app(stores.partitioned, { AUTH_FAILURES_PER_MINUTE: '1' });
      await call(other, `${prefix}/entitlement`, {}, { status: 401, code: 'UNAUTHORIZED' });
      await call(other, `${prefix}/entitlement`, bad, { status: 429, code: 'RATE_LIMITED' });
      await call(
        other,
        `${prefix}/entitlement`,
        {},
        { status: 400, code: 'INVALID_PATH' },
        { incoming: { url: `${prefix}/./entitlement` } },
      );
      const failing = {
        ...stores.partitioned,
        get: () => Promise.reject(new StorageError('STORAGE_UNAVAILABLE', 'injected')),
      } as ObjectStore;
      await call(
        app(failing),
        `${prefix}/entitlement`,
        { headers: bearer(key) },
        { status: 503, code: 'STORAGE_UNAVAILABLE' },
      );
      await call(
        app(failing),
        file('212'),
        { headers: bearer(key) },
        { status: 503, code: 'STORAGE_UNAVAILABLE' },
      );
      await call(
        app(stores.partitioned),
        `${prefix}/entitlement`,
        { headers: bearer(elsewhere.key) },
        { status: 403, code: 'FORBIDDEN' },
      );
    }
  });

  it('POST /v1/check', async () => {
    const open = app(stores.open);
    const ok = await call(open, '/v1/check', json(apiKeys.full, { numbers: [listed[0], '+33799900001'] }), {
      status: 200,
    });
    expect(ok.body.results.map((r: Json) => r.status)).toEqual(['listed', 'not_listed']);
    await call(open, '/v1/check', { method: 'POST', body: '{}' }, { status: 401, code: 'UNAUTHORIZED' });
    await call(open, '/v1/check', json(apiKeys.downloadOnly, { numbers: ['1'] }), {
      status: 403,
      code: 'FORBIDDEN',
    });
    await call(open, '/v1/check', json(apiKeys.full, '{"numbers": ['), { status: 400, code: 'INVALID_JSON' });
    const unknownField = await call(open, '/v1/check', json(apiKeys.full, { numbers: ['1'], region: 'FR' }), {
      status: 400,
      code: 'INVALID_REQUEST',
    });
    expect(unknownField.body.error.message).toBe('invalid request: body: unknown field "region"');
    const numberAsName = await call(
      open,
      '/v1/check',
      json(apiKeys.full, { numbers: ['1'], '+33612345678': 1 }),
      {
        status: 400,
        code: 'INVALID_REQUEST',
      },
    );
    expect(numberAsName.body.error.message).not.toMatch(/\d{4}/);
    const tooLong = await call(
      open,
      '/v1/check',
      json(apiKeys.full, { numbers: ['1'.repeat(MAX_NUMBER_LENGTH + 1)] }),
      {
        status: 400,
        code: 'INVALID_REQUEST',
      },
    );
    expect(tooLong.body.error.message).toContain('numbers.0: too long (maximum 256)');
    const many = Array.from({ length: MAX_NUMBERS_PER_CHECK + 1 }, () => '1');
    await call(open, '/v1/check', json(apiKeys.full, { numbers: many }), {
      status: 400,
      code: 'TOO_MANY_NUMBERS',
    });
    await call(
      open,
      '/v1/check',
      {
        ...json(apiKeys.full, { numbers: ['1'] }),
        headers: { ...bearer(apiKeys.full), 'content-type': 'text/plain' },
      },
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    );
    const huge = JSON.stringify({ numbers: ['1'.repeat(200_000)] });
    await call(open, '/v1/check', json(apiKeys.full, huge), { status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await call(open, '/v1/check', json(apiKeys.tinyQuota, { numbers: ['1', '2'] }), {
      status: 429,
      code: 'QUOTA_EXCEEDED',
    });
    await call(
      open,
      '/v1/check',
      { method: 'POST' },
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/v1/./check' } },
    );
    await call(app(stores.oprf), '/v1/check', json(apiKeys.full, { numbers: ['1'] }), {
      status: 501,
      code: 'UNSUPPORTED_MODE',
    });
    await call(app(stores.empty), '/v1/check', json(apiKeys.full, { numbers: ['1'] }), {
      status: 401,
      code: 'UNAUTHORIZED',
    });
    const emptyWithKey = stores.empty;
    const { id, key } = generateApiKey();
    await writeSubscriber(emptyWithKey, {
      ...{ version: 1, id, name: 'empty', keyHash: await hashApiKey(key), scopes: ['check'] },
      ...{ dailyQuota: 10, createdAt: new Date().toISOString(), revokedAt: null },
    });
    await call(app(emptyWithKey), '/v1/check', json(key, { numbers: ['1'] }), {
      status: 503,
      code: 'NO_EPOCH',
    });
    for (const path of ['/v1/oprf/evaluate', '/v1/receipts']) {
      await call(
        app(emptyWithKey),
        path,
        json(key, path.endsWith('receipts') ? { receiptSha256: 'ab'.repeat(32) } : { elements: [] }),
        path.endsWith('receipts')
          ? { status: 503, code: 'NO_EPOCH' }
          : { status: 400, code: 'INVALID_REQUEST' },
      );
    }
    const limited = app(stores.open, { RATE_LIMIT_REQUESTS: '1' });
    await call(limited, '/v1/check', json(apiKeys.full, { numbers: ['1'] }), { status: 200 });
    await call(limited, '/v1/check', json(apiKeys.full, { numbers: ['1'] }), {
      status: 429,
      code: 'RATE_LIMITED',
    });
  });

  it('POST /v1/oprf/evaluate', async () => {
    const oprf = app(stores.oprf);
    const blinded = backend.blind([new TextEncoder().encode(listed[0]!)]);
    const elements = encodeElements(blinded.blindedElements);
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, { elements }), { status: 200 });
    await call(oprf, '/v1/oprf/evaluate', { method: 'POST' }, { status: 401, code: 'UNAUTHORIZED' });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.downloadOnly, { elements }), {
      status: 403,
      code: 'FORBIDDEN',
    });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, 'nope'), { status: 400, code: 'INVALID_JSON' });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, { elements, evaluated: [] }), {
      status: 400,
      code: 'INVALID_REQUEST',
    });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, { elements: [toBase64(new Uint8Array(32))] }), {
      status: 400,
      code: 'INVALID_ELEMENT',
    });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, { elements, keyId: '0123456789abcdef' }), {
      status: 409,
      code: 'OPRF_KEY_RETIRED',
    });
    await call(
      oprf,
      '/v1/oprf/evaluate',
      {
        ...json(apiKeys.full, { elements }),
        headers: { ...bearer(apiKeys.full), 'content-type': 'text/csv' },
      },
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    );
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, `{"elements":["${'A'.repeat(140_000)}"]}`), {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.tinyQuota, { elements: [...elements, ...elements] }), {
      status: 429,
      code: 'QUOTA_EXCEEDED',
    });
    await call(app(stores.open), '/v1/oprf/evaluate', json(apiKeys.full, { elements }), {
      status: 501,
      code: 'UNSUPPORTED_MODE',
    });
    // A worker without the OPRF key of its epoch says so: 503 MISCONFIGURED, never an evaluation.
    const keyless = app(stores.oprf, { QUIETLIST_OPRF_KEY: undefined });
    await call(keyless, '/v1/oprf/evaluate', json(apiKeys.full, { elements }), {
      status: 503,
      code: 'MISCONFIGURED',
    });
    await call(
      oprf,
      '/v1/oprf/evaluate',
      { method: 'POST' },
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/%2e/v1/oprf/evaluate' } },
    );
    const limited = app(stores.oprf, { RATE_LIMIT_REQUESTS: '1' });
    await call(limited, '/v1/oprf/evaluate', json(apiKeys.full, { elements }), { status: 200 });
    await call(limited, '/v1/oprf/evaluate', json(apiKeys.full, { elements }), {
      status: 429,
      code: 'RATE_LIMITED',
    });
  });

  it('POST /v1/receipts', async () => {
    const open = app(stores.open);
    const receipt = { receiptSha256: 'ab'.repeat(32) };
    await call(open, '/v1/receipts', json(apiKeys.downloadOnly, receipt), { status: 200 });
    await call(open, '/v1/receipts', { method: 'POST' }, { status: 401, code: 'UNAUTHORIZED' });
    await call(open, '/v1/receipts', json(apiKeys.full, '['), { status: 400, code: 'INVALID_JSON' });
    await call(open, '/v1/receipts', json(apiKeys.full, { ...receipt, note: 'x' }), {
      status: 400,
      code: 'INVALID_REQUEST',
    });
    await call(
      open,
      '/v1/receipts',
      { ...json(apiKeys.full, receipt), headers: { ...bearer(apiKeys.full), 'content-type': 'text/plain' } },
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    );
    await call(open, '/v1/receipts', json(apiKeys.full, { receiptSha256: 'a'.repeat(200_000) }), {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    await call(
      open,
      '/v1/receipts',
      { method: 'POST' },
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/v1/receipts/..' } },
    );
    await call(
      app(stores.open, { QUIETLIST_TIMESTAMP_KEY: undefined, QUIETLIST_TIMESTAMP_CERT: undefined }),
      '/v1/receipts',
      json(apiKeys.full, receipt),
      {
        status: 503,
        code: 'TIMESTAMPS_DISABLED',
      },
    );
    const limited = app(stores.open, { RATE_LIMIT_REQUESTS: '1' });
    await call(limited, '/v1/receipts', json(apiKeys.full, receipt), { status: 200 });
    await call(limited, '/v1/receipts', json(apiKeys.full, receipt), { status: 429, code: 'RATE_LIMITED' });
  });

  it('GET /v1/quota', async () => {
    const oprf = app(stores.oprf);
    const first = await call(oprf, '/v1/quota', { headers: bearer(apiKeys.downloadOnly) }, { status: 200 });
    expect(first.body).toMatchObject({ remaining: 1_000_000, day: { limit: 1_000_000 }, month: null });
    const before = (await call(oprf, '/v1/quota', { headers: bearer(apiKeys.full) }, { status: 200 })).body;
    const elements = encodeElements(
      backend.blind([new TextEncoder().encode('+33199000001')]).blindedElements,
    );
    await call(oprf, '/v1/oprf/evaluate', json(apiKeys.full, { elements }), { status: 200 });
    const after = (await call(oprf, '/v1/quota', { headers: bearer(apiKeys.full) }, { status: 200 })).body;
    // Asking is free; the evaluation is what counted.
    expect(after.remaining).toBe(before.remaining - 1);
    expect(Date.parse(after.day.resetsAt) - Date.parse(after.at)).toBeLessThanOrEqual(86_400_000);
    await call(oprf, '/v1/quota', {}, { status: 401, code: 'UNAUTHORIZED' });
    await call(
      oprf,
      '/v1/quota',
      { headers: bearer(apiKeys.full) },
      { status: 400, code: 'INVALID_PATH' },
      { incoming: { url: '/v1/./quota' } },
    );
    const limited = app(stores.oprf, { RATE_LIMIT_REQUESTS: '1' });
    await call(limited, '/v1/quota', { headers: bearer(apiKeys.full) }, { status: 200 });
    await call(
      limited,
      '/v1/quota',
      { headers: bearer(apiKeys.full) },
      { status: 429, code: 'RATE_LIMITED' },
    );
    // A quota store that cannot be read answers 503, never a made-up figure.
    class UnreachableQuotas extends MemoryQuotaCounter {
      override async remaining(): Promise<never> {
        throw new StorageError('STORAGE_UNAVAILABLE', 'quota database is locked');
      }
    }
    const unreachable = createApp({
      store: stores.oprf,
      quotas: new UnreachableQuotas(),
      config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey) }),
      audit: () => {},
      log: () => {},
    });
    await call(
      unreachable,
      '/v1/quota',
      { headers: bearer(apiKeys.full) },
      { status: 503, code: 'STORAGE_UNAVAILABLE' },
    );
  });

  it('lists: GET /v1/lists, every route of a list, live additions', async () => {
    const lists = await listsFixture(syntheticNumbers(130, 5000), backend);
    try {
      const { keys: k, acmeEpoch, acmeShard, rootEpoch } = lists;
      const served = lists.app();
      const free = '+33799900002';
      const raw = (path: string) => ({ incoming: { url: `/x/..${path}` } });
      const failing = {
        ...lists.deployment.store,
        get: () => Promise.reject(new StorageError('STORAGE_UNAVAILABLE', 'injected')),
      } as unknown as ObjectStore;
      const limited = async (path: string, init: RequestInit = { headers: bearer(k.centre) }) => {
        const once = lists.app({ RATE_LIMIT_REQUESTS: '1' });
        await call(once, path, init, { status: 200 });
        await call(once, path, init, { status: 429, code: 'RATE_LIMITED' });
      };

      // GET /v1/lists
      const named = await call(served, '/v1/lists', { headers: bearer(k.centre) }, { status: 200 });
      expect(named.body.lists.map((list: Json) => list.name)).toEqual([
        'acme',
        'beta',
        'default',
        'ghost',
        'plain',
      ]);
      await call(served, '/v1/lists', {}, { status: 401, code: 'UNAUTHORIZED' });
      await call(served, '/v1/lists', {}, { status: 400, code: 'INVALID_PATH' }, raw('/v1/lists'));
      await limited('/v1/lists');
      await call(
        lists.app({}, { store: failing }),
        '/v1/lists',
        { headers: bearer(k.centre) },
        {
          status: 503,
          code: 'STORAGE_UNAVAILABLE',
        },
      );

      // Downloads of a list: never anonymous, for the keys it names only; a list never built has no epoch.
      const acme = '/v1/lists/acme';
      const files = [
        'latest',
        'manifest',
        `epochs/${acmeEpoch}/manifest`,
        `epochs/${acmeEpoch}/${acmeShard}`,
      ];
      for (const file of files) {
        const path = `${acme}/${file}`;
        const whole = await call(served, path, { headers: bearer(k.centre) }, { status: 200 });
        const etag = whole.response.headers.get('etag')!;
        await call(
          served,
          path,
          { headers: { ...bearer(k.centre), 'if-none-match': etag } },
          { status: 304 },
        );
        await call(served, path, { headers: { ...bearer(k.centre), range: 'bytes=0-9' } }, { status: 206 });
        await call(
          served,
          path,
          { headers: { ...bearer(k.centre), range: 'bytes=99999999-' } },
          { status: 416, code: 'RANGE_NOT_SATISFIABLE' },
        );
        await call(served, path, {}, { status: 401, code: 'UNAUTHORIZED' });
        await call(served, path, { headers: bearer(k.outsider) }, { status: 403, code: 'FORBIDDEN' });
        await call(served, path, {}, { status: 400, code: 'INVALID_PATH' }, raw(path));
        await limited(path);
        await call(
          served,
          `/v1/lists/ghost/${file}`,
          { headers: bearer(k.centre) },
          {
            status: 503,
            code: 'NO_EPOCH',
          },
        );
      }
      const unknown = '20200101T000000Z-aaaaaa';
      for (const file of ['manifest', acmeShard]) {
        await call(
          served,
          `${acme}/epochs/${unknown}/${file}`,
          { headers: bearer(k.centre) },
          {
            status: 404,
            code: 'NOT_FOUND',
          },
        );
      }

      // Key retirement records of a list, under its prefix.
      const retired = publicKeyFingerprint(newOperatorKeys().signingKeys.publicKey);
      await listStore(lists.deployment.store, 'acme').put(
        keyRetirementKey(retired),
        encodeKeyRetirement({
          format: 'quietlist-key-retirement',
          version: 1,
          retiredKey: retired,
          successor: toBase64(lists.deployment.signing.publicKey),
          handover: { epoch: acmeEpoch, manifestSha256: 'ab'.repeat(32) },
        }),
      );
      const retirement = `${acme}/key-retirements/${retired}`;
      await call(served, retirement, { headers: bearer(k.centre) }, { status: 200 });
      await call(
        served,
        `${acme}/key-retirements/${'0'.repeat(32)}`,
        { headers: bearer(k.centre) },
        {
          status: 404,
          code: 'NOT_FOUND',
        },
      );
      await call(
        served,
        `${acme}/key-retirements/not-hex`,
        { headers: bearer(k.centre) },
        {
          status: 400,
          code: 'INVALID_PATH',
        },
      );
      await call(served, retirement, {}, { status: 401, code: 'UNAUTHORIZED' });
      await call(served, retirement, { headers: bearer(k.outsider) }, { status: 403, code: 'FORBIDDEN' });
      await limited(retirement);
      await call(
        lists.app({}, { store: failing }),
        retirement,
        { headers: bearer(k.centre) },
        {
          status: 503,
          code: 'STORAGE_UNAVAILABLE',
        },
      );

      // POST /v1/lists/{list}/check
      const check = `${acme}/check`;
      const answered = await call(
        served,
        check,
        json(k.centre, { numbers: [syntheticNumbers(1, 5050)[0], free] }),
        {
          status: 200,
        },
      );
      expect(answered.body.results.map((r: Json) => r.status)).toEqual(['listed', 'not_listed']);
      await call(served, check, json(k.centre, '{"numbers": ['), { status: 400, code: 'INVALID_JSON' });
      await call(served, check, { method: 'POST' }, { status: 401, code: 'UNAUTHORIZED' });
      await call(served, check, json(k.outsider, { numbers: [free] }), { status: 403, code: 'FORBIDDEN' });
      await call(served, check, json(k.centre, JSON.stringify({ numbers: ['1'.repeat(200_000)] })), {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      });
      await call(
        served,
        check,
        {
          ...json(k.centre, { numbers: [free] }),
          headers: { ...bearer(k.centre), 'content-type': 'text/plain' },
        },
        { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      );
      await call(served, check, json(k.tiny, { numbers: [free, free] }), {
        status: 429,
        code: 'QUOTA_EXCEEDED',
      });
      await call(served, '/v1/lists/beta/check', json(k.centre, { numbers: [free] }), {
        status: 501,
        code: 'UNSUPPORTED_MODE',
      });
      await call(served, '/v1/lists/ghost/check', json(k.centre, { numbers: [free] }), {
        status: 503,
        code: 'NO_EPOCH',
      });

      // POST /v1/lists/{list}/oprf/evaluate (beta: oprf mode, its key derived from the list seed)
      const evaluate = '/v1/lists/beta/oprf/evaluate';
      const elements = encodeElements(backend.blind([new TextEncoder().encode(free)]).blindedElements);
      await call(served, evaluate, json(k.centre, { elements }), { status: 200 });
      await call(served, evaluate, json(k.centre, { elements: [toBase64(new Uint8Array(32))] }), {
        status: 400,
        code: 'INVALID_ELEMENT',
      });
      await call(served, evaluate, { method: 'POST' }, { status: 401, code: 'UNAUTHORIZED' });
      await call(served, evaluate, json(k.outsider, { elements }), { status: 403, code: 'FORBIDDEN' });
      await call(served, evaluate, json(k.centre, { elements, keyId: '0123456789abcdef' }), {
        status: 409,
        code: 'OPRF_KEY_RETIRED',
      });
      await call(served, evaluate, json(k.centre, `{"elements":["${'A'.repeat(140_000)}"]}`), {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      });
      await call(
        served,
        evaluate,
        { ...json(k.centre, { elements }), headers: { ...bearer(k.centre), 'content-type': 'text/csv' } },
        { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      );
      await call(served, evaluate, json(k.tiny, { elements: [...elements, ...elements] }), {
        status: 429,
        code: 'QUOTA_EXCEEDED',
      });
      await call(served, `${acme}/oprf/evaluate`, json(k.centre, { elements }), {
        status: 501,
        code: 'UNSUPPORTED_MODE',
      });
      await call(served, '/v1/lists/ghost/oprf/evaluate', json(k.centre, { elements }), {
        status: 503,
        code: 'NO_EPOCH',
      });

      // POST additions: the root list's (/v1/additions) and a list's, by its owner only.
      for (const path of ['/v1/additions', `${acme}/additions`]) {
        const posted = await call(served, path, json(k.owner, { numbers: [free], ttlSeconds: 86_400 }), {
          status: 200,
        });
        expect(posted.body.sequences).toHaveLength(1);
        await call(served, path, json(k.owner, '{"numbers": ['), { status: 400, code: 'INVALID_JSON' });
        await call(served, path, { method: 'POST' }, { status: 401, code: 'UNAUTHORIZED' });
        await call(served, path, json(k.centre, { numbers: [free] }), { status: 403, code: 'FORBIDDEN' });
        await call(served, path, json(k.owner, JSON.stringify({ numbers: ['1'.repeat(200_000)] })), {
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
        });
        await call(
          served,
          path,
          {
            ...json(k.owner, { numbers: [free] }),
            headers: { ...bearer(k.owner), 'content-type': 'text/plain' },
          },
          { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
        );
        await limited(path, json(k.owner, { numbers: [free] }));
        await call(lists.app({}, { additions: false }), path, json(k.owner, { numbers: [free] }), {
          status: 503,
          code: 'ADDITIONS_DISABLED',
        });
      }
      await call(served, '/v1/lists/plain/additions', json(k.owner, { numbers: [free] }), {
        status: 409,
        code: 'LIST_NOT_LIVE',
      });
      // The root list of a store built without --live (the open store): its owner is told so.
      const { id, key } = generateApiKey();
      await writeSubscriber(stores.open, {
        ...{ version: 1, id, name: 'root owner', keyHash: await hashApiKey(key), scopes: ['check'] },
        ...{ dailyQuota: 10, createdAt: new Date().toISOString(), revokedAt: null },
        lists: { default: { owner: true } },
      });
      const notLive = lists.app(
        { QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey) },
        { store: stores.open },
      );
      await call(notLive, '/v1/additions', json(key, { numbers: [free] }), {
        status: 409,
        code: 'LIST_NOT_LIVE',
      });

      // GET additions: the signed batches, for the keys the list names (the root list's: public downloads).
      const rootAdditions = `/v1/additions?epoch=${rootEpoch}&from=1`;
      const batches = await call(served, rootAdditions, {}, { status: 200 });
      expect(batches.body.batches.length).toBeGreaterThan(0);
      await call(
        served,
        `${acme}/additions?epoch=${acmeEpoch}&from=1`,
        { headers: bearer(k.centre) },
        { status: 200 },
      );
      await call(served, `${acme}/additions`, {}, { status: 401, code: 'UNAUTHORIZED' });
      const badKey = { headers: bearer(`ql_${'a'.repeat(12)}_${'b'.repeat(43)}`) };
      await call(served, '/v1/additions', badKey, { status: 401, code: 'UNAUTHORIZED' });
      await call(
        served,
        `${acme}/additions`,
        { headers: bearer(k.outsider) },
        { status: 403, code: 'FORBIDDEN' },
      );
      await call(
        lists.app({ PUBLIC_DOWNLOADS: 'false' }),
        '/v1/additions',
        { headers: bearer(k.checkOnly) },
        {
          status: 403,
          code: 'FORBIDDEN',
        },
      );
      for (const path of ['/v1/additions', `${acme}/additions`]) {
        await call(
          served,
          `${path}?epoch=${unknown}`,
          { headers: bearer(k.centre) },
          {
            status: 404,
            code: 'NOT_FOUND',
          },
        );
        await call(served, path, {}, { status: 400, code: 'INVALID_PATH' }, raw(path));
        await limited(path);
      }
      await call(
        served,
        '/v1/lists/plain/additions',
        { headers: bearer(k.centre) },
        {
          status: 409,
          code: 'LIST_NOT_LIVE',
        },
      );
      await call(app(stores.open), '/v1/additions', {}, { status: 409, code: 'LIST_NOT_LIVE' });
      await call(
        served,
        '/v1/lists/ghost/additions',
        { headers: bearer(k.centre) },
        {
          status: 503,
          code: 'NO_EPOCH',
        },
      );
      await call(app(stores.empty), '/v1/additions', {}, { status: 503, code: 'NO_EPOCH' });
    } finally {
      lists.close();
    }
  });

  it('each answer matches its declaration, and every declared status was seen', () => {
    expect(observations.length).toBeGreaterThan(80);
    const seen = new Map<string, Set<number>>();
    for (const { operation, status, code, headers } of observations) {
      const op = operations().find((candidate) => candidate.id === operation)!.op;
      const declared = op.responses[String(status)];
      expect(declared, `${operation} ${status} is not declared`).toBeDefined();
      if (code !== undefined) {
        expect(declared['x-error-codes'], `${operation} ${status} ${code}`).toContain(code);
      }
      for (const [name, header] of Object.entries((declared.headers ?? {}) as Json)) {
        const value = headers.get(name);
        if ((header as Json).required) expect(value, `${operation} ${status}: header ${name}`).not.toBeNull();
        if (value === null) continue;
        const schema = (header as Json).schema;
        if (schema.type === 'integer') expect(value, `${operation} ${status}: ${name}`).toMatch(/^\d+$/);
        if (schema.enum) expect(schema.enum, `${operation} ${status}: ${name}`).toContain(value);
      }
      seen.set(operation, (seen.get(operation) ?? new Set()).add(status));
    }
    for (const { id, op } of operations()) {
      const declaredStatuses = Object.keys(op.responses)
        .map(Number)
        .filter((status) => status !== 500);
      expect([...(seen.get(id) ?? [])].sort(), id).toEqual(expect.arrayContaining(declaredStatuses));
    }
  });
});
