/**
 * The cache follows no link it did not create (docs/CLIENT.md, "Cache layout"): a symbolic link
 * planted at a `.part` resume file, at its record, in place of objects/ or at `current` is refused with
 * one line naming it, and the file it points at is left exactly as it was (before, a resumed download
 * appended its bytes to the link's target).
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppendSync, refuseLinkSync } from '../../../src/client/cache/cache-files.ts';
import { CacheLayout } from '../../../src/client/cache/cache-layout.ts';
import type { RetryPolicy } from '../../../src/client/http/fetch-retry.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { HttpEpochSource } from '../../../src/client/sources/http-source.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import { type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy.ts';
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
  attempts: 2,
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

async function served(): Promise<{
  operator: TestOperator;
  proxy: FaultProxy;
  epoch: string;
  shard: string;
}> {
  const operator = newOperator();
  const report = await publish(operator, registeredNumbers(20_000), { shardMaxBytes: 1 << 20 });
  const worker = await startRealWorker(operator.store, operator.publicKeyBase64);
  const proxy = await startFaultProxy(worker.url);
  closers.push(proxy.close, worker.close);
  return {
    operator,
    proxy,
    epoch: report.signed.manifest.epoch,
    shard: report.signed.manifest.shards[0]!.path,
  };
}

const pullThrough = (proxy: FaultProxy, operator: TestOperator, cache: string) =>
  pull({
    source: new HttpEpochSource(proxy.endpoint, { retry: FAST_RETRY }),
    cacheDirectory: cache,
    publicKey: operator.keys.signingKeys.publicKey,
  });

async function refusal(promise: Promise<unknown>): Promise<QuietlistError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QuietlistError) return error;
    throw error;
  }
  throw new Error('the pull succeeded');
}

/** A file outside the cache that a planted link points at: it must come out of the pull untouched. */
function victim(): { path: string; unchanged: () => boolean } {
  const path = join(tempDir('quietlist-victim-'), 'precious.txt');
  writeFileSync(path, 'precious\n');
  return { path, unchanged: () => readFileSync(path, 'utf8') === 'precious\n' };
}

describe('links planted in the cache', () => {
  it('refuses a link at a .part resume file, and at its record, leaving their targets untouched', async () => {
    const { operator, proxy, epoch, shard } = await served();
    for (const planted of ['part', 'record'] as const) {
      const cache = tempDir();
      const part = new CacheLayout(cache).partialFile(epoch, shard);
      mkdirSync(join(cache, 'partial', epoch), { recursive: true });
      const target = victim();
      symlinkSync(target.path, planted === 'part' ? part : `${part}.json`);
      const error = await refusal(pullThrough(proxy, operator, cache));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(error.message).toContain(`${planted === 'part' ? part : `${part}.json`} is a symbolic link`);
      expect(error.message).not.toContain('\n');
      expect(target.unchanged()).toBe(true);
    }
  });

  it('refuses a link where a cut download left its .part, on the next pull', async () => {
    const { operator, proxy, epoch, shard } = await served();
    const cache = tempDir();
    const url = `/v1/epochs/${epoch}/${shard}`;
    proxy.decide = (_method, path) => (path === url ? { kind: 'cut', afterBytes: 10_000 } : { kind: 'pass' });
    await refusal(pullThrough(proxy, operator, cache));
    const part = new CacheLayout(cache).partialFile(epoch, shard);
    expect(readFileSync(part).length).toBeGreaterThan(0);
    // Someone swaps the part for a link; the resumed download must not append to its target.
    rmSync(part);
    const target = victim();
    symlinkSync(target.path, part);
    proxy.decide = () => ({ kind: 'pass' });
    const error = await refusal(pullThrough(proxy, operator, cache));
    expect(error.message).toContain(`${part} is a symbolic link, which the cache never creates`);
    expect(target.unchanged()).toBe(true);
    // Once the link is removed, the pull goes through.
    rmSync(part);
    expect((await pullThrough(proxy, operator, cache)).status).toBe('installed');
  });

  it('refuses objects/ as a link to another directory, and `current` as a link to another file', async () => {
    const { operator, proxy } = await served();
    const cache = tempDir();
    const elsewhere = tempDir('quietlist-elsewhere-');
    mkdirSync(cache, { recursive: true });
    symlinkSync(elsewhere, join(cache, 'objects'));
    expect((await refusal(pullThrough(proxy, operator, cache))).message).toContain(
      `${join(cache, 'objects')} is a symbolic link`,
    );
    expect(await readdir(elsewhere)).toEqual([]);

    const other = tempDir();
    const target = victim();
    symlinkSync(target.path, join(other, 'current'));
    expect((await refusal(pullThrough(proxy, operator, other))).message).toContain(
      `${join(other, 'current')} is a symbolic link`,
    );
    expect(target.unchanged()).toBe(true);
  });

  it('refuses a link in place of the OPRF evaluation journal (synchronous opens)', () => {
    const dir = tempDir();
    const target = victim();
    const journal = join(dir, 'evaluations.bin');
    symlinkSync(target.path, journal);
    expect(() => refuseLinkSync(journal)).toThrow(/is a symbolic link, which the cache never creates/);
    expect(() => openAppendSync(journal, 0o600)).toThrow(/is a symbolic link/);
    expect(target.unchanged()).toBe(true);
  });
});
