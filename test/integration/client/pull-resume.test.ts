/**
 * Big shards resume with HTTP Range: the real API server (startApiServer, what `quietlist serve` runs)
 * behind the fault proxy, which cuts a shard's body after N bytes, stalls it, or hides Range from the
 * server. The installed shard must be the signed one whatever happened to the bytes on the way.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheLayout } from '../../../src/client/cache/cache-layout.ts';
import type { RetryPolicy } from '../../../src/client/http/fetch-retry.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { HttpEpochSource } from '../../../src/client/sources/http-source.ts';
import type { Manifest } from '../../../src/core/epoch/manifest.ts';
import { type FaultProxy, type ProxiedRequest, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { CLIENT_CLI_ENTRY } from './helpers/client-cli.ts';
import {
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { startRealWorker } from './helpers/real-worker.ts';

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
  await removeTempDirs();
});

/** One epoch of one big shard (about 70 KB), served by the real API behind a fault proxy. */
async function servedEpoch(operator: TestOperator = newOperator()) {
  const report = await publish(operator, registeredNumbers(20_000), { shardMaxBytes: 1 << 20 });
  const manifest = report.signed.manifest;
  const worker = await startRealWorker(operator.store, operator.publicKeyBase64);
  closers.push(worker.close);
  const proxy = await startFaultProxy(worker.url);
  closers.push(proxy.close);
  const shard = manifest.shards[0]!;
  return { operator, manifest, proxy, shard, shardUrl: `/v1/epochs/${manifest.epoch}/${shard.path}` };
}

function pullThrough(proxy: FaultProxy, operator: TestOperator, cache: string, retry = FAST_RETRY) {
  return pull({
    source: new HttpEpochSource(proxy.endpoint, { retry }),
    cacheDirectory: cache,
    publicKey: operator.keys.signingKeys.publicKey,
  });
}

async function installedShardSha(cache: string, manifest: Manifest, path: string): Promise<string> {
  const bytes = await readFile(new CacheLayout(cache).epochFile(manifest.epoch, path));
  return createHash('sha256').update(bytes).digest('hex');
}

const requestsFor = (proxy: FaultProxy, path: string): ProxiedRequest[] =>
  proxy.log.filter((entry) => entry.path === path);

/** Cuts the first request for `path` after `afterBytes`, resets every later one: a pull that gives up. */
function cutThenDown(proxy: FaultProxy, path: string, afterBytes: number) {
  let seen = 0;
  proxy.decide = (_method, url) =>
    url !== path ? { kind: 'pass' } : seen++ === 0 ? { kind: 'cut', afterBytes } : { kind: 'reset' };
}

