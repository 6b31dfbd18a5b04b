/**
 * A planned signing-key rotation, end to end through the real builder, pull, the server and the
 * operator's check: epoch 2 (old key) announces the new key, epochs 3–4 are signed by the new key.
 * A client pinned to the old key that comes back after all of it follows the chain and records the
 * new pin; a server configured with the old key follows too; a manifest signed by a key nobody
 * announced is refused as before; the builder refuses to sign with a key the latest epoch did not announce.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { createApp } from '../../../src/api/app.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { CacheLayout, readCurrentPointer } from '../../../src/client/cache/cache-layout.ts';
import { openCachedEpoch } from '../../../src/client/cache/cached-epoch.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { readLatestSignedManifest } from '../../../src/client/sources/store-epoch.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { verifyAlongKeyChain } from '../../../src/core/epoch/key-chain.ts';
import { encodeSignedManifest, manifestSha256, signManifest } from '../../../src/core/epoch/manifest.ts';
import { manifestKey } from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';

const members = Array.from({ length: 200 }, (_, i) => fictionalNumber(i));
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 2));

async function rotatedStore() {
  const old = newOperatorKeys();
  const successor = generateSigningKeyPair();
  const next = { ...old, signingKeys: successor };
  const store = tempFileStore();
  const opts = (d: number) => ({
    now: day(d),
    keepEpochs: 1,
    retention: { now: () => day(d), supersededGraceMs: 0 },
  });
  const e1 = await buildInto(store, old, members, opts(1));
  const e2 = await buildInto(store, old, members, { ...opts(2), announceNextKey: successor.publicKey });
  // Without the former public key the builder cannot check the announcing epoch: refused, with the way out.
  await expect(buildInto(store, next, members, opts(3))).rejects.toThrow(/build once more with the old key/);
  const former = { formerPublicKeys: [old.signingKeys.publicKey] };
  const e3 = await buildInto(store, next, members, { ...opts(3), ...former });
  const e4 = await buildInto(store, next, members, { ...opts(4), ...former });
  return { store, old, successor, epochs: [e1, e2, e3, e4].map((r) => r.signed) };
}

describe('signing-key rotation', () => {
  it('a client pinned to the old key, back after the rotation, follows the chain and records the new pin', async () => {
    const { store, old, successor, epochs } = await rotatedStore();
    expect(epochs[1]!.manifest.signing).toEqual({ next: toBase64(successor.publicKey) });
    expect(epochs[2]!.signature.keyFingerprint).toBe(publicKeyFingerprint(successor.publicKey));
    const cache = mkdtempSync(join(tmpdir(), 'quietlist-rotation-cache-'));
    const source = new StoreEpochSource(store);
    const result = await pull({ source, cacheDirectory: cache, publicKey: old.signingKeys.publicKey });
    expect(result.epoch).toBe(epochs[3]!.manifest.epoch);
    expect(result.keyRotation).toEqual({
      from: publicKeyFingerprint(old.signingKeys.publicKey),
      to: publicKeyFingerprint(successor.publicKey),
      keys: 2,
    });
    const pointer = await readCurrentPointer(new CacheLayout(cache));
    expect(pointer?.publicKey).toBe(toBase64(successor.publicKey));
    expect(pointer?.formerKeys).toEqual([toBase64(old.signingKeys.publicKey)]);
    // Given the old key again (a script that never changed): still fine, verified from the new pin.
    const again = await pull({ source, cacheDirectory: cache, publicKey: old.signingKeys.publicKey });
    expect(again.status).toBe('unchanged');
    const opened = await openCachedEpoch(cache, { publicKey: old.signingKeys.publicKey });
    expect(opened.keyFingerprint).toBe(publicKeyFingerprint(successor.publicKey));
    // The operator's check --store, given the old key, follows too.
    const latest = await readLatestSignedManifest(store, old.signingKeys.publicKey);
    expect(latest.manifest.epoch).toBe(epochs[3]!.manifest.epoch);
  });

  it('a server configured with the old key follows the chain, and /healthz shows it', async () => {
    const { store, old, successor, epochs } = await rotatedStore();
    const app = createApp({
      quotas: new MemoryQuotaCounter(),
      store,
      config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(old.signingKeys.publicKey) }),
      audit: () => {},
      log: () => {},
    });
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      epoch: epochs[3]!.manifest.epoch,
      signing: {
        configured: publicKeyFingerprint(old.signingKeys.publicKey),
        current: publicKeyFingerprint(successor.publicKey),
        next: null,
      },
    });
    // Every published manifest, from both keys, stays downloadable.
    for (const signed of epochs) {
      expect((await app.request(`/v1/epochs/${signed.manifest.epoch}/manifest`)).status).toBe(200);
    }
  });

  it('refuses a manifest signed by a key nobody announced, and an announcement made by a stranger', async () => {
    const { store, old, epochs } = await rotatedStore();
    const stranger = generateSigningKeyPair();
    const fetch = async (link: { epoch: string }) => (await store.get(manifestKey(link.epoch)))?.body ?? null;
    const tail = epochs[3]!.manifest;
    const forged = signManifest(
      {
        ...tail,
        epoch: '20261105T020000Z-forged',
        previous: { epoch: tail.epoch, manifestSha256: '0'.repeat(64) },
      },
      stranger.secretKey,
      stranger.publicKey,
    );
    await expect(
      verifyAlongKeyChain(encodeSignedManifest(forged), old.signingKeys.publicKey, fetch),
    ).rejects.toThrow(/not the pinned key .* does not match its link/);
    // A stranger's epoch linked correctly but never announced: refused.
    const linked = signManifest(
      {
        ...tail,
        epoch: '20261105T020000Z-linked',
        previous: { epoch: tail.epoch, manifestSha256: manifestSha256(tail) },
      },
      stranger.secretKey,
      stranger.publicKey,
    );
    await expect(
      verifyAlongKeyChain(encodeSignedManifest(linked), old.signingKeys.publicKey, fetch),
    ).rejects.toThrow(/signed by a key nobody announced/);
    // A stranger's manifest with no way back: refused as before.
    const lone = signManifest({ ...tail, previous: null }, stranger.secretKey, stranger.publicKey);
    await expect(
      verifyAlongKeyChain(encodeSignedManifest(lone), old.signingKeys.publicKey, fetch),
    ).rejects.toThrow(/SIGNATURE_INVALID|no announced key leads to it/);
  });
});
