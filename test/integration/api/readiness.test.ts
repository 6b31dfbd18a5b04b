/**
 * /readyz: 503 while a shard of the served epoch is missing (when /healthz still says 200), back to
 * 200 once it is restored; a shard that fails to load after the check is checked again; the first
 * probe after a publish of 256 shards answers from what it knows (200), not a failure.
 */

import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import type { Readiness } from '../../../src/api/epochs/shard-readiness.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
let scratch = '';
let epochDir = '';
let shardCount = 0;
let instance: ReturnType<typeof createApp>;
let apiKey = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-ready-'));
  const store = new FileStore(scratch);
  const report = await seedEpoch(store, { keys, numbers: syntheticNumbers(1000) });
  epochDir = join(scratch, 'epochs', report.signed.manifest.epoch);
  shardCount = report.signed.manifest.shards.length;
  const subscriber = generateApiKey();
  apiKey = subscriber.key;
  await writeSubscriber(store, {
    version: 1,
    id: subscriber.id,
    name: 'Readiness test',
    keyHash: await hashApiKey(subscriber.key),
    scopes: ['check'],
    dailyQuota: 1_000_000,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  });
  instance = createApp({
    quotas: new MemoryQuotaCounter(),
    store,
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) }),
    audit: () => {},
    log: () => {},
  });
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

async function ready() {
  const response = await instance.request('/readyz');
  return { status: response.status, body: (await response.json()) as Readiness };
}

it('says ready only while every shard is in place; /healthz does not look at shards', async () => {
  expect((await ready()).status).toBe(200);
  expect((await ready()).body).toMatchObject({ status: 'ready', shards: shardCount, verified: shardCount });

  // Checked once per epoch: a shard removed afterwards is noticed when a load of it fails.
  const shard = join(epochDir, 'shard-00001.qlbf');
  await rename(shard, `${shard}.away`);
  expect((await ready()).status).toBe(200);
  const fresh = createApp({
    quotas: new MemoryQuotaCounter(),
    store: new FileStore(scratch),
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) }),
    audit: () => {},
    log: () => {},
  });
  const freshReady = await fresh.request('/readyz');
  expect(freshReady.status).toBe(503);
  expect(((await freshReady.json()) as Readiness).problems).toEqual(['shard-00001.qlbf: missing']);
  expect((await fresh.request('/healthz')).status).toBe(200);

  // A check that needs the missing shard fails, and the next probe checks that shard again.
  const failed = await instance.request('/v1/check', {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers: syntheticNumbers(1000) }),
  });
  expect(failed.status).toBe(503);
  expect((await ready()).body.problems).toEqual(['shard-00001.qlbf: missing']);
  await rename(`${shard}.away`, shard);
  expect((await fresh.request('/readyz')).status).toBe(200);
});

it('answers the first probe after a publish of 256 shards from what is known, and finds a missing shard on the next', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'quietlist-ready-256-'));
  try {
    const store = new FileStore(dir);
    const report = await seedEpoch(store, { keys, numbers: syntheticNumbers(1000), shardMaxBytes: 1024 });
    const { manifest } = report.signed;
    expect(manifest.shards).toHaveLength(256);
    // The last shard is gone: the first probe (200 checks) cannot know it yet.
    await rm(join(dir, 'epochs', manifest.epoch, 'shard-00255.qlbf'));
    const app = createApp({
      quotas: new MemoryQuotaCounter(),
      store,
      config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) }),
      audit: () => {},
      log: () => {},
    });
    const first = await app.request('/readyz');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'ready', shards: 256, verified: 200, pending: 56 });
    const second = await app.request('/readyz');
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({
      status: 'unready',
      verified: 255,
      pending: 0,
      problems: ['shard-00255.qlbf: missing'],
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
