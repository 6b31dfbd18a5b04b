/**
 * A store written before pointers were signed (an unsigned three-member latest.json, no key retirement
 * records): readers refuse it with one line saying to rebuild or renew; `renewPointer` (and the next
 * build) sign it and write the records the rotation needs; renewing with a key that has no say over the
 * latest epoch is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renewPointer } from '../../../src/builder/renew-pointer.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { keyRetirementKey } from '../../../src/core/epoch/key-retirement.ts';
import { manifestSha256 } from '../../../src/core/epoch/manifest.ts';
import { LATEST_POINTER_KEY, parseSignedPointer } from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import type { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { ROTATION_MEMBERS, type RotatedStore, rotateInto } from '../../helpers/rotation-fixture.ts';

/** The rotated store as an older release left it: unsigned latest.json, no retirement record. */
async function olderStore(): Promise<{ store: FileStore; rotated: RotatedStore; recordKey: string }> {
  const store = tempFileStore();
  const rotated = await rotateInto(store);
  const latest = rotated.epochs.at(-1)!.manifest;
  const recordKey = keyRetirementKey(publicKeyFingerprint(rotated.old.signingKeys.publicKey));
  await store.delete([recordKey]);
  await store.put(
    LATEST_POINTER_KEY,
    new TextEncoder().encode(
      `${JSON.stringify({ epoch: latest.epoch, manifestSha256: manifestSha256(latest), publishedAt: '2026-11-04T02:00:05.000Z' })}\n`,
    ),
  );
  return { store, rotated, recordKey };
}

const cache = () => mkdtempSync(join(tmpdir(), 'quietlist-renew-cache-'));

describe('a store written before pointers were signed', () => {
  it('is refused by readers with what to do, and renewed in place: signed, records written', async () => {
    const { store, rotated, recordKey } = await olderStore();
    const pinned = rotated.old.signingKeys.publicKey;
    const source = new StoreEpochSource(store);
    await expect(pull({ source, cacheDirectory: cache(), publicKey: pinned })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(
        /latest\.json is not signed: the operator must rebuild or run `quietlist renew`/,
      ),
    });

    // A key that neither signed the latest epoch nor was announced by it cannot vouch for it.
    await expect(
      renewPointer({ store, signingKeys: generateSigningKeyPair(), formerPublicKeys: [pinned] }),
    ).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });

    const result = await renewPointer({
      store,
      signingKeys: rotated.successor,
      formerPublicKeys: [pinned],
      lifetimeDays: 1,
    });
    expect(result).toMatchObject({ upgraded: true, previousExpiresAt: null, retirementsRecorded: 1 });
    expect(result.pointer.publishedAt).toBe('2026-11-04T02:00:05.000Z');
    const signed = parseSignedPointer((await store.get(LATEST_POINTER_KEY))!.body);
    expect(signed.signature.keyFingerprint).toBe(publicKeyFingerprint(rotated.successor.publicKey));
    expect(await store.get(recordKey)).not.toBeNull();

    const installed = await pull({ source, cacheDirectory: cache(), publicKey: pinned });
    expect(installed).toMatchObject({
      epoch: rotated.epochs.at(-1)!.manifest.epoch,
      keyRotation: { to: publicKeyFingerprint(rotated.successor.publicKey) },
    });
    // A second renewal only moves the expiry on.
    expect(await renewPointer({ store, signingKeys: rotated.successor })).toMatchObject({
      upgraded: false,
      retirementsRecorded: 0,
    });
  });

  it('is upgraded by the next build too, which writes the missing retirement record', async () => {
    const { store, rotated, recordKey } = await olderStore();
    const report = await buildInto(
      store,
      { ...rotated.old, signingKeys: rotated.successor },
      ROTATION_MEMBERS,
      { formerPublicKeys: [rotated.old.signingKeys.publicKey], maxShrink: 1 },
    );
    expect(report.retirementsRecorded).toBe(1);
    expect(await store.get(recordKey)).not.toBeNull();
    expect(Date.parse(report.pointerExpiresAt!)).toBeGreaterThan(Date.now() + 3 * 86_400_000);
  });

  it('lets the retiring key be destroyed after the announcing build: the successor renews its pointer', async () => {
    const store = tempFileStore();
    const old = newOperatorKeys();
    const successor = generateSigningKeyPair();
    await buildInto(store, old, ROTATION_MEMBERS, { now: new Date(Date.now() - 86_400_000) });
    const announcing = await buildInto(store, old, ROTATION_MEMBERS, {
      announceNextKey: successor.publicKey,
      maxShrink: 1,
    });
    // The old secret key is gone: only the successor (and the old public key) remain to renew.
    const renewed = await renewPointer({
      store,
      signingKeys: successor,
      formerPublicKeys: [old.signingKeys.publicKey],
    });
    expect(renewed.signingKeyFingerprint).toBe(publicKeyFingerprint(successor.publicKey));
    const result = await pull({
      source: new StoreEpochSource(store),
      cacheDirectory: cache(),
      publicKey: old.signingKeys.publicKey,
    });
    // Accepted; the key in force stays the old one until the successor signs an epoch.
    expect(result.epoch).toBe(announcing.signed.manifest.epoch);
    expect(result.keyRotation).toBeUndefined();
  });
});
