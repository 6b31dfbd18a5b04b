/**
 * Never serve an older list: an older, validly signed latest.json copied over the current one is
 * refused (the served epoch stays, an alert line is written, /healthz and /readyz answer 503 and say
 * so), and the refusal survives a restart through the trust state of --state-dir.
 */

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import type { FreshnessAlert, FreshnessStatus } from '../../../src/api/epochs/freshness.ts';
import { type HighWaterStore, MemoryHighWater, ObjectHighWater } from '../../../src/api/epochs/high-water.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { encodeSignedManifest } from '../../../src/core/epoch/manifest.ts';
import { manifestKey } from '../../../src/core/epoch/pointer.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto } from '../../helpers/build-fixture.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

interface Health {
  status: string;
  epoch: string;
  freshness: FreshnessStatus;
}

const keys = testKeys();
let scratch = '';
let store: FileStore;
let olderPointer: Buffer;
let newerPointer: Buffer;
let first = '';
let second = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-freshness-'));
  store = new FileStore(join(scratch, 'store'));
  const a = await seedEpoch(store, {
    keys,
    numbers: syntheticNumbers(200),
    now: new Date('2026-11-27T02:00:00Z'),
  });
  olderPointer = await readFile(join(scratch, 'store', 'latest.json'));
  const b = await seedEpoch(store, {
    keys,
    numbers: syntheticNumbers(200, 1000),
    now: new Date('2026-11-28T02:00:00Z'),
  });
  newerPointer = await readFile(join(scratch, 'store', 'latest.json'));
  first = a.signed.manifest.epoch;
  second = b.signed.manifest.epoch;
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

function app(highWater: HighWaterStore, alerts: FreshnessAlert[] = []) {
  return createApp({
    quotas: new MemoryQuotaCounter(),
    store,
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
      POINTER_TTL_SECONDS: '0',
    }),
    audit: () => {},
    log: () => {},
    alert: (entry) => alerts.push(entry),
    highWater,
  });
}

async function health(instance: ReturnType<typeof app>) {
  const response = await instance.request('/healthz');
  return { status: response.status, body: (await response.json()) as Health };
}

const setPointer = (bytes: Buffer) => writeFile(join(scratch, 'store', 'latest.json'), bytes);

describe('an older latest.json', () => {
  it('is refused while serving: the served epoch stays, one alert, /healthz and /readyz say so', async () => {
    await setPointer(newerPointer);
    const alerts: FreshnessAlert[] = [];
    const instance = app(
      new ObjectHighWater(new FileStore(join(scratch, 'state-a')), 'high-water.json'),
      alerts,
    );
    expect((await health(instance)).body.epoch).toBe(second);

    await setPointer(olderPointer);
    for (let i = 0; i < 3; i++) {
      const { status, body } = await health(instance);
      // A monitor (or a load balancer's health check) sees the refusal; the newer epoch stays served.
      expect(status).toBe(503);
      expect(body.status).toBe('refused');
      expect(body.epoch).toBe(second);
      expect(body.freshness.state).toBe('rollback-refused');
      expect(body.freshness.refused?.epoch).toBe(first);
    }
    const manifest = await instance.request('/v1/manifest');
    expect(manifest.headers.get('x-quietlist-epoch')).toBe(second);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ code: 'ROLLBACK_REFUSED', offeredEpoch: first, servedEpoch: second });
    const ready = await instance.request('/readyz');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as Health).freshness.state).toBe('rollback-refused');
    const page = await (await instance.request('/')).text();
    expect(page).toContain('id="rollback"');

    await setPointer(newerPointer);
    const back = await health(instance);
    expect(back.status).toBe(200);
    expect(back.body.freshness.state).toBe('ok');
    expect((await instance.request('/readyz')).status).toBe(200);
  });

  it('is refused after a restart thanks to the persisted high-water mark, not without it', async () => {
    const state = join(scratch, 'state-b');
    await setPointer(newerPointer);
    await health(app(new ObjectHighWater(new FileStore(state), 'high-water.json')));
    const mark = JSON.parse(await readFile(join(state, 'high-water.json'), 'utf8'));
    expect(mark.epoch).toBe(second);

    await setPointer(olderPointer);
    const alerts: FreshnessAlert[] = [];
    const restarted = app(new ObjectHighWater(new FileStore(state), 'high-water.json'), alerts);
    const { status, body } = await health(restarted);
    expect(status).toBe(503);
    expect(body.epoch).toBe(second);
    expect(body.freshness.highWater).toMatchObject({ epoch: second, persisted: true });
    expect(alerts[0]?.servedEpoch).toBe(second);

    // The same restart with the mark in memory only goes back in time: why --state-dir exists.
    expect((await health(app(new MemoryHighWater()))).body.epoch).toBe(first);
    await setPointer(newerPointer);
  });

  it('answers 503 STALE_EPOCH when nothing newer can be served', async () => {
    const state = new MemoryHighWater();
    await state.advance({
      epoch: second,
      manifestSha256: 'f'.repeat(64), // a mark whose epoch cannot be loaded
      createdAt: '2026-11-28T02:00:00.000Z',
      seenAt: '2026-11-28T02:00:00.000Z',
    });
    await setPointer(olderPointer);
    const response = await app(state).request('/healthz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('STALE_EPOCH');
    await setPointer(newerPointer);
  });
});

describe('downloads of epochs', () => {
  it('serves published epochs (the chain from latest.json) and 404 for a never-published one', async () => {
    await setPointer(newerPointer);
    const crashed = await buildInto(
      store,
      { signingKeys: keys.signing, hashKey: keys.hashKey },
      syntheticNumbers(150),
      { dryRun: true, now: new Date('2026-11-29T02:00:00Z') },
    );
    const epoch = crashed.signed.manifest.epoch;
    await store.put(manifestKey(epoch), encodeSignedManifest(crashed.signed));
    const instance = app(new MemoryHighWater());
    expect((await instance.request(`/v1/epochs/${second}/manifest`)).status).toBe(200);
    expect((await instance.request(`/v1/epochs/${first}/manifest.json`)).status).toBe(200);
    const refused = await instance.request(`/v1/epochs/${epoch}/manifest`);
    expect(refused.status).toBe(404);
    expect((await instance.request(`/v1/epochs/${epoch}/manifest.json`)).status).toBe(404);
  });
});
