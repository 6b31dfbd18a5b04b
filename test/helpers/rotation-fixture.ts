/**
 * A store whose signing key rotated, through the real builder: E1 (K1), E2 (K1, announces K2), E3 (the
 * handover, K2: the builder writes K1's retirement record), E4 (K2). And what an attacker holding the
 * retired K1 (or an unannounced key) could publish: a hand-signed epoch with its signed latest.json.
 */
import { randomBytes } from 'node:crypto';
import { fictionalNumber } from '../../scripts/fictional-numbers.ts';
import { type BuildJob, runBuild } from '../../src/builder/run-build.ts';
import {
  encodeSignedManifest,
  type Manifest,
  manifestSha256,
  type SignedManifest,
  signManifest,
} from '../../src/core/epoch/manifest.ts';
import {
  encodeSignedPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  pointerExpiry,
  signEpochPointer,
} from '../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/epoch/signing.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';

/** The builder's keys (build-fixture.ts has the same; this file is also loaded by the worker tests' global setup). */
export interface OperatorKeys {
  signingKeys: SigningKeyPair;
  hashKey: Uint8Array;
}

export const ROTATION_MEMBERS = Array.from({ length: 300 }, (_, i) => fictionalNumber(i * 2));
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 2));

export interface RotatedStore {
  /** K1's operator keys (and the hash key every epoch uses). */
  old: OperatorKeys;
  successor: SigningKeyPair;
  /** E1…E4, oldest first. */
  epochs: SignedManifest[];
}

function build(store: ObjectStore, keys: OperatorKeys, overrides: Partial<BuildJob>) {
  return runBuild({
    rows: (async function* () {
      yield ROTATION_MEMBERS.map((phone, i) => ({ line: i + 1, phone }));
    })(),
    region: 'FR',
    mode: 'open',
    hashKey: keys.hashKey,
    signingKeys: keys.signingKeys,
    falsePositiveRate: 1e-6,
    store,
    dryRun: false,
    keepEpochs: 3,
    maxRejectRate: 0.5,
    maxShrink: 1,
    now: new Date(),
    ...overrides,
  });
}

export async function rotateInto(store: ObjectStore): Promise<RotatedStore> {
  const old = { signingKeys: generateSigningKeyPair(), hashKey: new Uint8Array(randomBytes(32)) };
  const successor = generateSigningKeyPair();
  const next = { ...old, signingKeys: successor };
  const options = (d: number) => ({ now: day(d), retention: { now: () => day(d) } });
  const former = { formerPublicKeys: [old.signingKeys.publicKey] };
  const e1 = await build(store, old, options(1));
  const e2 = await build(store, old, { ...options(2), announceNextKey: successor.publicKey });
  const e3 = await build(store, next, { ...options(3), ...former });
  const e4 = await build(store, next, { ...options(4), ...former });
  return { old, successor, epochs: [e1, e2, e3, e4].map((report) => report.signed) };
}

/**
 * Publishes by hand what the holder of `signer` could: `base`'s shards under a new epoch id, linked
 * to `previous` (default `base`), created now, signed by `signer`, with latest.json signed by it too.
 */
export async function forgeEpoch(
  store: ObjectStore,
  options: { base: SignedManifest; epoch: string; signer: SigningKeyPair; previous?: SignedManifest | null },
): Promise<SignedManifest> {
  const { base, epoch, signer } = options;
  const previous = options.previous === undefined ? base : options.previous;
  const manifest: Manifest = {
    ...structuredClone(base.manifest),
    epoch,
    createdAt: new Date().toISOString(),
    previous: previous
      ? { epoch: previous.manifest.epoch, manifestSha256: manifestSha256(previous.manifest) }
      : null,
  };
  delete manifest.signing;
  for (const shard of manifest.shards) delete shard.delta;
  for (const entry of base.manifest.shards) {
    const shard = await store.get(`${epochPrefix(base.manifest.epoch)}${entry.path}`);
    await store.put(`${epochPrefix(epoch)}${entry.path}`, shard!.body);
  }
  const signed = signManifest(manifest, signer.secretKey, signer.publicKey);
  await store.put(manifestKey(epoch), encodeSignedManifest(signed));
  await pointLatestAt(store, signed, signer);
  return signed;
}

/** latest.json at `signed`, signed by `signer`, expiring at `expiresAt` (default: in four days). */
export async function pointLatestAt(
  store: ObjectStore,
  signed: SignedManifest,
  signer: SigningKeyPair,
  expiresAt?: string,
): Promise<void> {
  const now = new Date();
  const pointer = {
    epoch: signed.manifest.epoch,
    manifestSha256: manifestSha256(signed.manifest),
    publishedAt: now.toISOString(),
    expiresAt: expiresAt ?? pointerExpiry(now),
  };
  await store.put(LATEST_POINTER_KEY, encodeSignedPointer(signEpochPointer(pointer, signer)));
}
