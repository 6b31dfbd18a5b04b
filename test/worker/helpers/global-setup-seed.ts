/**
 * Global setup of the worker tests, in Node: the real builder (runBuild → publishEpoch) publishes
 * synthetic epochs into memory; the tests put those exact objects into the worker's R2 binding.
 */

import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { runBuild } from '../../../src/builder/run-build.ts';
import { hashKeyId } from '../../../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { encodeSignedManifest, manifestSha256, signManifest } from '../../../src/core/epoch/manifest.ts';
import {
  encodeSignedPointer,
  LATEST_POINTER_KEY,
  manifestKey,
  pointerExpiry,
  signEpochPointer,
} from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { listHashKey } from '../../../src/core/lists/list-keys.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { rowsOf } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { forgeEpoch, rotateInto } from '../../helpers/rotation-fixture.ts';
import { seedEpoch, syntheticNumbers, testKeys } from '../../integration/api/helpers/seed-epoch.ts';
import { MemoryStore } from './memory-store.ts';
import type { RotationSeed, SeedEpoch, WorkerSeed } from './seed-types.ts';

/** The rotated store, then each thing added on top of it, as separate snapshots. */
async function rotationSeed(): Promise<RotationSeed> {
  const store = new MemoryStore();
  const rotated = await rotateInto(store);
  const latest = rotated.epochs.at(-1)!;
  const chain = snapshot(store, latest.manifest.epoch);
  const before = new Set([...store.objects.keys()].filter((key) => key !== 'latest.json'));
  const late = await forgeEpoch(store, {
    base: latest,
    epoch: `${latest.manifest.epoch.slice(0, 16)}-k1late`,
    signer: rotated.old.signingKeys,
  });
  const retiredLate = snapshot(store, late.manifest.epoch, before);
  const beforeStranger = new Set([...store.objects.keys()].filter((key) => key !== 'latest.json'));
  const stranger = await forgeEpoch(store, {
    base: latest,
    epoch: `${latest.manifest.epoch.slice(0, 16)}-stranger`,
    signer: generateSigningKeyPair(),
  });
  return {
    oldPublicKey: toBase64(rotated.old.signingKeys.publicKey),
    oldFingerprint: publicKeyFingerprint(rotated.old.signingKeys.publicKey),
    successorFingerprint: publicKeyFingerprint(rotated.successor.publicKey),
    chain,
    retiredLate,
    unannounced: snapshot(store, stranger.manifest.epoch, beforeStranger),
  };
}

function snapshot(store: MemoryStore, epoch: string, keys?: Set<string>): SeedEpoch {
  const objects: Record<string, string> = {};
  for (const [key, object] of store.objects) {
    if (keys?.has(key)) continue;
    objects[key] = toBase64(object.body);
  }
  return { epoch, objects };
}

