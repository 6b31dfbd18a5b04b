/**
 * Nightly deltas end to end, from a store: the builder keeps the geometry and publishes deltas, pull
 * patches the cached shards with them (one epoch behind, and several), and falls back to whole shards
 * when a delta is corrupt or missing or a new geometry started. Every installed shard is the signed one.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { buildInto } from '../../helpers/build-fixture.ts';
import {
  newOperator,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { CountingSource } from './helpers/counting-source.ts';

afterAll(removeTempDirs);

const HOUR = 3_600_000;
let hour = -12;

/** The next night's epoch: `numbers` registered, the previous geometry kept unless asked. */
function night(operator: TestOperator, numbers: string[], newGeometry = false) {
  return buildInto(operator.store, operator.keys, numbers, {
    shardMaxBytes: 4096,
    now: new Date(Date.now() + hour++ * HOUR),
    maxShrink: 1,
    keepEpochs: 10,
    newGeometry,
  });
}

function pullWith(operator: TestOperator, cache: string) {
  const source = new CountingSource(new StoreEpochSource(operator.store));
  const run = () => pull({ source, cacheDirectory: cache, publicKey: operator.keys.signingKeys.publicKey });
  return { source, run };
}

/**
 * An operator with a fixed hash key. Which shard a number lands in depends on the key, and a shard of
 * ~94 entries has ~5 entries of headroom: with a random key, three nights of churn (30 out, 30 in) drawn into one
 * shard outgrows it now and then and starts a new geometry (no deltas). A fixed key makes the run the
 * same every time; the outgrowing case has its own test below.
 */
function deltaOperator(): TestOperator {
  const operator = newOperator();
  operator.keys.hashKey = new Uint8Array(32).fill(0x5a);
  return operator;
}

/** 3000 registrations; each night 10 expire and 10 register. */
const listOfNight = (n: number) => registeredNumbers(3000, n * 10);

describe('pull with deltas', () => {
  it('patches changed shards from deltas, across several epochs, and falls back to shards cleanly', async () => {
    const operator = deltaOperator();
    const first = await night(operator, listOfNight(0));
    expect(first.geometry).toEqual({ kept: false, reason: 'no previous epoch' });
    const caches = { nightly: tempDir(), behind: tempDir() };
    await pullWith(operator, caches.nightly).run();
    await pullWith(operator, caches.behind).run();

    const second = await night(operator, listOfNight(1));
    const { manifest } = second.signed;
    expect(second.geometry).toEqual({ kept: true });
    expect(manifest.filter.geometrySince).toBe(first.signed.manifest.epoch);
    const withDelta = manifest.shards.filter((shard) => shard.delta);
    expect(withDelta.length).toBeGreaterThan(0);
    expect(withDelta.every((shard) => shard.delta!.from === first.signed.manifest.epoch)).toBe(true);
    const nightly = await pullWith(operator, caches.nightly).run();
    expect(nightly.shards.patched).toBe(withDelta.length);
    expect(nightly.shards.downloaded).toBe(0);
    const shardBytes = withDelta.reduce((sum, shard) => sum + shard.bytes, 0);
    expect(nightly.bytesDownloaded).toBe(withDelta.reduce((sum, shard) => sum + shard.delta!.bytes, 0));
    expect(nightly.bytesDownloaded).toBeLessThan(shardBytes / 2);
    await expectSameShards(operator, caches.nightly, manifest.epoch);

    // Two nights behind: the chain of deltas through the epoch in between.
    const third = await night(operator, listOfNight(2));
    const behind = pullWith(operator, caches.behind);
    const caughtUp = await behind.run();
    expect(caughtUp.epoch).toBe(third.signed.manifest.epoch);
    expect(caughtUp.shards.patched).toBeGreaterThan(0);
    // The manifest in between is read to follow the chain of deltas.
    expect(behind.source.manifests).toContain(second.signed.manifest.epoch);
    await expectSameShards(operator, caches.behind, third.signed.manifest.epoch);
    await pullWith(operator, caches.nightly).run();

    // A corrupt delta and a missing one: those shards are fetched whole, the epoch still installs.
    const fourth = await night(operator, listOfNight(3));
    const deltas = fourth.signed.manifest.shards.filter((shard) => shard.delta);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    const file = (path: string) =>
      join(operator.dir, 'store', epochPrefix(fourth.signed.manifest.epoch), path);
    const corrupt = await readFile(file(deltas[0]!.delta!.path));
    corrupt[corrupt.length - 10]! ^= 0xff;
    await writeFile(file(deltas[0]!.delta!.path), corrupt);
    await rm(file(deltas[1]!.delta!.path));
    const fallback = await pullWith(operator, caches.nightly).run();
    expect(fallback.status).toBe('installed');
    expect(fallback.shards.downloaded).toBe(2);
    expect(fallback.shards.patched).toBe(deltas.length - 2);
    await expectSameShards(operator, caches.nightly, fourth.signed.manifest.epoch);

    // A new geometry: no deltas, every shard whole.
    const renewed = await night(operator, listOfNight(4), true);
    expect(renewed.geometry).toEqual({ kept: false, reason: 'a new geometry was asked for' });
    expect(renewed.signed.manifest.shards.some((shard) => shard.delta)).toBe(false);
    expect(renewed.signed.manifest.filter.geometrySince).toBe(renewed.signed.manifest.epoch);
    const full = await pullWith(operator, caches.nightly).run();
    expect(full.shards.patched).toBe(0);
    // A shard whose new size happens to equal its old one has the same bits: reused, not fetched.
    expect(full.shards.downloaded + full.shards.reused).toBe(renewed.signed.manifest.shards.length);
    expect(full.shards.downloaded).toBeGreaterThan(renewed.signed.manifest.shards.length / 2);
  });

  it('keeps the same bits for the same set: an unchanged list gives identical shards and no delta', async () => {
    const operator = deltaOperator();
    const first = await night(operator, listOfNight(0));
    const again = await night(operator, listOfNight(0));
    expect(again.signed.manifest.shards.map((shard) => shard.sha256)).toEqual(
      first.signed.manifest.shards.map((shard) => shard.sha256),
    );
    expect(again.deltaBytes).toBe(0);
  });

  it('starts a new geometry once a shard outgrows its capacity', async () => {
    const operator = deltaOperator();
    await night(operator, registeredNumbers(3000));
    const grown = await night(operator, registeredNumbers(3400));
    expect(grown.geometry.kept).toBe(false);
    expect(grown.geometry.reason).toMatch(/outgrew its capacity/);
  });
});

/** The cache holds byte for byte the shards the store publishes for `epoch`. */
async function expectSameShards(operator: TestOperator, cache: string, epoch: string) {
  const manifest = JSON.parse(await readFile(join(cache, 'epochs', epoch, 'manifest.json'), 'utf8')).manifest;
  for (const shard of manifest.shards as { path: string }[]) {
    const cached = await readFile(join(cache, 'epochs', epoch, shard.path));
    const stored = (await operator.store.get(`${epochPrefix(epoch)}${shard.path}`))!.body;
    expect(Buffer.from(cached).equals(Buffer.from(stored))).toBe(true);
  }
}
