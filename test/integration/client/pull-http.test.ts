/**
 * pull from the worker over HTTP: the real API (the signed latest.json names the cached epoch: nothing
 * else is downloaded) and a stand-in that misbehaves on purpose (a shard cut off half-way, 503 with
 * Retry-After, a manifest signed by another key).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import type { RetryPolicy } from '../../../src/client/http/fetch-retry.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { HttpEpochSource } from '../../../src/client/sources/http-source.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import {
  cacheSnapshot,
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  republish,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { startRealWorker } from './helpers/real-worker.ts';
import { startStandInWorker } from './helpers/stand-in-worker.ts';

afterAll(removeTempDirs);

const FAST_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 5_000,
  timeoutMs: 10_000,
};
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

function pullFrom(operator: TestOperator, url: string, cache: string) {
  return pull({
    source: new HttpEpochSource(url, { retry: FAST_RETRY }),
    cacheDirectory: cache,
    publicKey: operator.keys.signingKeys.publicKey,
  });
}

describe('pull from the real worker', () => {
  it('downloads once, then reads only the signed pointer (and the key retirement probe) while nothing changed', async () => {
    const operator = newOperator();
    const first = await publish(operator, registeredNumbers(2000), { now: new Date(Date.now() - 60_000) });
    const worker = await startRealWorker(operator.store, operator.publicKeyBase64);
    closers.push(worker.close);
    const cache = tempDir();
    const installed = await pullFrom(operator, worker.url, cache);
    expect(installed).toMatchObject({ status: 'installed', epoch: first.signed.manifest.epoch });
    const pointer = await readCurrentPointer(new CacheLayout(cache));
    expect(pointer?.manifestSha256).toBe(first.manifestSha256);
    expect(Date.parse(pointer!.expiresAt!)).toBeGreaterThan(Date.now());

    worker.audit.length = 0;
    const again = await pullFrom(operator, worker.url, cache);
    expect(again.status).toBe('unchanged');
    expect(worker.audit.map((entry) => `${entry.endpoint} ${entry.status}`)).toEqual([
      'GET /v1/latest 200',
      'GET /v1/key-retirements/:fingerprint 404',
    ]);

    const second = await publish(operator, [...registeredNumbers(2000), ...registeredNumbers(2, 30_000)]);
    worker.audit.length = 0;
    const next = await pullFrom(operator, worker.url, cache);
    expect(next).toMatchObject({ status: 'installed', epoch: second.signed.manifest.epoch });
    const downloads = worker.audit.filter((entry) => entry.endpoint === 'GET /v1/epochs/:id/:file');
    // The new manifest, then a changed shard whole or as its delta (one epoch behind: one delta each).
    expect(downloads).toHaveLength(1 + next.shards.downloaded + next.shards.patched);
    expect(next.shards.patched).toBeGreaterThan(0);
    expect(downloads.filter((entry) => entry.status === 200)).toHaveLength(downloads.length);
    expect(next.shards.reused).toBeGreaterThan(0);
  });
});

describe('pull from a misbehaving worker', () => {
  it('keeps the cache valid when a shard is cut off half-way, and the next pull completes it', async () => {
    const operator = newOperator();
    await publish(operator, registeredNumbers(3000), { now: new Date(Date.now() - 60_000) });
    const worker = await startStandInWorker(operator.store);
    closers.push(worker.close);
    const cache = tempDir();
    await pullFrom(operator, worker.url, cache);
    const newer = await publish(operator, registeredNumbers(4000, 3000));
    const victim = newer.signed.manifest.shards[5]!.path;
    worker.fault = (request) => (request.path.endsWith(victim) ? { kind: 'cut' } : undefined);
    const before = await cacheSnapshot(cache);
    await expect(pullFrom(operator, worker.url, cache)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`${victim} failed after 3 attempt.*stays in place`)),
    });
    expect(await cacheSnapshot(cache)).toEqual(before);
    const isShard = (path: string) => path.startsWith('/v1/epochs/') && !path.endsWith('/manifest');
    const fetchedBefore = new Set(
      worker.requests.filter((r) => isShard(r.path) && !r.path.endsWith(victim)).map((r) => r.path),
    );

    worker.fault = undefined;
    worker.requests.length = 0;
    const result = await pullFrom(operator, worker.url, cache);
    expect(result).toMatchObject({ status: 'installed', epoch: newer.signed.manifest.epoch });
    const fetchedNow = worker.requests.filter((r) => isShard(r.path)).map((r) => r.path);
    expect(fetchedNow).toContain(`/v1/epochs/${newer.signed.manifest.epoch}/${victim}`);
    for (const path of fetchedNow) expect(fetchedBefore.has(path)).toBe(false);
  });

  it('retries 503 and 429 honouring Retry-After, then succeeds', async () => {
    const operator = newOperator();
    await publish(operator, registeredNumbers(500));
    const worker = await startStandInWorker(operator.store);
    closers.push(worker.close);
    let refusals = 2;
    worker.fault = (request) =>
      request.path === '/v1/latest' && refusals-- > 0
        ? { kind: 'status', status: refusals === 1 ? 503 : 429, headers: { 'retry-after': '0' } }
        : undefined;
    const result = await pullFrom(operator, worker.url, tempDir());
    expect(result.status).toBe('installed');
    expect(worker.requests.filter((r) => r.path === '/v1/latest')).toHaveLength(3);
  });

  it('refuses a manifest signed by another key, whatever the worker says', async () => {
    const operator = newOperator();
    await publish(operator, registeredNumbers(500));
    await republish(operator, { epoch: '20991231T000000Z-rogue', signer: generateSigningKeyPair() });
    const worker = await startStandInWorker(operator.store);
    closers.push(worker.close);
    const cache = tempDir();
    await expect(pullFrom(operator, worker.url, cache)).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(/not the pinned key.*still holds no epoch/),
    });
    expect(await cacheSnapshot(cache)).toEqual({});
  });
});
