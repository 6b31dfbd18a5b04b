/**
 * `receipt verify` ties a receipt to operator keys obtained apart from it (docs/CLIENT.md, "Verifying a
 * receipt"): the key given, or the key `pull` pinned with the keys it followed a rotation from. A
 * receipt made before a signing-key rotation verifies after it through the cache's chain; a receipt
 * whose manifest and countersignature were re-signed by another key (issue 17: "every check made
 * passed", exit 0) is refused with a key and "not verified" (exit 1) without one; countersignatures of
 * both versions, and one dated before its key was certified.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { openCachedEpoch } from '../../../src/client/cache/cached-epoch.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { operatorKeysFor } from '../../../src/client/receipt/operator-keys.ts';
import { verifyReceipt } from '../../../src/client/receipt/verify-receipt.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { manifestSha256, signManifest } from '../../../src/core/epoch/manifest.ts';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  SIGNATURE_ALGORITHM,
  type SigningKeyPair,
  sign,
} from '../../../src/core/epoch/signing.ts';
import { buildScrubReceipt } from '../../../src/core/receipt/build-receipt.ts';
import { receiptSha256, type ScrubReceipt } from '../../../src/core/receipt/receipt.ts';
import {
  signReceiptTimestamp,
  type TimestampClaim,
  timestampSignedBytes,
} from '../../../src/core/receipt/timestamp.ts';
import { certifyTimestampKey } from '../../../src/core/receipt/timestamp-key.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';

const members = Array.from({ length: 200 }, (_, i) => fictionalNumber(i * 2));
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 2));
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `quietlist-receipt-${name}-`));

/** A receipt of a one-row scrub against the cache's epoch, countersigned by a timestamp key `signing` certified. */
async function receiptFrom(cache: string, stamp: (claim: TimestampClaim) => unknown): Promise<ScrubReceipt> {
  const epoch = await openCachedEpoch(cache);
  const summary = { name: 'clean.csv', rows: 1, bytes: 20, sha256: 'c'.repeat(64) };
  const receipt = buildScrubReceipt({
    epoch: {
      signed: epoch.signed,
      manifestSha256: epoch.manifestSha256,
      publicKey: epoch.publicKey,
      source: 'test',
    },
    toolVersion: '0.1.0',
    inputName: 'calls.csv',
    settings: {
      column: 'phone',
      region: 'FR',
      mode: 'drop',
      format: 'csv',
      delimiter: ',',
      encoding: 'utf-8',
    },
    result: {
      counts: { rows: 1, listed: 0, clean: 1, invalid: 0, blank: 0 },
      invalidByReason: {},
      input: { bytes: 30, sha256: 'a'.repeat(64) },
      outputs: { clean: summary },
    },
    startedAt: day(1),
    finishedAt: day(1),
  });
  receipt.timestamp = stamp({
    receiptSha256: receiptSha256(receipt),
    epoch: epoch.manifest.epoch,
    manifestSha256: epoch.manifestSha256,
    time: new Date(day(1).getTime() + 60_000).toISOString(),
  });
  return receipt;
}

/** A v2 countersignature by a fresh timestamp key that `signing` certified at `certifiedAt`. */
function stampedBy(signing: SigningKeyPair, certifiedAt = day(1)) {
  const timestamp = generateSigningKeyPair();
  const certificate = certifyTimestampKey(timestamp.publicKey, certifiedAt, signing);
  return (claim: TimestampClaim) => signReceiptTimestamp(claim, { ...timestamp, certificate });
}

const verify = async (receipt: ScrubReceipt, cacheDirectory: string, given?: Uint8Array) =>
  verifyReceipt({
    receiptBytes: new TextEncoder().encode(JSON.stringify(receipt)),
    operatorKeys: await operatorKeysFor({ given, cacheDirectory }),
  });
const outcome = (result: Awaited<ReturnType<typeof verify>>, what: string) =>
  result.checks.find((check) => check.what === what)?.outcome;

