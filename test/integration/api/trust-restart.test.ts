/**
 * Trust that survives a restart, with `quietlist serve` processes (issue 17): after a rotation (K1
 * announces K2, K2 signs), a latest.json naming an epoch signed again by the retired K1 is refused
 * while the server runs, after a restart on the same --state-dir, and by a server on an empty state
 * dir (through K1's retirement record); /healthz answers 503 with the reason while the last trusted
 * epoch stays served; a new client pinned to K1 refuses it too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pull } from '../../../src/client/pull/pull.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { keyRetirementKey } from '../../../src/core/epoch/key-retirement.ts';
import type { SignedManifest } from '../../../src/core/epoch/manifest.ts';
import { publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { forgeEpoch, type RotatedStore, rotateInto } from '../../helpers/rotation-fixture.ts';
import { type ServeProcess, startServe } from './helpers/serve-process.ts';

let scratch = '';
let store: FileStore;
let rotated: RotatedStore;
let handoverEpoch: SignedManifest;
let latestGood: SignedManifest;
let forged: SignedManifest;
const running: ServeProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-trust-restart-'));
  store = new FileStore(join(scratch, 'store'));
  rotated = await rotateInto(store);
  handoverEpoch = rotated.epochs[2]!;
  latestGood = rotated.epochs[3]!;
});

afterAll(async () => {
  for (const server of running) await server.stop();
  await rm(scratch, { recursive: true, force: true });
});

async function serve(stateDir: string): Promise<ServeProcess> {
  const server = await startServe([
    '--store',
    `file://${join(scratch, 'store')}`,
    // Pinned to the old key, as a server configured before the rotation (and never updated) is.
    '--public-key',
    toBase64(rotated.old.signingKeys.publicKey),
    '--state-dir',
    join(scratch, stateDir),
    '--pointer-ttl',
    '0',
  ]);
  running.push(server);
  return server;
}

async function health(server: ServeProcess) {
  const response = await fetch(`${server.url}/healthz`);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      freshness?: { state: string; refused: { code: string } | null };
    },
  };
}

describe('a signing key retired by a rotation', () => {
  it('is followed, recorded and then refused: while running, after a restart, and on an empty state dir', async () => {
    const record = await store.get(keyRetirementKey(publicKeyFingerprint(rotated.old.signingKeys.publicKey)));
    expect(JSON.parse(new TextDecoder().decode(record!.body))).toMatchObject({
      handover: { epoch: handoverEpoch.manifest.epoch },
    });

    const first = await serve('state-a');
    const before = await health(first);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      status: 'ok',
      epoch: latestGood.manifest.epoch,
      signing: {
        configured: publicKeyFingerprint(rotated.old.signingKeys.publicKey),
        current: publicKeyFingerprint(rotated.successor.publicKey),
      },
    });

    // Someone who kept K1 signs a later epoch on top of the chain, and its latest.json.
    forged = await forgeEpoch(store, {
      base: latestGood,
      epoch: `${latestGood.manifest.epoch.slice(0, 16)}-k1late`,
      signer: rotated.old.signingKeys,
    });

    const running = await health(first);
    expect(running.status).toBe(503);
    expect(running.body).toMatchObject({ status: 'refused', epoch: latestGood.manifest.epoch });
    expect(running.body.freshness).toMatchObject({ state: 'key-retired', refused: { code: 'KEY_RETIRED' } });
    await first.stop();
    const alerts = first.stdoutLines().filter((line) => line.includes('"type":"alert"'));
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!)).toMatchObject({
      code: 'KEY_RETIRED',
      offeredEpoch: forged.manifest.epoch,
      servedEpoch: latestGood.manifest.epoch,
    });
    // The alert line holds no key (fingerprints included) and no number.
    for (const key of [rotated.old.signingKeys.publicKey, rotated.successor.publicKey]) {
      expect(alerts[0]).not.toContain(publicKeyFingerprint(key));
      expect(alerts[0]).not.toContain(toBase64(key));
    }

    // Restarted on the same state dir: the saved chain still says K1 is retired.
    const restarted = await serve('state-a');
    const after = await health(restarted);
    expect(after.status).toBe(503);
    expect(after.body).toMatchObject({ status: 'refused', epoch: latestGood.manifest.epoch });
    expect(after.body.freshness).toMatchObject({ state: 'key-retired' });
    // The last trusted epoch, the status page and the immutable files stay served.
    expect((await fetch(`${restarted.url}/`)).status).toBe(200);
    const manifest = await fetch(`${restarted.url}/v1/manifest`);
    expect(manifest.headers.get('x-quietlist-epoch')).toBe(latestGood.manifest.epoch);
    for (const signed of rotated.epochs) {
      expect((await fetch(`${restarted.url}/v1/epochs/${signed.manifest.epoch}/manifest`)).status).toBe(200);
    }
    await restarted.stop();

    // Even with the record deleted (someone with write access to the bucket), the saved state refuses K1.
    const recordKey = keyRetirementKey(publicKeyFingerprint(rotated.old.signingKeys.publicKey));
    await store.delete([recordKey]);
    const withoutRecord = await serve('state-a');
    expect((await health(withoutRecord)).body.freshness).toMatchObject({ state: 'key-retired' });
    await withoutRecord.stop();
    await store.put(recordKey, record!.body);

    // A server on an empty state dir (a throwaway disk) walks forward through K1's retirement record.
    const fresh = await serve('state-empty');
    const empty = await health(fresh);
    expect(empty.status).toBe(503);
    expect(empty.body).toMatchObject({ error: { code: 'INTEGRITY_FAILURE' } });
    await fresh.stop();
  });

  it('is refused by a new client pinned to it, with no state, and followed to the key in force otherwise', async () => {
    expect(forged).toBeDefined();
    const cache = join(scratch, 'cache-new');
    const source = new StoreEpochSource(store);
    await expect(
      pull({ source, cacheDirectory: cache, publicKey: rotated.old.signingKeys.publicKey }),
    ).rejects.toMatchObject({
      code: 'KEY_RETIRED',
      message: expect.stringMatching(/retired .* the cache still holds no epoch/),
    });
    // The operator publishes again (K2): the same new client follows the record to K2 and installs it.
    const good = await forgeEpoch(store, {
      base: latestGood,
      epoch: `${latestGood.manifest.epoch.slice(0, 16)}-k2next`,
      signer: rotated.successor,
      previous: latestGood,
    });
    const result = await pull({
      source,
      cacheDirectory: cache,
      publicKey: rotated.old.signingKeys.publicKey,
    });
    expect(result).toMatchObject({
      status: 'installed',
      epoch: good.manifest.epoch,
      keyRotation: {
        from: publicKeyFingerprint(rotated.old.signingKeys.publicKey),
        to: publicKeyFingerprint(rotated.successor.publicKey),
      },
    });
  });
});
