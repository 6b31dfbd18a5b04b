/**
 * core/epoch/delta-chain.ts, the chain logic `pull` and the scrub page share, over real epochs the builder
 * publishes night after night into a store: the chain through several epochs, a gap, a manifest signed
 * by a foreign key or altered, a cache too far behind; the steps of a shard; patching that gives the
 * published shard byte for byte, and gives no file for a corrupt or missing delta or when the deltas
 * weigh more than the shard.
 */
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../../scripts/fictional-numbers.ts';
import { sha256Hex } from '../../../../src/core/encoding/bytes.ts';
import {
  deltaSteps,
  type EpochFileFetcher,
  MAX_DELTA_CHAIN,
  patchAlongChain,
  readDeltaChain,
} from '../../../../src/core/epoch/delta-chain.ts';
import {
  encodeSignedManifest,
  type Manifest,
  parseSignedManifest,
  signManifest,
} from '../../../../src/core/epoch/manifest.ts';
import { epochPrefix } from '../../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair } from '../../../../src/core/epoch/signing.ts';
import type { FileStore } from '../../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../../helpers/build-fixture.ts';

const HOUR = 3_600_000;

/**
 * `nights` epochs of 1000 numbers, 5 expiring and 5 registering each night; under one geometry unless
 * `anyGeometry` (a long run may outgrow a shard: the links, not the deltas, are what it tests).
 */
/** `perNight` numbers a night (the chain's length, not the filters' size, is what the give-up test needs). */
async function publishNights(nights: number, anyGeometry = false, perNight = 1000) {
  const keys = newOperatorKeys();
  keys.hashKey = new Uint8Array(32).fill(0x5a); // deterministic shard contents (see pull-deltas.test.ts)
  const store = tempFileStore();
  const manifests: Manifest[] = [];
  for (let night = 0; night < nights; night++) {
    const numbers = Array.from({ length: perNight }, (_, i) => fictionalNumber((night * 5 + i) * 2));
    const report = await buildInto(store, keys, numbers, {
      shardMaxBytes: 4096,
      now: new Date(Date.now() + (night - 100) * HOUR),
      maxShrink: 1,
      keepEpochs: 30,
    });
    expect(report.geometry.kept || night === 0 || anyGeometry).toBe(true);
    manifests.push(report.signed.manifest);
  }
  return { keys, store, manifests };
}

async function storedFile(store: FileStore, epoch: string, path: string): Promise<Uint8Array> {
  const object = await store.get(`${epochPrefix(epoch)}${path}`);
  if (!object) throw new Error(`no ${path} in epoch ${epoch}`);
  return new Uint8Array(object.body);
}

const fetchers = (store: FileStore) => ({
  manifest: (epoch: string) => storedFile(store, epoch, 'manifest.json'),
  file: ((epoch, path) => storedFile(store, epoch, path)) as EpochFileFetcher,
});

describe('readDeltaChain', () => {
  it('follows the signed links from the installed epoch to the latest, and refuses what breaks them', async () => {
    const { keys, store, manifests } = await publishNights(4);
    const [first, , third, latest] = manifests as [Manifest, Manifest, Manifest, Manifest];
    const key = [keys.signingKeys.publicKey];
    const fetch = fetchers(store);
    expect(await readDeltaChain(fetch.manifest, first, latest, key)).toEqual(manifests);
    expect(await readDeltaChain(fetch.manifest, third, latest, key)).toEqual([third, latest]);
    // A gap: a manifest in between is gone.
    const gap = (epoch: string) =>
      epoch === manifests[1]!.epoch ? Promise.reject(new Error('gone')) : fetch.manifest(epoch);
    expect(await readDeltaChain(gap, first, latest, key)).toBeNull();
    // Signed by a key the chain does not hold.
    expect(
      await readDeltaChain(fetch.manifest, first, latest, [generateSigningKeyPair().publicKey]),
    ).toBeNull();
    // Another manifest re-signed with the operator's own key, but not the one the link names.
    const altered = async (epoch: string) => {
      const signed = parseSignedManifest(await fetch.manifest(epoch));
      if (epoch !== third.epoch) return encodeSignedManifest(signed);
      const forged = { ...signed.manifest, createdAt: new Date(0).toISOString() };
      return encodeSignedManifest(
        signManifest(forged, keys.signingKeys.secretKey, keys.signingKeys.publicKey),
      );
    };
    expect(await readDeltaChain(altered, first, latest, key)).toBeNull();
    // A cached epoch that is not the one the links lead to (an altered cached manifest).
    expect(
      await readDeltaChain(fetch.manifest, { ...first, createdAt: latest.createdAt }, latest, key),
    ).toBeNull();
  });

  it('gives up on a cache more than MAX_DELTA_CHAIN epochs behind', async () => {
    const { keys, store, manifests } = await publishNights(MAX_DELTA_CHAIN + 2, true, 100);
    const fetch = fetchers(store);
    const key = [keys.signingKeys.publicKey];
    const latest = manifests.at(-1)!;
    expect(await readDeltaChain(fetch.manifest, manifests[0]!, latest, key)).toBeNull();
    expect(await readDeltaChain(fetch.manifest, manifests[2]!, latest, key)).toHaveLength(MAX_DELTA_CHAIN);
  });
});

