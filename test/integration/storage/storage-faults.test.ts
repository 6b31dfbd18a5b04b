/**
 * Storage faults against the real S3 client: a fault-injecting proxy (test/helpers/fault-proxy.ts) in
 * front of the local R2 endpoint injects 5xx answers, connection resets, truncated bodies, slow and
 * never-answered requests into build, serve and pull. What must hold: retries where safe, a clear
 * typed failure otherwise, the previous epoch always served, `latest.json` never naming an incomplete
 * epoch, the client cache never half-updated, and never a wrong answer. Then builders killed with
 * SIGKILL at random moments of an S3 publish. FAULT_ROUNDS raises the number of rounds (default small).
 */

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mulberry32 } from '../../../bench/support/synthetic-numbers.ts';
import { createApp } from '../../../src/api/app.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { readLatestPointer } from '../../../src/builder/publish-epoch.ts';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { verifySignedManifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';
import { buildInto, newOperatorKeys } from '../../helpers/build-fixture.ts';
import { type Fault, type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { tempDir } from '../client/helpers/client-fixture.ts';

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 1);
const BIN = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
const keys = newOperatorKeys();
const listed = Array.from({ length: 600 }, (_, i) => `+3363998${String(i).padStart(4, '0')}`);
let proxy: FaultProxy;
let prefix = '';
let direct: S3Store;
let faulty: S3Store;
const random = mulberry32(20261206);

function randomFault(rate: number): Fault {
  const roll = random();
  if (roll >= rate) return { kind: 'pass' };
  const pick = Math.floor((roll / rate) * 5);
  return (
    [
      { kind: 'status', status: 503 },
      { kind: 'reset' },
      { kind: 'truncate' },
      { kind: 'slow', delayMs: 50 },
      { kind: 'hang' },
    ] as Fault[]
  )[pick]!;
}

beforeAll(async () => {
  const r2 = inject('localR2');
  proxy = await startFaultProxy(r2.endpoint);
  prefix = `faults-${randomBytes(4).toString('hex')}`;
  const settings = { ...r2, prefix, forcePathStyle: true };
  direct = new S3Store(settings);
  faulty = new S3Store({ ...settings, endpoint: proxy.endpoint, idleTimeoutMs: 1000 });
  await buildInto(direct, keys, listed, { shardMaxBytes: 1024, keepEpochs: 50 });
});

afterAll(async () => {
  direct?.close();
  faulty?.close();
  await proxy?.close();
});

/** latest.json names an epoch whose manifest verifies and whose every shard is whole. */
async function expectLatestComplete(): Promise<string> {
  const latest = await readLatestPointer(direct);
  expect(latest).not.toBeNull();
  const manifest = await direct.get(`${epochPrefix(latest!.pointer.epoch)}manifest.json`);
  const { manifest: m } = verifySignedManifest(manifest!.body, keys.signingKeys.publicKey);
  for (const shard of m.shards) {
    const object = await direct.get(`${epochPrefix(m.epoch)}${shard.path}`);
    const digest = createHash('sha256').update(object!.body).digest('hex');
    expect(digest, `${m.epoch}/${shard.path}`).toBe(shard.sha256);
  }
  return m.epoch;
}

