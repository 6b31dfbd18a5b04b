/**
 * pull from a store (file://): install, conditional "unchanged", shard reuse, every refusal (tampered
 * shard, tampered or unsigned manifest, wrong key, rollback, forked history) with the cache left
 * exactly as it was, and a pull cut off half-way that the next pull completes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { RollbackError } from '../../../src/client/trust/rollback.ts';
import type { Manifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import {
  cacheSnapshot,
  newOperator,
  pointLatestAt,
  publish,
  registeredNumbers,
  removeTempDirs,
  republish,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { CountingSource } from './helpers/counting-source.ts';

afterAll(removeTempDirs);

const HOUR = 3_600_000;

async function latestSignedOf(cache: string, epoch: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(cache, 'epochs', epoch, 'manifest.json'), 'utf8')).manifest;
}

function pullInto(
  operator: TestOperator,
  cache: string,
  source = new CountingSource(new StoreEpochSource(operator.store)),
) {
  return {
    source,
    run: () => pull({ source, cacheDirectory: cache, publicKey: operator.keys.signingKeys.publicKey }),
  };
}

async function operatorWithEpoch(count = 3000) {
  const operator = newOperator();
  const report = await publish(operator, registeredNumbers(count), { now: new Date(Date.now() - 2 * HOUR) });
  return { operator, report };
}

/** Expects the pull to fail with `code` and a message naming the problem, the cache untouched. */
async function expectRefused(operator: TestOperator, cache: string, code: string, message: RegExp) {
  const before = await cacheSnapshot(cache);
  const error = await pullInto(operator, cache)
    .run()
    .then(
      () => expect.unreachable('the pull should have been refused'),
      (e: unknown) => e as { code: string; message: string },
    );
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(/stays in place|still holds no epoch/);
  expect(await cacheSnapshot(cache)).toEqual(before);
  return error;
}

