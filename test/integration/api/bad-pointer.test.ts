/**
 * One bad pointer never takes the server down (issue 17): a latest.json naming a manifest signed by a
 * key nobody announced, read by a running `quietlist serve`, leaves every route but the health checks
 * answering from the last trusted epoch, while /healthz and /readyz answer 503 with the reason, and one
 * alert line is written. A newer valid epoch ends the refusal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import type { SignedManifest } from '../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { forgeEpoch, ROTATION_MEMBERS } from '../../helpers/rotation-fixture.ts';
import { type ServeProcess, startServe } from './helpers/serve-process.ts';

/** How long the routes are watched after the bad pointer lands (the issue saw all 503 within 1.5 s). */
const WATCH_MS = 3_000;

const keys = newOperatorKeys();
let scratch = '';
let store: FileStore;
let good: SignedManifest;
let server: ServeProcess;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-bad-pointer-'));
  store = new FileStore(join(scratch, 'store'));
  good = (await buildInto(store, keys, ROTATION_MEMBERS, { now: new Date(Date.now() - 3_600_000) })).signed;
  server = await startServe([
    '--store',
    `file://${join(scratch, 'store')}`,
    '--public-key',
    toBase64(keys.signingKeys.publicKey),
    '--state-dir',
    join(scratch, 'state'),
    '--pointer-ttl',
    '0',
  ]);
});

afterAll(async () => {
  await server?.stop();
  await rm(scratch, { recursive: true, force: true });
});

it('keeps every route but the health checks answering, and the health checks say 503 until it is fixed', async () => {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const shard = `/v1/epochs/${good.manifest.epoch}/${good.manifest.shards[0]!.path}`;
  const routes = ['/', '/v1/manifest', '/v1/latest', `/v1/epochs/${good.manifest.epoch}/manifest`, shard];

  const stranger = generateSigningKeyPair();
  const bad = await forgeEpoch(store, {
    base: good,
    epoch: `${good.manifest.epoch.slice(0, 16)}-unannounced`,
    signer: stranger,
  });

  const started = Date.now();
  const answers: Record<string, number[]> = Object.fromEntries(routes.map((route) => [route, []]));
  const health: number[] = [];
  while (Date.now() - started < WATCH_MS) {
    health.push((await fetch(`${server.url}/healthz`)).status);
    for (const route of routes) {
      const response = await fetch(`${server.url}${route}`);
      await response.arrayBuffer();
      answers[route]!.push(response.status);
      if (route === '/v1/manifest') {
        expect(response.headers.get('x-quietlist-epoch')).toBe(good.manifest.epoch);
      }
    }
  }
  for (const route of routes) {
    expect(answers[route]!.length).toBeGreaterThan(3);
    expect(new Set(answers[route]), route).toEqual(new Set([200]));
  }
  // From the first read of the bad pointer on, the monitors see it.
  expect(new Set(health)).toEqual(new Set([503]));
  const refused = await fetch(`${server.url}/healthz`);
  expect(await refused.json()).toMatchObject({
    status: 'refused',
    epoch: good.manifest.epoch,
    freshness: {
      state: 'pointer-unverifiable',
      refused: { code: 'POINTER_UNVERIFIABLE', epoch: bad.manifest.epoch },
    },
  });
  // The status page says it too, in the person's words, under the epoch it keeps serving.
  const statusPage = await (await fetch(`${server.url}/`, { headers: { 'accept-language': 'en' } })).text();
  expect(statusPage).toContain('id="refused"');
  expect(statusPage).toContain(good.manifest.epoch);
  expect(statusPage).not.toContain('id="rollback"');
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'refused' });
  const alerts = server.stdoutLines().filter((line) => line.includes('"type":"alert"'));
  expect(alerts.map((line) => JSON.parse(line).code)).toEqual(['POINTER_UNVERIFIABLE']);

  // The operator publishes a newer, valid epoch: accepted, and the health checks are green again.
  const fixed = await forgeEpoch(store, {
    base: good,
    epoch: `${good.manifest.epoch.slice(0, 16)}-fixed`,
    signer: keys.signingKeys,
    previous: good,
  });
  const back = await fetch(`${server.url}/healthz`);
  expect(back.status).toBe(200);
  expect(await back.json()).toMatchObject({ status: 'ok', epoch: fixed.manifest.epoch });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
});