describe('storage faults (S3 client through a fault-injecting proxy)', () => {
  it('build: publishes or fails with a typed one-line error; latest never names an incomplete epoch', async () => {
    const outcomes = { published: 0, failed: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      proxy.decide = () => randomFault(0.08);
      try {
        await buildInto(faulty, keys, listed.slice(0, 500 + round), { shardMaxBytes: 1024, keepEpochs: 50 });
        outcomes.published++;
      } catch (error) {
        expect(error).toBeInstanceOf(QuietlistError);
        expect((error as Error).message).not.toContain('\n');
        outcomes.failed++;
      }
      proxy.decide = () => ({ kind: 'pass' });
      await expectLatestComplete();
    }
    expect(outcomes.published + outcomes.failed).toBe(ROUNDS);
    console.log(`storage-faults build: ${JSON.stringify(outcomes)}`);
  }, 300_000);

  it('serve: every check answers right or 503, never a wrong answer; healthy again once storage is', async () => {
    const subscriber = generateApiKey();
    await writeSubscriber(direct, {
      version: 1,
      id: subscriber.id,
      name: 'Faults',
      keyHash: await hashApiKey(subscriber.key),
      scopes: ['check'],
      dailyQuota: 1_000_000_000,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    const app = createApp({
      quotas: new MemoryQuotaCounter(),
      store: faulty,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
        POINTER_TTL_SECONDS: '0',
        SUBSCRIBER_CACHE_SECONDS: '0',
        SHARD_CACHE_MB: '1',
      }),
      audit: () => {},
      log: () => {},
    });
    const statuses = new Map<number, number>();
    for (let round = 0; round < ROUNDS * 5; round++) {
      proxy.decide = () => randomFault(0.25);
      const response = await app.request('/v1/check', {
        method: 'POST',
        headers: { authorization: `Bearer ${subscriber.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ numbers: listed.slice(0, 20) }),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200) {
        const body = (await response.json()) as { results: { status: string }[] };
        expect(body.results.every((r) => r.status === 'listed')).toBe(true);
      } else {
        expect([401, 503]).toContain(response.status);
      }
    }
    proxy.decide = () => ({ kind: 'pass' });
    const healthy = await app.request('/readyz');
    expect(healthy.status).toBe(200);
    expect([...statuses.keys()].every((status) => [200, 401, 503].includes(status))).toBe(true);
    console.log(`storage-faults serve: ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 300_000);

  it('pull: installs or fails leaving the cache exactly as it was', async () => {
    const cache = tempDir();
    await pull({
      source: new StoreEpochSource(direct),
      cacheDirectory: cache,
      publicKey: keys.signingKeys.publicKey,
    });
    for (let round = 0; round < ROUNDS; round++) {
      await buildInto(direct, keys, listed.slice(0, 400 + round), { shardMaxBytes: 1024, keepEpochs: 50 });
      const before = await readCurrentPointer(new CacheLayout(cache));
      proxy.decide = () => randomFault(0.2);
      try {
        await pull({
          source: new StoreEpochSource(faulty),
          cacheDirectory: cache,
          publicKey: keys.signingKeys.publicKey,
        });
      } catch (error) {
        expect(error).toBeInstanceOf(QuietlistError);
        expect((error as Error).message).toMatch(/stays in place/);
        expect(await readCurrentPointer(new CacheLayout(cache))).toEqual(before);
      }
      proxy.decide = () => ({ kind: 'pass' });
    }
    const last = await pull({
      source: new StoreEpochSource(direct),
      cacheDirectory: cache,
      publicKey: keys.signingKeys.publicKey,
    });
    expect(last.epoch).toBe(await expectLatestComplete());
  }, 300_000);

  it('a builder killed with SIGKILL at a random moment of an S3 publish never leaves latest incomplete', async () => {
    const r2 = inject('localR2');
    const dir = tempDir();
    writeFileSync(join(dir, 'registry.txt'), `${listed.join('\n')}\n`);
    const keygen = spawn(process.execPath, [BIN, 'keygen', '--out', join(dir, 'keys')]);
    await new Promise((resolve) => keygen.once('close', resolve));
    const publicKey = (await import('node:fs')).readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
    const killPrefix = `${prefix}-kill`;
    const killStore = new S3Store({ ...r2, prefix: killPrefix, forcePathStyle: true });
    // Slow answers widen the publish so a kill lands inside it.
    proxy.decide = () => ({ kind: 'slow', delayMs: 40 });
    const outcomes = { killed: 0, finished: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'build',
          join(dir, 'registry.txt'),
          '--store',
          `s3://${r2.bucket}/${killPrefix}`,
          '--s3-endpoint',
          proxy.endpoint,
          '--s3-path-style',
          '--keys',
          join(dir, 'keys'),
          '--mode',
          'open',
          '--shard-max-bytes',
          '1024',
          '--keep',
          '50',
          '--temp-dir',
          dir,
        ],
        {
          env: {
            ...process.env,
            QUIETLIST_S3_ACCESS_KEY_ID: r2.accessKeyId,
            QUIETLIST_S3_SECRET_ACCESS_KEY: r2.secretAccessKey,
          },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 500 + random() * 1500);
      const code = await exited;
      clearTimeout(timer);
      if (code === null) outcomes.killed++;
      else outcomes.finished++;
      const latest = await readLatestPointer(killStore);
      if (latest) {
        const object = await killStore.get(`${epochPrefix(latest.pointer.epoch)}manifest.json`);
        const { manifest } = verifySignedManifest(object!.body, Buffer.from(publicKey, 'base64'));
        for (const shard of manifest.shards) {
          expect(await killStore.get(`${epochPrefix(manifest.epoch)}${shard.path}`)).not.toBeNull();
        }
      }
    }
    proxy.decide = () => ({ kind: 'pass' });
    killStore.close();
    expect(outcomes.killed + outcomes.finished).toBe(ROUNDS);
    console.log(
      `storage-faults: ${JSON.stringify({ rounds: ROUNDS, ...outcomes, injected: proxy.injected })}`,
    );
  });
});
