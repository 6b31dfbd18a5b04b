/**
 * POST /v1/oprf/evaluate against an oprf-mode epoch built by the real builder: clients blind, the
 * server evaluates with a batched proof, clients finalize and look up their local filter. The server
 * sees only random group elements: no number reaches it, its audit log or its answers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import {
  generateApiKey,
  hashApiKey,
  parseApiKey,
  writeSubscriber,
} from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import type { AuditEntry } from '../../../src/api/http/audit.ts';
import { SqliteQuotaCounter } from '../../../src/api/quota/sqlite.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { fromBase64, toBase64 } from '../../../src/core/encoding/base64.ts';
import type { Manifest } from '../../../src/core/epoch/manifest.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import type { OprfBackend, OprfKeyPair } from '../../../src/oprf/types.ts';
import { decodeElements, decodeProof, encodeElements } from '../../../src/oprf/wire.ts';
import type { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, type OperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { syntheticNumbers } from './helpers/seed-epoch.ts';

const listed = syntheticNumbers(500, 0);
const unlisted = syntheticNumbers(10, 90_000);
const utf8 = new TextEncoder();
let backend: OprfBackend;
let oprfKey: OprfKeyPair;
let keys: OperatorKeys;
let store: FileStore;
let manifest: Manifest;
const audit: AuditEntry[] = [];

async function subscriber(dailyQuota: number): Promise<string> {
  const { key } = generateApiKey();
  await writeSubscriber(store, {
    ...{ version: 1, id: parseApiKey(key)!.id, name: 'oprf test', keyHash: await hashApiKey(key) },
    ...{ scopes: ['check'], dailyQuota, createdAt: new Date().toISOString(), revokedAt: null },
  });
  return key;
}

function app(settings: Record<string, string> = {}) {
  const config = parseApiConfig({
    QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
    QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
    SUBSCRIBER_CACHE_SECONDS: '0',
    ...settings,
  });
  return createApp({
    store,
    config,
    audit: (entry) => audit.push(entry),
    log: () => {},
    oprfBackend: async () => backend,
    quotas: new SqliteQuotaCounter(':memory:'),
  });
}

/** One app for the whole file (its quota counters live in memory), another when settings differ. */
let shared: ReturnType<typeof app> | undefined;

function evaluate(key: string, elements: unknown[], settings?: Record<string, string>) {
  shared ??= app();
  return (settings ? app(settings) : shared).request('/v1/oprf/evaluate', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ elements }),
  });
}

/** The client side: blind, ask the server, verify the proof, finalize, look up the local filter. */
async function clientCheck(key: string, numbers: string[]): Promise<boolean[]> {
  const inputs = numbers.map((number) => utf8.encode(number));
  const blinded = backend.blind(inputs);
  const response = await evaluate(key, encodeElements(blinded.blindedElements));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { evaluatedElements: string[]; proof: string; epoch: string };
  expect(body.epoch).toBe(manifest.epoch);
  const evaluation = {
    evaluatedElements: decodeElements(body.evaluatedElements, 'evaluated'),
    proof: decodeProof(body.proof),
  };
  const outputs = backend.finalize(inputs, blinded, evaluation, fromBase64(manifest.hash.publicKey!));
  const load = storeShardLoader(store, manifest);
  return Promise.all(
    outputs.map(async (output) =>
      (await load(shardOf(output, manifest.filter.shardPrefixBits!))).has(output),
    ),
  );
}

beforeAll(async () => {
  backend = await createOprfBackend({ prefer: 'fast' });
  oprfKey = backend.generateKeyPair();
  keys = newOperatorKeys();
  store = tempFileStore();
  const state = mkdtempSync(join(tmpdir(), 'quietlist-oprf-state-'));
  await buildInto(store, keys, listed, {
    mode: 'oprf',
    oprf: { backend, secretKey: oprfKey.secretKey, stateDirectory: state, fullRebuild: false },
    shardMaxBytes: 4096,
  });
  manifest = (await readLatestSignedManifest(store, keys.signingKeys.publicKey)).manifest;
});

describe('POST /v1/oprf/evaluate', () => {
  it('lets a client check numbers without revealing them: every registered number listed, others not', async () => {
    const key = await subscriber(10_000);
    audit.length = 0;
    expect(await clientCheck(key, listed.slice(0, 200))).toEqual(Array(200).fill(true));
    expect(await clientCheck(key, unlisted)).toEqual(Array(unlisted.length).fill(false));
    const logged = JSON.stringify(audit);
    for (const number of [...listed.slice(0, 200), ...unlisted]) {
      expect(logged).not.toContain(number.slice(3));
    }
    expect(audit.map((entry) => entry.numbers)).toEqual([200, unlisted.length]);
  });

  it('blinds the same number differently each time, so requests cannot be linked', () => {
    const input = [utf8.encode(listed[0]!)];
    expect(encodeElements(backend.blind(input).blindedElements)).not.toEqual(
      encodeElements(backend.blind(input).blindedElements),
    );
  });

  it('refuses the identity element and non-canonical encodings with 400, naming the position only', async () => {
    const key = await subscriber(100);
    const good = encodeElements(backend.blind([utf8.encode(listed[1]!)]).blindedElements)[0]!;
    const identity = toBase64(new Uint8Array(32));
    const nonCanonical = toBase64(new Uint8Array(32).fill(0xff));
    for (const [elements, where] of [
      [[good, identity], 'elements[1]'],
      [[nonCanonical], 'elements[0]'],
      [['not base64!'], 'elements[0]'],
    ] as const) {
      const response = await evaluate(key, [...elements]);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('INVALID_ELEMENT');
      expect(body.error.message).toContain(where);
    }
  });

  it('never charges a batch holding an invalid element: the quota is charged once every element is valid', async () => {
    const key = await subscriber(3);
    const good = encodeElements(
      backend.blind(unlisted.slice(0, 2).map((n) => utf8.encode(n))).blindedElements,
    );
    const nonCanonical = toBase64(new Uint8Array(32).fill(0xff));
    expect((await evaluate(key, [...good, nonCanonical])).status).toBe(400);
    expect((await evaluate(key, [...good, toBase64(new Uint8Array(32))])).status).toBe(400);
    const valid = await evaluate(key, [...good, good[0]!]);
    expect(valid.status).toBe(200);
    expect(valid.headers.get('x-quota-remaining')).toBe('0');
  });

  it('counts every element against the daily quota', async () => {
    const key = await subscriber(5);
    const elements = encodeElements(
      backend.blind(unlisted.slice(0, 3).map((n) => utf8.encode(n))).blindedElements,
    );
    expect((await evaluate(key, elements)).status).toBe(200);
    const refused = await evaluate(key, elements);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('never evaluates with a key that is not the epoch key, and clients reject proofs made with another key', async () => {
    const key = await subscriber(100);
    const other = backend.generateKeyPair();
    const blinded = backend.blind([utf8.encode(listed[2]!)]);
    const misconfigured = await evaluate(key, encodeElements(blinded.blindedElements), {
      QUIETLIST_OPRF_KEY: toBase64(other.secretKey),
    });
    expect(misconfigured.status).toBe(503);
    expect(((await misconfigured.json()) as { error: { code: string } }).error.code).toBe('MISCONFIGURED');
    const forged = backend.blindEvaluate(other.secretKey, blinded.blindedElements);
    expect(() =>
      backend.finalize([utf8.encode(listed[2]!)], blinded, forged, fromBase64(manifest.hash.publicKey!)),
    ).toThrow(/proof/i);
  });
});
