/**
 * Freshness without state (issue 17): latest.json carries a signed expiry. An older epoch's pointer
 * replayed over the newer one after it expired is refused by a server on an empty state dir and by a
 * new client, with what the operator must do; a server that has state refuses it as a rollback and
 * keeps serving. When the current pointer itself expires (nobody built), servers keep serving but
 * answer 503 on /healthz, clients refuse to pull, and `quietlist renew` (the CLI) fixes both without a
 * rebuild.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import type { SignedManifest } from '../../../src/core/epoch/manifest.ts';
import { LATEST_POINTER_KEY } from '../../../src/core/epoch/pointer.ts';
import { PAGE_STRINGS } from '../../../src/page/shared/strings/index.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { pointLatestAt, ROTATION_MEMBERS } from '../../helpers/rotation-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { type ServeProcess, startServe } from './helpers/serve-process.ts';

const keys = newOperatorKeys();
/** The first epoch's pointer lives this long: it has expired by the time it is replayed. */
const SHORT_LIFETIME_MS = 1_500;
let scratch = '';
let store: FileStore;
let older: SignedManifest;
let newer: SignedManifest;
let olderPointer: Uint8Array;
let newerPointer: Uint8Array;
const servers: ServeProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-expiry-'));
  store = new FileStore(join(scratch, 'store'));
  older = (
    await buildInto(store, keys, ROTATION_MEMBERS, {
      now: new Date(Date.now() - 2 * 86_400_000),
      pointerLifetimeDays: SHORT_LIFETIME_MS / 86_400_000,
    })
  ).signed;
  olderPointer = (await store.get(LATEST_POINTER_KEY))!.body;
  newer = (await buildInto(store, keys, ROTATION_MEMBERS, { now: new Date(Date.now() - 86_400_000) })).signed;
  newerPointer = (await store.get(LATEST_POINTER_KEY))!.body;
  await mkdirKeys();
  const left = Date.parse(JSON.parse(new TextDecoder().decode(olderPointer)).pointer.expiresAt) - Date.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, left + 50)));
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function mkdirKeys(): Promise<void> {
  await mkdir(join(scratch, 'keys'), { recursive: true });
  await writeFile(join(scratch, 'keys', 'signing.key'), `${toBase64(keys.signingKeys.secretKey)}\n`, {
    mode: 0o600,
  });
}

async function serve(stateDir: string): Promise<ServeProcess> {
  const server = await startServe([
    '--store',
    `file://${join(scratch, 'store')}`,
    '--public-key',
    toBase64(keys.signingKeys.publicKey),
    '--state-dir',
    join(scratch, stateDir),
    '--pointer-ttl',
    '0',
  ]);
  servers.push(server);
  return server;
}

const pullInto = (cache: string) =>
  pull({ source: new StoreEpochSource(store), cacheDirectory: cache, publicKey: keys.signingKeys.publicKey });

async function healthOf(server: ServeProcess) {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('an older pointer replayed after it expired', () => {
  it('is refused by a server on an empty state dir and by a new client, saying what the operator must do', async () => {
    const withState = await serve('state-kept');
    expect((await healthOf(withState)).body).toMatchObject({ status: 'ok', epoch: newer.manifest.epoch });

    await store.put(LATEST_POINTER_KEY, olderPointer);
    const fresh = await serve('state-empty');
    const refused = await healthOf(fresh);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({
      error: { code: 'POINTER_EXPIRED', message: expect.stringMatching(/quietlist renew/) },
    });
    const page = await fetch(`${fresh.url}/`);
    expect(page.status).toBe(503);
    // The status page says it in the person's words (English here), with what the operator must do.
    expect(await page.text()).toContain(PAGE_STRINGS.en.apiErrors.POINTER_EXPIRED);
    expect(PAGE_STRINGS.en.apiErrors.POINTER_EXPIRED).toMatch(/quietlist renew/);

    await expect(pullInto(join(scratch, 'cache-new'))).rejects.toMatchObject({
      code: 'POINTER_EXPIRED',
      message: expect.stringMatching(
        new RegExp(`epoch ${older.manifest.epoch}\\) expired at .*quietlist renew.*still holds no epoch`),
      ),
    });

    // A server that remembers the newer epoch refuses it as a rollback and keeps serving the newer one.
    const kept = await healthOf(withState);
    expect(kept.status).toBe(503);
    expect(kept.body).toMatchObject({
      status: 'refused',
      epoch: newer.manifest.epoch,
      freshness: { state: 'rollback-refused' },
    });
    await store.put(LATEST_POINTER_KEY, newerPointer);
    expect((await healthOf(withState)).status).toBe(200);
  });
});

describe('the current pointer expiring (nobody built)', () => {
  it('keeps servers serving with 503 health, stops pulls, and `quietlist renew` fixes both', async () => {
    const cache = join(scratch, 'cache-current');
    expect((await pullInto(cache)).epoch).toBe(newer.manifest.epoch);
    const server = await serve('state-current');
    expect((await healthOf(server)).status).toBe(200);

    await pointLatestAt(store, newer, keys.signingKeys, new Date(Date.now() - 1000).toISOString());
    const expired = await healthOf(server);
    expect(expired.status).toBe(503);
    expect(expired.body).toMatchObject({
      status: 'refused',
      epoch: newer.manifest.epoch,
      freshness: { state: 'pointer-expired', refused: { code: 'POINTER_EXPIRED' } },
    });
    const check = await fetch(`${server.url}/v1/manifest`);
    expect(check.headers.get('x-quietlist-epoch')).toBe(newer.manifest.epoch);
    await expect(pullInto(cache)).rejects.toMatchObject({
      code: 'POINTER_EXPIRED',
      message: expect.stringMatching(/the cached epoch .* stays in place/),
    });

    const renewed = await runCli([
      'renew',
      '--store',
      `file://${join(scratch, 'store')}`,
      '--keys',
      join(scratch, 'keys'),
      '--pointer-expiry',
      '2',
    ]);
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(renewed.stdout).toMatch(
      new RegExp(`renewed latest.json .*epoch ${newer.manifest.epoch}.*expires`),
    );
    expect((await pullInto(cache)).status).toBe('unchanged');
    const pointer = await readCurrentPointer(new CacheLayout(cache));
    const expiresIn = Date.parse(pointer!.expiresAt!) - Date.now();
    expect(expiresIn).toBeGreaterThan(1.9 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 86_400_000);
    const healthy = await healthOf(server);
    expect(healthy.status).toBe(200);
    expect(healthy.body).toMatchObject({ status: 'ok', expiresAt: pointer!.expiresAt });
  });
});