export default async function setup(project: TestProject): Promise<void> {
  const keys = testKeys();
  const listedFirst = syntheticNumbers(1000, 0);
  const listedSecond = syntheticNumbers(1000, 50_000);
  const store = new MemoryStore();
  const first = await seedEpoch(store, { keys, numbers: listedFirst, now: new Date('2026-11-27T02:00:00Z') });
  const firstSeed = snapshot(store, first.signed.manifest.epoch);
  const before = new Set([...store.objects.keys()].filter((key) => key !== 'latest.json'));
  const second = await seedEpoch(store, {
    keys,
    numbers: listedSecond,
    now: new Date('2026-11-28T02:00:00Z'),
  });
  const secretStore = new MemoryStore();
  const secret = await seedEpoch(secretStore, { keys, numbers: listedFirst, mode: 'secret' });
  const residentStore = new MemoryStore();
  const resident = await seedEpoch(residentStore, {
    keys,
    numbers: listedFirst,
    mode: 'secret',
    shardMaxBytes: 4096,
    now: new Date('2026-11-26T02:00:00Z'),
  });
  const oprfPublicKey = new Uint8Array(32).fill(7);
  // An oprf-mode epoch: the same shards under a manifest that says oprf (the worker cannot check it yet).
  const oprfStore = new MemoryStore();
  const oprfManifest = {
    ...first.signed.manifest,
    epoch: `${first.signed.manifest.epoch.slice(0, 16)}-oprf`,
    mode: 'oprf' as const,
    // A 32-byte stand-in for the server's OPRF public key (no OPRF evaluation is made on this epoch).
    hash: {
      scheme: 'oprf-ristretto255-sha512' as const,
      keyId: hashKeyId(oprfPublicKey),
      publicKey: toBase64(oprfPublicKey),
    },
  };
  const oprfSigned = signManifest(oprfManifest, keys.signing.secretKey, keys.signing.publicKey);
  for (const shard of oprfManifest.shards) {
    const body = store.objects.get(`epochs/${first.signed.manifest.epoch}/${shard.path}`)!.body;
    await oprfStore.put(`epochs/${oprfManifest.epoch}/${shard.path}`, body);
  }
  await oprfStore.put(manifestKey(oprfManifest.epoch), encodeSignedManifest(oprfSigned));
  await oprfStore.put(
    LATEST_POINTER_KEY,
    encodeSignedPointer(
      signEpochPointer(
        {
          epoch: oprfManifest.epoch,
          manifestSha256: manifestSha256(oprfSigned.manifest),
          publishedAt: new Date().toISOString(),
          expiresAt: pointerExpiry(new Date()),
        },
        keys.signing,
      ),
    ),
  );
  // A live list, as `build --list do-acme --mode secret` makes it: keys derived from the list seed.
  const listSeed = new Uint8Array(randomBytes(32));
  const additions = generateSigningKeyPair();
  const liveStore = new MemoryStore();
  const live = await runBuild({
    rows: rowsOf(listedFirst.slice(0, 100)),
    list: 'do-acme',
    additionsKey: additions.publicKey,
    region: 'FR',
    mode: 'secret',
    hashKey: listHashKey(listSeed, 'do-acme'),
    signingKeys: keys.signing,
    falsePositiveRate: 1e-6,
    store: listStore(liveStore, 'do-acme'),
    dryRun: false,
    keepEpochs: 5,
    maxRejectRate: 0.5,
    maxShrink: 1,
    now: new Date(),
  });
  // A scoped register (es-robinson) and one sold by area code (us-dnc), secret mode, several shards.
  const registerBuild = (store: ObjectStore, rest: Partial<Parameters<typeof runBuild>[0]>) =>
    runBuild({
      rows: recordsOf([]),
      region: 'ES',
      mode: 'secret',
      hashKey: keys.hashKey,
      signingKeys: keys.signing,
      falsePositiveRate: 1e-6,
      shardMaxBytes: 1024,
      store,
      dryRun: false,
      keepEpochs: 5,
      maxRejectRate: 0.5,
      maxShrink: 1,
      now: new Date('2026-11-26T02:00:00Z'),
      ...rest,
    });
  const robinson = robinsonRows(spanishNumbers(160, 9));
  const scopedStore = new MemoryStore();
  const scoped = await registerBuild(scopedStore, { register: ES_RULES, rows: recordsOf(robinson) });
  const registeredNanp = nanpNumbers(['212', '646', '718'], 30);
  const partitionedStore = new MemoryStore();
  const partitioned = await registerBuild(partitionedStore, {
    region: 'US',
    register: US_RULES,
    rows: recordsOf(registeredNanp.map((phone) => ({ phone, channels: '', sectors: '' }))),
  });
  // Two lists of one deployment asked one scope (core/scopes/list-scopes.ts): a scoped register's list
  // and an unscoped objection list, secret mode, keys derived from the list seed. The objection list
  // holds the last 20 Robinson registrations (each for some scope only) and 20 numbers of its own.
  const scopedListsStore = new MemoryStore();
  const spanish = spanishNumbers(80, 13);
  const listRobinson = robinsonRows(spanish.slice(0, 60));
  const listObjections = spanish.slice(40, 80);
  await registerBuild(listStore(scopedListsStore, 'w-robinson'), {
    register: ES_RULES,
    rows: recordsOf(listRobinson),
    list: 'w-robinson',
    hashKey: listHashKey(listSeed, 'w-robinson'),
  });
  await registerBuild(listStore(scopedListsStore, 'w-objections'), {
    rows: rowsOf(listObjections),
    list: 'w-objections',
    hashKey: listHashKey(listSeed, 'w-objections'),
  });
  const seed: WorkerSeed = {
    additionsKey: toBase64(additions.secretKey),
    listSeed: toBase64(listSeed),
    live: snapshot(liveStore, live.signed.manifest.epoch),
    publicKey: toBase64(keys.signing.publicKey),
    hashKey: toBase64(keys.hashKey),
    listedFirst,
    listedSecond,
    first: firstSeed,
    second: snapshot(store, second.signed.manifest.epoch, before),
    secret: snapshot(secretStore, secret.signed.manifest.epoch),
    oprf: snapshot(oprfStore, oprfManifest.epoch),
    resident: snapshot(residentStore, resident.signed.manifest.epoch),
    scoped: snapshot(scopedStore, scoped.signed.manifest.epoch),
    robinson,
    partitioned: snapshot(partitionedStore, partitioned.signed.manifest.epoch),
    registeredNanp,
    rotation: await rotationSeed(),
    scopedLists: { epoch: '', objects: snapshot(scopedListsStore, '').objects },
    listRobinson,
    listObjections,
  };
  project.provide('workerSeed', seed);
}
