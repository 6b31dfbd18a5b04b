/**
 * Manifests are kept forever: retention removes an old epoch's shards, never its manifest, and the API
 * keeps serving the manifest of every published epoch (a receipt names it years later), while an
 * epoch that was never published still does not exist.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { readLatestPointer } from '../../../src/builder/publish-epoch.ts';
import { applyRetention } from '../../../src/builder/retention.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { encodeSignedManifest, verifySignedManifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../../src/core/epoch/pointer.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
let scratch = '';
let store: FileStore;
const epochs: string[] = [];
let unpublished = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-old-manifests-'));
  store = new FileStore(join(scratch, 'store'));
  for (let day = 1; day <= 4; day++) {
    const report = await seedEpoch(store, {
      keys,
      numbers: syntheticNumbers(100, day * 100),
      now: new Date(Date.UTC(2026, 10, day, 2)),
    });
    epochs.push(report.signed.manifest.epoch);
  }
  // A build that signed its epoch but never moved latest.json.
  const crashed = await seedEpoch(new FileStore(join(scratch, 'other')), {
    keys,
    numbers: syntheticNumbers(50),
    now: new Date(Date.UTC(2026, 10, 3, 5)),
  });
  unpublished = crashed.signed.manifest.epoch;
  await store.put(manifestKey(unpublished), encodeSignedManifest(crashed.signed));
  const latest = (await readLatestPointer(store))!.pointer;
  const result = await applyRetention(store, latest, {
    keep: 1,
    publicKey: keys.signing.publicKey,
    supersededGraceMs: 0,
    debrisAgeMs: 365 * 24 * 3600_000,
    now: () => new Date(Date.UTC(2027, 0, 1)),
  });
  expect(result.deleted.sort()).toEqual(epochs.slice(0, 3));
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

function app() {
  return createApp({
    quotas: new MemoryQuotaCounter(),
    store,
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
      POINTER_TTL_SECONDS: '0',
    }),
    audit: () => {},
    log: () => {},
  });
}

describe('old published epochs', () => {
  it('keep their manifest in the store, without shards', async () => {
    for (const epoch of epochs.slice(0, 3)) {
      expect(await store.list(epochPrefix(epoch))).toEqual([manifestKey(epoch)]);
    }
    expect((await store.list(epochPrefix(epochs[3]!))).length).toBeGreaterThan(1);
  });

  it('answer GET /v1/epochs/{id}/manifest with the signed manifest; their shards are 404', async () => {
    const instance = app();
    for (const epoch of epochs) {
      for (const path of [`/v1/epochs/${epoch}/manifest`, `/v1/epochs/${epoch}/manifest.json`]) {
        const response = await instance.request(path);
        expect(response.status, `${path}`).toBe(200);
        const body = new Uint8Array(await response.arrayBuffer());
        expect(verifySignedManifest(body, keys.signing.publicKey).manifest.epoch).toBe(epoch);
      }
    }
    const shard = await instance.request(`/v1/epochs/${epochs[0]}/shard-00000.qlbf`);
    expect(shard.status).toBe(404);
  });

  it('never make an unpublished epoch downloadable', async () => {
    const response = await app().request(`/v1/epochs/${unpublished}/manifest`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