describe('pull resumes a big shard with HTTP Range', () => {
  it('resumes a body cut mid-way with Range / If-Range and installs the signed shard', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    expect(shard.bytes).toBeGreaterThan(50_000);
    const half = Math.floor(shard.bytes / 2);
    let first = true;
    proxy.decide = (_method, path) => {
      if (path !== shardUrl || !first) return { kind: 'pass' };
      first = false;
      return { kind: 'cut', afterBytes: half };
    };
    const cache = tempDir();
    const result = await pullThrough(proxy, operator, cache);
    expect(result).toMatchObject({ status: 'installed', epoch: manifest.epoch });
    expect(await installedShardSha(cache, manifest, shard.path)).toBe(shard.sha256);

    const [cut, resumed, ...more] = requestsFor(proxy, shardUrl);
    expect(more).toEqual([]);
    expect(cut).toMatchObject({ status: 200, bytesSent: half });
    expect(cut!.range).toBeUndefined();
    const offset = Number(/^bytes=(\d+)-$/.exec(resumed!.range ?? '')?.[1]);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);
    expect(resumed).toMatchObject({ status: 206, bytesSent: shard.bytes - offset });
    expect(resumed!.ifRange).toMatch(/^"[^"]+"$/);
    // Fewer bytes than two full downloads, and the client counted what it received.
    expect(cut!.bytesSent + resumed!.bytesSent).toBeLessThan(2 * shard.bytes);
    expect(result.bytesDownloaded).toBe(shard.bytes);
    // Nothing is left in partial/ once the epoch is installed.
    expect(await readdir(new CacheLayout(cache).partial).catch(() => [])).toEqual([]);
  });

  it('a pull that gives up mid-download leaves a .part the next pull resumes from', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    const cache = tempDir();
    const third = Math.floor(shard.bytes / 3);
    cutThenDown(proxy, shardUrl, third);
    await expect(pullThrough(proxy, operator, cache)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(/failed after 3 attempt.*still holds no epoch/),
    });
    const part = new CacheLayout(cache).partialFile(manifest.epoch, shard.path);
    expect((await stat(part)).size).toBe(third);

    proxy.decide = () => ({ kind: 'pass' });
    proxy.log.length = 0;
    const result = await pullThrough(proxy, operator, cache);
    expect(result.status).toBe('installed');
    expect(requestsFor(proxy, shardUrl)).toEqual([
      expect.objectContaining({ range: `bytes=${third}-`, status: 206, bytesSent: shard.bytes - third }),
    ]);
    expect(result.bytesDownloaded).toBe(shard.bytes - third);
    expect(await installedShardSha(cache, manifest, shard.path)).toBe(shard.sha256);
  });

  it('a pull killed mid-download (SIGKILL) is resumed from its .part by the next run', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    const cwd = tempDir();
    const cache = join(cwd, 'cache');
    const part = new CacheLayout(cache).partialFile(manifest.epoch, shard.path);
    const stallAt = Math.floor(shard.bytes * 0.6);
    proxy.decide = (_method, path) =>
      path === shardUrl ? { kind: 'stall', afterBytes: stallAt } : { kind: 'pass' };
    const args = ['pull', '--from', proxy.endpoint, '--public-key', operator.publicKeyFile, '--cache', cache];
    const child = spawn(process.execPath, [CLIENT_CLI_ENTRY, ...args], { cwd, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (
      (await stat(part).then(
        (s) => s.size,
        () => 0,
      )) < stallAt
    ) {
      if (Date.now() > deadline) throw new Error('the pull never wrote its .part');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    await exited;

    proxy.decide = () => ({ kind: 'pass' });
    proxy.log.length = 0;
    const result = await pullThrough(proxy, operator, cache);
    expect(result.status).toBe('installed');
    expect(requestsFor(proxy, shardUrl)).toEqual([
      expect.objectContaining({ range: `bytes=${stallAt}-`, status: 206, bytesSent: shard.bytes - stallAt }),
    ]);
    expect(await installedShardSha(cache, manifest, shard.path)).toBe(shard.sha256);
  });

  it('a .part whose prefix is corrupt is detected by the final hash and fetched again whole', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    const cache = tempDir();
    const half = Math.floor(shard.bytes / 2);
    cutThenDown(proxy, shardUrl, half);
    await expect(pullThrough(proxy, operator, cache)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    const part = new CacheLayout(cache).partialFile(manifest.epoch, shard.path);
    const bytes = await readFile(part);
    expect(bytes.length).toBe(half);
    bytes[100] = bytes[100]! ^ 0xff; // a bit flipped on disk, say
    await writeFile(part, bytes);

    proxy.decide = () => ({ kind: 'pass' });
    proxy.log.length = 0;
    const result = await pullThrough(proxy, operator, cache);
    expect(result.status).toBe('installed');
    const requests = requestsFor(proxy, shardUrl);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ range: `bytes=${half}-`, status: 206 });
    expect(requests[1]).toMatchObject({ status: 200, bytesSent: shard.bytes });
    expect(requests[1]!.range).toBeUndefined();
    expect(await installedShardSha(cache, manifest, shard.path)).toBe(shard.sha256);
  });

  it('a server that ignores Range (200) still gives a correct install', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    const cache = tempDir();
    let seen = 0;
    proxy.decide = (_method, path) =>
      path !== shardUrl
        ? { kind: 'pass' }
        : seen++ === 0
          ? { kind: 'cut', afterBytes: Math.floor(shard.bytes / 2) }
          : { kind: 'no-range' };
    const result = await pullThrough(proxy, operator, cache);
    expect(result.status).toBe('installed');
    const [, second] = requestsFor(proxy, shardUrl);
    expect(second).toMatchObject({ status: 200, bytesSent: shard.bytes });
    expect(second!.range).toMatch(/^bytes=\d+-$/); // asked, and the server answered with the whole file
    expect(await installedShardSha(cache, manifest, shard.path)).toBe(shard.sha256);
  });

  it('removes the .part of an epoch superseded before it was resumed', async () => {
    const { operator, manifest, proxy, shard, shardUrl } = await servedEpoch();
    const cache = tempDir();
    cutThenDown(proxy, shardUrl, 1000);
    await expect(pullThrough(proxy, operator, cache)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    const layout = new CacheLayout(cache);
    expect(await readdir(layout.partial)).toEqual([manifest.epoch]);

    const newer = await publish(operator, registeredNumbers(20_100), { shardMaxBytes: 1 << 20 });
    const newerUrl = `/v1/epochs/${newer.signed.manifest.epoch}/${newer.signed.manifest.shards[0]!.path}`;
    cutThenDown(proxy, newerUrl, 1000);
    await expect(pullThrough(proxy, operator, cache)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(await readdir(layout.partial)).toEqual([newer.signed.manifest.epoch]);
    proxy.decide = () => ({ kind: 'pass' });
    const result = await pullThrough(proxy, operator, cache);
    expect(result).toMatchObject({ status: 'installed', epoch: newer.signed.manifest.epoch });
    expect(await readdir(layout.partial).catch(() => [])).toEqual([]);
    expect(await installedShardSha(cache, newer.signed.manifest, shard.path)).toBe(
      newer.signed.manifest.shards[0]!.sha256,
    );
  });
});