describe('pull from a store', () => {
  it('installs the latest epoch, then answers "unchanged" without fetching anything', async () => {
    const { operator, report } = await operatorWithEpoch();
    const cache = tempDir();
    const first = pullInto(operator, cache);
    const result = await first.run();
    expect(result.status).toBe('installed');
    expect(result.epoch).toBe(report.signed.manifest.epoch);
    expect(result.shards.total).toBeGreaterThan(4);
    expect(result.shards.downloaded).toBe(result.shards.total);
    const pointer = await readCurrentPointer(new CacheLayout(cache));
    expect(pointer?.manifestSha256).toBe(report.manifestSha256);
    for (const entry of report.signed.manifest.shards) {
      expect(existsSync(join(cache, 'epochs', result.epoch, entry.path))).toBe(true);
    }
    expect(readdirSync(join(cache, 'tmp'))).toEqual([]);

    const second = pullInto(operator, cache);
    const again = await second.run();
    expect(again.status).toBe('unchanged');
    // Only the signed pointer is read: the manifest it names is the cached one.
    expect(second.source.pointerFetches).toBe(1);
    expect(second.source.manifestFetches).toBe(0);
    expect(second.source.files).toEqual([]);
  });

  it('puts back shards deleted or damaged in the cache when nothing changed upstream', async () => {
    const { operator, report } = await operatorWithEpoch();
    const cache = tempDir();
    const installed = await pullInto(operator, cache).run();
    const [first, second] = report.signed.manifest.shards;
    const path = (file: string) => join(cache, 'epochs', installed.epoch, file);
    await rm(path(first!.path));
    const damaged = await readFile(path(second!.path));
    damaged[70]! ^= 0xff;
    await writeFile(path(second!.path), damaged);
    const repair = pullInto(operator, cache);
    const result = await repair.run();
    expect(result).toMatchObject({ status: 'unchanged', shards: { downloaded: 2 } });
    expect(repair.source.files.sort()).toEqual([first!.path, second!.path].sort());
    const intact = await pullInto(operator, cache).run();
    expect(intact.shards.downloaded).toBe(0);
  });

  it('fetches only the shards that changed in a new epoch', async () => {
    const { operator } = await operatorWithEpoch();
    const cache = tempDir();
    await pullInto(operator, cache).run();
    // Same registrations, new epoch: identical shard bytes, nothing to download.
    await publish(operator, registeredNumbers(3000), { now: new Date(Date.now() - HOUR) });
    const same = pullInto(operator, cache);
    const result = await same.run();
    expect(result.status).toBe('installed');
    expect(result.shards.downloaded).toBe(0);
    expect(same.source.files).toEqual([]);
    // A few more registrations: only the shards they fall in are fetched (or patched by their deltas).
    await publish(operator, [...registeredNumbers(3000), ...registeredNumbers(3, 20_000)]);
    const grown = pullInto(operator, cache);
    const next = await grown.run();
    const changed = next.shards.downloaded + next.shards.patched;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(3);
    expect(next.shards.reused).toBe(next.shards.total - changed);
    expect(next.previousEpoch).toBe(result.epoch);
  });

  it('refuses a tampered shard and keeps the previous epoch', async () => {
    const { operator } = await operatorWithEpoch();
    const cache = tempDir();
    const installed = await pullInto(operator, cache).run();
    const newer = await publish(operator, registeredNumbers(3100), { now: new Date(Date.now() - HOUR) });
    // A shard that changed: an unchanged one would be reused from the cache, never fetched.
    const cached = new Set(
      (await latestSignedOf(cache, installed.epoch)).shards.map((shard) => shard.sha256),
    );
    const entry = newer.signed.manifest.shards.find((shard) => !cached.has(shard.sha256))!;
    const key = `${epochPrefix(newer.signed.manifest.epoch)}${entry.path}`;
    const bytes = (await operator.store.get(key))!.body;
    bytes[100]! ^= 0x01;
    await operator.store.put(key, bytes);
    // Without its delta the shard is fetched whole (a patched one is checked the same way: pull-deltas).
    if (entry.delta)
      await operator.store.delete([`${epochPrefix(newer.signed.manifest.epoch)}${entry.delta.path}`]);
    await expectRefused(operator, cache, 'CHECKSUM_MISMATCH', new RegExp(`shard ${entry.path} .*SHA-256`));
    expect((await readCurrentPointer(new CacheLayout(cache)))?.epoch).toBe(installed.epoch);
  });

  it('refuses a tampered manifest, an unsigned one, and one signed by another key', async () => {
    const { operator } = await operatorWithEpoch();
    const cache = tempDir();
    await pullInto(operator, cache).run();
    await republish(operator, {
      epoch: '20991231T000000Z-tamper',
      transformSigned: (signed) => ({
        ...signed,
        manifest: { ...signed.manifest, counts: { ...signed.manifest.counts, entries: 1 } },
      }),
    });
    await expectRefused(operator, cache, 'SIGNATURE_INVALID', /signature does not verify/);
    await republish(operator, {
      epoch: '20991231T000000Z-unsigned',
      transformSigned: (signed) => ({ manifest: signed.manifest }),
    });
    await expectRefused(operator, cache, 'MANIFEST_INVALID', /signature/);
    await republish(operator, { epoch: '20991231T000000Z-otherkey', signer: generateSigningKeyPair() });
    await expectRefused(operator, cache, 'SIGNATURE_INVALID', /not the pinned key/);
  });

  it('refuses a rollback to an older epoch and a forked history', async () => {
    const { operator, report: older } = await operatorWithEpoch();
    const cache = tempDir();
    await publish(operator, registeredNumbers(3000, 10), { now: new Date(Date.now() - HOUR) });
    const installed = await pullInto(operator, cache).run();
    // latest.json moved back to the older (validly signed) epoch: a replay.
    await pointLatestAt(operator, older.signed.manifest.epoch, older.manifestSha256);
    const error = await expectRefused(operator, cache, 'MANIFEST_INVALID', /rollback refused/);
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(RollbackError);
    // A newer epoch that names the cached one as predecessor, with another hash: a fork.
    await pointLatestAt(operator, installed.epoch, installed.manifestSha256);
    await republish(operator, {
      epoch: '20991231T000000Z-fork',
      mutate: (manifest) => {
        manifest.previous = { epoch: installed.epoch, manifestSha256: 'ab'.repeat(32) };
      },
    });
    await expectRefused(operator, cache, 'MANIFEST_INVALID', /forked history/);
  });

  it('leaves the cache valid when cut off half-way, and the next pull completes it', async () => {
    const { operator } = await operatorWithEpoch();
    const cache = tempDir();
    const installed = await pullInto(operator, cache).run();
    const newer = await publish(operator, registeredNumbers(6000, 5000), {
      now: new Date(Date.now() - HOUR),
    });
    const total = newer.signed.manifest.shards.length;
    const cut = pullInto(operator, cache);
    cut.source.failFile = (file) => file === newer.signed.manifest.shards[3]!.path;
    const before = await cacheSnapshot(cache);
    await expect(
      pull({
        source: cut.source,
        cacheDirectory: cache,
        publicKey: operator.keys.signingKeys.publicKey,
        concurrency: 1,
      }),
    ).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(/stays in place/),
    });
    expect(await cacheSnapshot(cache)).toEqual(before);
    expect((await readCurrentPointer(new CacheLayout(cache)))?.epoch).toBe(installed.epoch);
    expect(cut.source.files).toHaveLength(3);

    const resume = pullInto(operator, cache);
    const result = await resume.run();
    expect(result.status).toBe('installed');
    expect(result.epoch).toBe(newer.signed.manifest.epoch);
    // The three verified shards were kept; only the rest is fetched.
    expect(resume.source.files).toHaveLength(total - 3);
    expect(resume.source.files).not.toContain(newer.signed.manifest.shards[0]!.path);
    expect(readdirSync(join(cache, 'objects'))).toEqual([]);
  });

  it('warns when the epoch is older than the rescrub period', async () => {
    const operator = newOperator();
    await publish(operator, registeredNumbers(100), { now: new Date(Date.now() - 40 * 24 * HOUR) });
    const cache = tempDir();
    const result = await pullInto(operator, cache).run();
    expect(result.warnings).toEqual([expect.stringMatching(/is 40 days old .* older than 30 days/)]);
    const custom = await pull({
      source: new StoreEpochSource(operator.store),
      cacheDirectory: cache,
      publicKey: operator.keys.signingKeys.publicKey,
      maxAgeDays: 60,
    });
    expect(custom.warnings).toEqual([]);
  });
});
