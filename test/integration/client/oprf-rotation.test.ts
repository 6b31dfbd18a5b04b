/**
 * OPRF key rotation without downtime, end to end: epoch A is built with OPRF key 1 and pulled; the
 * worker holds key 2 (current) and key 1 (previous, until an operator-set date). A scrub against A
 * straddles the switch: after its first batch, epoch B (a full rebuild under key 2) is published, and
 * the remaining batches, naming key 1, are still evaluated under key 1: the scrub finishes with every
 * registered number listed. A client that pulls B switches to key 2. Once the overlap has ended, a
 * request naming key 1 gets 409 OPRF_KEY_RETIRED.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import type { AuditEntry } from '../../../src/api/http/audit.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { scrub } from '../../../src/client/scrub/scrub.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { hashKeyId } from '../../../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import type { OprfBackend } from '../../../src/oprf/types.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber } from './helpers/real-worker.ts';

const REGISTERED = Array.from({ length: 300 }, (_, i) => fictionalNumber(i * 3));
const FREE = Array.from({ length: 2100 }, (_, i) => fictionalNumber(i * 3 + 1));
const keys = newOperatorKeys();
let dir = '';
let backend: OprfBackend;
let key1: Uint8Array;
let key2: Uint8Array;
let liveStore: FileStore;
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
  await removeTempDirs();
});

const build = (store: FileStore, secretKey: Uint8Array, state: string, day: number) =>
  buildInto(store, keys, REGISTERED, {
    mode: 'oprf',
    oprf: { backend, secretKey, stateDirectory: join(dir, state), fullRebuild: true },
    now: new Date(Date.UTC(2026, 11, day, 2)),
  });

beforeAll(async () => {
  dir = tempDir('quietlist-oprf-rotation-');
  backend = await createOprfBackend({ prefer: 'fast' });
  key1 = backend.generateKeyPair().secretKey;
  key2 = backend.generateKeyPair().secretKey;
  liveStore = new FileStore(join(dir, 'live'));
  await build(liveStore, key1, 'state1', 1);
  // Epoch B, a full rebuild under key 2, prepared in a copy of the store and published later by copying.
  cpSync(join(dir, 'live'), join(dir, 'next'), { recursive: true });
  await build(new FileStore(join(dir, 'next')), key2, 'state2', 2);
});

async function worker(overlapUntil: string, onAudit: (entry: AuditEntry) => void = () => {}) {
  const server = await startApiServer(
    {
      store: liveStore,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
        QUIETLIST_OPRF_KEY: toBase64(key2),
        QUIETLIST_OPRF_KEY_PREVIOUS: toBase64(key1),
        OPRF_OVERLAP_UNTIL: overlapUntil,
        POINTER_TTL_SECONDS: '0',
        SUBSCRIBER_CACHE_SECONDS: '0',
      }),
      audit: onAudit,
      log: () => {},
      quotas: new MemoryQuotaCounter(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  servers.push(server);
  return server;
}

function callList(): { csv: string; registeredIds: Set<number> } {
  const rows = ['id,phone'];
  const registeredIds = new Set<number>();
  for (let i = 0; i < FREE.length; i++) {
    rows.push(`${rows.length},${FREE[i]}`);
    if (i % 7 === 0 && i / 7 < REGISTERED.length) {
      registeredIds.add(rows.length);
      rows.push(`${rows.length},${REGISTERED[i / 7]}`);
    }
  }
  return { csv: `${rows.join('\n')}\n`, registeredIds };
}

async function scrubWith(cache: string, url: string, apiKey: string, out: string) {
  const { csv, registeredIds } = callList();
  const report = await scrub({
    cacheDirectory: cache,
    input: Readable.from([Buffer.from(csv)]),
    inputName: 'calls.csv',
    columns: ['phone'],
    outputs: {
      clean: { path: join(dir, `${out}.clean.csv`) },
      listed: { path: join(dir, `${out}.listed.csv`) },
    },
    threads: 0,
    timestamp: false,
    oprf: { url, apiKey, backend, concurrency: 1 },
  });
  const listed = new Set(
    readFileSync(join(dir, `${out}.listed.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0])),
  );
  return { report, listed, registeredIds };
}

describe('OPRF key rotation without downtime', () => {
  it('a scrub that straddles the switch finishes with correct answers; a new pull switches keys', async () => {
    const cache = join(dir, 'cache');
    mkdirSync(cache, { recursive: true });
    const pulled = await pull({
      source: new StoreEpochSource(liveStore),
      cacheDirectory: cache,
      publicKey: keys.signingKeys.publicKey,
    });
    const audit: AuditEntry[] = [];
    let switched = false;
    const server = await worker('2999-01-01', (entry) => {
      audit.push(entry);
      if (!switched && entry.endpoint === 'POST /v1/oprf/evaluate' && entry.status === 200) {
        // Publish epoch B between two batches of the scrub (synchronously: the next batch sees it).
        switched = true;
        rmSync(join(dir, 'live', 'latest.json'));
        cpSync(join(dir, 'next'), join(dir, 'live'), { recursive: true });
      }
    });
    const apiKey = await addSubscriber(liveStore);
    const first = await scrubWith(cache, server.url, apiKey, 'straddle');
    expect(switched).toBe(true);
    const evaluations = audit.filter((entry) => entry.endpoint === 'POST /v1/oprf/evaluate');
    expect(evaluations.map((entry) => entry.status)).toEqual([200, 200, 200]);
    // The batches after the first were answered while epoch B was current, under key 1.
    expect(new Set(evaluations.map((entry) => entry.epoch)).size).toBe(2);
    expect(first.report.epoch.manifest.epoch).toBe(pulled.epoch);
    for (const id of first.registeredIds) expect(first.listed.has(id), `row ${id}`).toBe(true);
    expect(first.listed.size).toBeLessThanOrEqual(first.registeredIds.size + 1);

    // Pulling now gets epoch B; the next scrub is evaluated under key 2 and is just as right.
    const again = await pull({
      source: new StoreEpochSource(liveStore),
      cacheDirectory: cache,
      publicKey: keys.signingKeys.publicKey,
    });
    expect(again.epoch).not.toBe(pulled.epoch);
    const second = await scrubWith(cache, server.url, apiKey, 'after');
    expect(second.report.epoch.manifest.epoch).toBe(again.epoch);
    for (const id of second.registeredIds) expect(second.listed.has(id), `row ${id}`).toBe(true);
  });

  it('after the overlap ends, a request naming the old key gets 409 OPRF_KEY_RETIRED', async () => {
    const server = await worker('2020-01-01');
    const apiKey = await addSubscriber(liveStore);
    const element = toBase64(backend.blind([new TextEncoder().encode('+33199000001')]).blindedElements[0]!);
    const keyId1 = hashKeyId(backend.publicKeyOf(key1));
    const response = await fetch(`${server.url}/v1/oprf/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ elements: [element], keyId: keyId1 }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'OPRF_KEY_RETIRED' } });
  });
});