describe('receipt verify and the operator keys', () => {
  it('verifies a receipt made before a signing-key rotation after it, through the chain the cache followed', async () => {
    const old = newOperatorKeys();
    const successor = generateSigningKeyPair();
    const store = tempFileStore();
    const source = new StoreEpochSource(store);
    await buildInto(store, old, members, { now: day(1) });
    const cache = tmp('cache');
    await pull({ source, cacheDirectory: cache, publicKey: old.signingKeys.publicKey, now: () => day(1) });
    const receipt = await receiptFrom(cache, stampedBy(old.signingKeys));
    const before = await verify(receipt, cache);
    expect(before.verdict).toBe('verified');
    expect(outcome(before, 'operator timestamp')).toBe('verified');

    // The rotation: epoch 2 (old key) announces the successor, epoch 3 is signed by it; the cache follows.
    await buildInto(store, old, members, { now: day(2), announceNextKey: successor.publicKey });
    const next = { ...old, signingKeys: successor };
    await buildInto(store, next, members, { now: day(3), formerPublicKeys: [old.signingKeys.publicKey] });
    const rotated = await pull({
      source,
      cacheDirectory: cache,
      publicKey: old.signingKeys.publicKey,
      now: () => day(3),
    });
    expect(rotated.keyRotation?.keys).toBe(2);

    for (const given of [undefined, successor.publicKey, old.signingKeys.publicKey]) {
      const after = await verify(receipt, cache, given);
      expect(after.verdict, `given ${given ? publicKeyFingerprint(given) : 'nothing'}`).toBe('verified');
      expect(after.checks.find((c) => c.what === 'operator key')?.detail).toMatch(
        given === successor.publicKey || given === undefined
          ? /followed a signed rotation from/
          : /the key you gave/,
      );
    }
    // Given only the new key, with no cache that followed the chain: refused, and told how to get there.
    const alone = await verify(receipt, tmp('empty'), successor.publicKey);
    expect(alone.verdict).toBe('failed');
    expect(alone.checks.find((c) => c.what === 'operator key')?.detail).toMatch(
      /none of the operator keys .* `pull` follows the signed chain/,
    );
  });

  it('refuses a receipt re-signed by another key with a key, and says "not verified" without one', async () => {
    const operator = newOperatorKeys();
    const store = tempFileStore();
    await buildInto(store, operator, members, { now: day(1) });
    const cache = tmp('cache');
    await pull({
      source: new StoreEpochSource(store),
      cacheDirectory: cache,
      publicKey: operator.signingKeys.publicKey,
      now: () => day(1),
    });
    const genuine = await receiptFrom(cache, stampedBy(operator.signingKeys));

    // The forger re-signs the embedded manifest (a changed list) and the countersignature with their own keys.
    const forger = generateSigningKeyPair();
    const manifest = { ...(genuine.signedManifest as { manifest: Parameters<typeof signManifest>[0] }) }
      .manifest;
    const reSigned = signManifest(
      { ...manifest, counts: { ...manifest.counts, entries: manifest.counts.entries - 1 } },
      forger.secretKey,
      forger.publicKey,
    );
    const forged: ScrubReceipt = structuredClone(genuine);
    forged.signedManifest = reSigned;
    forged.epoch = {
      ...forged.epoch,
      manifestSha256: manifestSha256(reSigned.manifest),
      signingKeyFingerprint: publicKeyFingerprint(forger.publicKey),
      signingPublicKey: toBase64(forger.publicKey),
    };
    delete forged.timestamp;
    const claim = {
      receiptSha256: receiptSha256(forged),
      epoch: forged.epoch.id,
      manifestSha256: forged.epoch.manifestSha256,
      time: new Date(day(1).getTime() + 60_000).toISOString(),
    };
    forged.timestamp = stampedBy(forger)(claim);

    const anchored = await verify(forged, cache);
    expect(anchored.verdict).toBe('failed');
    expect(outcome(anchored, 'operator key')).toBe('failed');
    expect(outcome(anchored, 'operator timestamp')).toBe('failed');
    expect(anchored.proves.join('\n')).not.toMatch(/signed by the operator|countersigned/);

    const empty = tmp('empty');
    const bare = await verify(forged, empty);
    expect(bare.verdict).toBe('unanchored');
    expect(bare.ok).toBe(false);
    expect(outcome(bare, 'operator key')).toBe('not checked');
    expect(outcome(bare, 'operator timestamp')).toBe('not checked');
    expect(bare.proves).toEqual([
      expect.stringMatching(/^only that the receipt is intact: .*nothing ties it to the operator$/),
    ]);
    expect(bare.doesNotProve[0]).toMatch(/that the operator made the list or the countersignature/);

    // The command line: exit 1 and "NOT VERIFIED" without a key, 2 with the operator's, 0 for the genuine one.
    const dir = tmp('cli');
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    writeFileSync(join(dir, 'genuine.json'), JSON.stringify(genuine));
    const noKey = await runCli(['receipt', 'verify', 'forged.json', '--cache', empty], { cwd: dir });
    expect(noKey.code).toBe(1);
    expect(noKey.stdout).toMatch(/^receipt forged.json: NOT VERIFIED: no operator key to tie it to/);
    expect(noKey.stdout).toMatch(/what it proves:\n {2}- only that the receipt is intact/);
    const withKey = await runCli(['receipt', 'verify', 'forged.json', '--cache', cache], { cwd: dir });
    expect(withKey.code).toBe(2);
    expect(withKey.stdout).toMatch(/A CHECK FAILED/);
    const good = await runCli(['receipt', 'verify', 'genuine.json', '--cache', cache], { cwd: dir });
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/VERIFIED against the operator's key/);
    expect(good.stdout).toMatch(
      /ok {3}operator timestamp: countersigned at .* by timestamp key \w+, certified on .* by signing key \w+/,
    );
  });

  it('verifies a version 1 countersignature (signed by the signing key), and refuses one dated before its key', async () => {
    const operator = newOperatorKeys();
    const store = tempFileStore();
    await buildInto(store, operator, members, { now: day(1) });
    const cache = tmp('cache');
    await pull({
      source: new StoreEpochSource(store),
      cacheDirectory: cache,
      publicKey: operator.signingKeys.publicKey,
      now: () => day(1),
    });
    const v1 = await receiptFrom(cache, (claim) => ({
      format: 'quietlist-receipt-timestamp',
      version: 1,
      claim,
      signature: {
        algorithm: SIGNATURE_ALGORITHM,
        keyFingerprint: publicKeyFingerprint(operator.signingKeys.publicKey),
        value: sign(timestampSignedBytes(claim), operator.signingKeys.secretKey),
      },
    }));
    const old = await verify(v1, cache);
    expect(old.verdict).toBe('verified');
    expect(old.checks.find((c) => c.what === 'operator timestamp')?.detail).toMatch(
      /a version 1 countersignature/,
    );

    const backdated = await receiptFrom(cache, stampedBy(operator.signingKeys, day(5)));
    const result = await verify(backdated, cache);
    expect(result.verdict).toBe('failed');
    expect(result.checks.find((c) => c.what === 'operator timestamp')?.detail).toMatch(
      /before its timestamp key was certified/,
    );
  });
});
