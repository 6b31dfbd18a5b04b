/**
 * Deltas across a signing-key rotation: the manifests between the cached epoch and the latest one are
 * signed by the old key, then by its announced successor. Each is authenticated by the hash link of
 * the verified manifest after it and must be signed by a key of the verified chain, so the chain of
 * deltas holds across the rotation; a forged manifest in between is not used (the shards come whole).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { encodeSignedManifest, type Manifest, signManifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { buildInto, type OperatorKeys } from '../../helpers/build-fixture.ts';
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
let hour = -48;

/** 3000 registrations; each night 10 expire and 10 register (a fixed hash key: see pull-deltas.test.ts). */
const listOfNight = (n: number) => registeredNumbers(3000, n * 10);

function night(operator: TestOperator, keys: OperatorKeys, n: number, extra: Record<string, unknown> = {}) {
  return buildInto(operator.store, keys, listOfNight(n), {
    shardMaxBytes: 4096,
    now: new Date(Date.now() + hour++ * HOUR),
    maxShrink: 1,
    keepEpochs: 10,
    ...extra,
  });
}

function pullWith(operator: TestOperator, cache: string, publicKey: Uint8Array) {
  const source = new CountingSource(new StoreEpochSource(operator.store));
  return pull({ source, cacheDirectory: cache, publicKey });
}

/** Epochs 1–2 signed by the old key (2 announces the successor), 3 onwards by the successor. */
async function rotatingOperator() {
  const operator = newOperator();
  operator.keys.hashKey = new Uint8Array(32).fill(0x5a);
  const old = operator.keys.signingKeys;
  const successor = generateSigningKeyPair();
  const next: OperatorKeys = { ...operator.keys, signingKeys: successor };
  const former = { formerPublicKeys: [old.publicKey] };
  return {
    operator,
    old,
    successor,
    first: () => night(operator, operator.keys, 0),
    announcing: () => night(operator, operator.keys, 1, { announceNextKey: successor.publicKey }),
    rotated: (n: number) => night(operator, next, n, former),
  };
}

describe('deltas across a signing-key rotation', () => {
  it('a cache behind the rotation patches with deltas along the signed key chain', async () => {
    const { operator, old, successor, first, announcing, rotated } = await rotatingOperator();
    await first();
    const caches = { twoBehind: tempDir(), oneBehind: tempDir() };
    await pullWith(operator, caches.twoBehind, old.publicKey);
    await announcing();
    await pullWith(operator, caches.oneBehind, old.publicKey);
    const third = await rotated(2);
    expect(third.geometry).toEqual({ kept: true });
    expect(third.signed.manifest.shards.some((shard) => shard.delta)).toBe(true);

    // One epoch behind: the old key's epoch announcing the successor, then the first epoch it signs.
    const one = await pullWith(operator, caches.oneBehind, old.publicKey);
    expect(one.keyRotation?.keys).toBe(2);
    expect(one.shards).toMatchObject({ downloaded: 0, patched: expect.any(Number) });
    expect(one.shards.patched).toBeGreaterThan(0);
    await expectSameShards(operator, caches.oneBehind, third.signed.manifest.epoch);

    // Three behind: the chain runs through the old key's epoch 2 and the successor's epoch 3.
    const fourth = await rotated(3);
    const three = await pullWith(operator, caches.twoBehind, old.publicKey);
    expect(three.epoch).toBe(fourth.signed.manifest.epoch);
    expect(three.keyRotation?.keys).toBe(2);
    expect(three.shards.downloaded).toBe(0);
    expect(three.shards.patched).toBeGreaterThan(0);
    await expectSameShards(operator, caches.twoBehind, fourth.signed.manifest.epoch);

    // The cache now pins the successor; a script still passing the old key, two nights behind.
    await rotated(4);
    const sixth = await rotated(5);
    const later = await pullWith(operator, caches.twoBehind, old.publicKey);
    expect(later.epoch).toBe(sixth.signed.manifest.epoch);
    expect(later.keyRotation).toBeUndefined();
    expect(later.shards.downloaded).toBe(0);
    expect(later.shards.patched).toBeGreaterThan(0);
    await expectSameShards(operator, caches.twoBehind, sixth.signed.manifest.epoch);
    // And passing the successor itself.
    await rotated(6);
    const seventh = await rotated(7);
    const withNew = await pullWith(operator, caches.twoBehind, successor.publicKey);
    expect(withNew.epoch).toBe(seventh.signed.manifest.epoch);
    expect(withNew.shards.patched).toBeGreaterThan(0);
    expect(withNew.shards.downloaded).toBe(0);
  });

  it('does not patch along a forged manifest in between: the shards come whole and still verify', async () => {
    const { operator, successor, first, announcing, rotated } = await rotatingOperator();
    await first();
    await announcing();
    await rotated(2);
    const cache = tempDir();
    await pullWith(operator, cache, successor.publicKey);
    const middle = await rotated(3);
    const latest = await rotated(4);
    const middleManifest = middle.signed.manifest;
    const stranger = generateSigningKeyPair();

    // The same manifest signed by a stranger (its hash link still matches), then one changed and signed
    // by the real successor key (the signature is good, the hash link is not).
    const forgeries: [string, Manifest, SigningKeyPair][] = [
      ['signed by a stranger', middleManifest, stranger],
      ['altered after the link', { ...middleManifest, createdAt: new Date(0).toISOString() }, successor],
    ];
    const genuine = (await operator.store.get(manifestKey(middleManifest.epoch)))!.body;
    for (const [, manifest, signer] of forgeries) {
      const forged = signManifest({ ...manifest }, signer.secretKey, signer.publicKey);
      await operator.store.put(manifestKey(middleManifest.epoch), encodeSignedManifest(forged));
      const copy = tempDir();
      await copyCache(cache, copy);
      const result = await pullWith(operator, copy, successor.publicKey);
      expect(result.epoch).toBe(latest.signed.manifest.epoch);
      expect(result.shards.patched).toBe(0);
      expect(result.shards.downloaded).toBeGreaterThan(0);
      await expectSameShards(operator, copy, latest.signed.manifest.epoch);
    }
    // The genuine manifest back: the same cache patches.
    await operator.store.put(manifestKey(middleManifest.epoch), genuine);
    const patched = await pullWith(operator, cache, successor.publicKey);
    expect(patched.shards.patched).toBeGreaterThan(0);
    expect(patched.shards.downloaded).toBe(0);
  });
});

async function copyCache(from: string, to: string) {
  const { cp } = await import('node:fs/promises');
  await cp(from, to, { recursive: true });
}

/** The cache holds byte for byte the shards the store publishes for `epoch`. */
async function expectSameShards(operator: TestOperator, cache: string, epoch: string) {
  const manifest = JSON.parse(await readFile(join(cache, 'epochs', epoch, 'manifest.json'), 'utf8')).manifest;
  for (const shard of manifest.shards as { path: string }[]) {
    const cached = await readFile(join(cache, 'epochs', epoch, shard.path));
    const stored = (await operator.store.get(`${epochPrefix(epoch)}${shard.path}`))!.body;
    expect(Buffer.from(cached).equals(Buffer.from(stored))).toBe(true);
  }
}