describe('deltaSteps and patchAlongChain', () => {
  it('patches a shard along several epochs to the published bytes, and falls back on anything wrong', async () => {
    const { store, manifests } = await publishNights(3);
    const fetch = fetchers(store);
    const [first, , latest] = manifests as [Manifest, Manifest, Manifest];
    // A shard the last night changed (so it changed since the first too).
    const changed = latest.shards.findIndex((shard, i) => shard.sha256 !== manifests[1]!.shards[i]!.sha256);
    expect(changed).toBeGreaterThanOrEqual(0);
    const steps = deltaSteps(manifests, changed)!;
    expect(steps.length).toBeGreaterThanOrEqual(1);
    expect(steps.at(-1)!.target).toBe(latest.shards[changed]!.sha256);
    const unchanged = latest.shards.findIndex((shard, i) => shard.sha256 === first.shards[i]!.sha256);
    if (unchanged >= 0) expect(deltaSteps(manifests, unchanged)).toEqual([]);

    const installed = await storedFile(store, first.epoch, first.shards[changed]!.path);
    const patch = (options: { fetchFile?: EpochFileFetcher; chain?: Manifest[] } = {}) =>
      patchAlongChain({
        manifests: options.chain ?? manifests,
        index: changed,
        installedShard: async () => installed,
        fetchFile: options.fetchFile ?? fetch.file,
        sha256Hex,
      });
    const patched = await patch();
    const published = await storedFile(store, latest.epoch, latest.shards[changed]!.path);
    expect(Buffer.from(patched.file!).equals(Buffer.from(published))).toBe(true);
    expect(patched.downloaded).toBe(steps.reduce((sum, step) => sum + step.bytes, 0));

    // A corrupt delta (one byte flipped), a missing one: no file, the caller downloads the shard.
    const corrupt: EpochFileFetcher = async (epoch, path, size) => {
      const bytes = await fetch.file(epoch, path, size);
      bytes[bytes.length - 10]! ^= 0xff;
      return bytes;
    };
    expect((await patch({ fetchFile: corrupt })).file).toBeUndefined();
    expect((await patch({ fetchFile: () => Promise.reject(new Error('404')) })).file).toBeUndefined();
    // No delta listed for a changed shard (a gap), or deltas heavier than the shard: nothing is fetched.
    const withoutDelta = manifests.map((m, i) =>
      i === 2 ? { ...m, shards: m.shards.map((s) => ({ ...s, delta: undefined })) } : m,
    );
    const refuse: EpochFileFetcher = () => Promise.reject(new Error('must not fetch'));
    expect(deltaSteps(withoutDelta, changed)).toBeNull();
    const heavy = manifests.map((m) => ({
      ...m,
      shards: m.shards.map((s) => (s.delta ? { ...s, delta: { ...s.delta, bytes: s.bytes } } : s)),
    }));
    expect(await patch({ chain: heavy, fetchFile: refuse })).toEqual({ downloaded: 0 });
  });
});
