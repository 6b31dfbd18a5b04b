/**
 * Publishing against real stores: a local directory and the local R2 S3 endpoint (wrangler), which
 * checks signatures and answers 412 to conditional writes like R2 and S3 do.
 */
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import {
  ConcurrentPublishError,
  publishEpoch,
  readLatestPointer,
} from '../../../src/builder/publish-epoch.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { epochPrefix, LATEST_POINTER_KEY } from '../../../src/core/epoch/pointer.ts';
import { StorageError } from '../../../src/core/errors.ts';
import { checkNumbers, epochMembership } from '../../../src/core/membership.ts';
import type { ObjectStore, PutOptions } from '../../../src/storage/object-store.ts';
import { buildInto, localR2Store, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { FaultyStore } from '../../helpers/faulty-store.ts';

const members = Array.from({ length: 2000 }, (_, i) => fictionalNumber(i));

/** Records the order of writes, to prove `latest.json` comes last. */
class RecordingStore implements ObjectStore {
  readonly puts: string[] = [];
  private readonly inner: ObjectStore;
  constructor(inner: ObjectStore) {
    this.inner = inner;
  }
  get description() {
    return this.inner.description;
  }
  get(key: string) {
    return this.inner.get(key);
  }
  put(key: string, body: Uint8Array, options?: PutOptions) {
    this.puts.push(key);
    return this.inner.put(key, body, options);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  delete(keys: string[]) {
    return this.inner.delete(keys);
  }
}

const stores: [string, (name: string) => ObjectStore][] = [
  ['file store', () => tempFileStore()],
  ['local R2 (S3 API)', (name) => localR2Store(name)],
];

describe.each(stores)('publishing to %s', (_, openStore) => {
  it('publishes an epoch that reads back verified, with latest.json written last', async () => {
    const keys = newOperatorKeys();
    const store = new RecordingStore(openStore('publish'));
    const report = await buildInto(store, keys, [...members, 'garbage'], { shardMaxBytes: 2048 });
    expect(report.published).toBe(true);
    expect(report.signed.manifest.shards.length).toBeGreaterThan(1);
    expect(store.puts.at(-1)).toBe(LATEST_POINTER_KEY);
    expect(
      store.puts.filter((key) => key.startsWith(epochPrefix(report.signed.manifest.epoch))),
    ).toHaveLength(report.signed.manifest.shards.length + 1);

    const signed = await readLatestSignedManifest(store, keys.signingKeys.publicKey);
    expect(signed.manifest.epoch).toBe(report.signed.manifest.epoch);
    const results = await checkNumbers(
      epochMembership(signed.manifest),
      [...members, fictionalNumber(5000)],
      storeShardLoader(store, signed.manifest),
    );
    expect(results.slice(0, members.length).every((result) => result.status === 'listed')).toBe(true);
    expect(results.at(-1)?.status).toBe('not_listed');
  });

  it('links each epoch to the previous one and applies retention', async () => {
    const keys = newOperatorKeys();
    const store = openStore('retention');
    const epochs: string[] = [];
    for (let run = 0; run < 5; run++) {
      const report = await buildInto(store, keys, members.slice(0, 1000 + run), {
        keepEpochs: 2,
        now: new Date(Date.UTC(2026, 10, 1 + run)),
        retention: { supersededGraceMs: 0 },
      });
      if (run > 0) expect(report.signed.manifest.previous?.epoch).toBe(epochs.at(-1));
      epochs.push(report.signed.manifest.epoch);
    }
    // Past retention only the manifest is left (kept forever: receipts name it, the key chain walks it).
    const stored = await store.list('epochs/');
    const withShards = new Set(stored.filter((key) => key.endsWith('.qlbf')).map((key) => key.split('/')[1]));
    expect([...withShards].sort()).toEqual(epochs.slice(-2));
    for (const epoch of epochs.slice(0, -2)) {
      expect(stored.filter((key) => key.startsWith(`epochs/${epoch}/`))).toEqual([
        `epochs/${epoch}/manifest.json`,
      ]);
    }
  });

  it('detects a concurrent publish with the conditional write on latest.json', async () => {
    const keys = newOperatorKeys();
    const store = openStore('race');
    await buildInto(store, keys, members);
    const before = await readLatestPointer(store);
    // Another builder publishes after ours read the pointer: ours must lose, and leave no files behind.
    const winner = await buildInto(store, keys, members.slice(0, 1500));
    const loser = await buildInto(store, keys, members.slice(0, 1600), { dryRun: true });
    await expect(
      publishEpoch(store, { signed: loser.signed, shards: [] }, before, { keys: keys.signingKeys }),
    ).rejects.toBeInstanceOf(ConcurrentPublishError);
    expect((await readLatestPointer(store))?.pointer.epoch).toBe(winner.signed.manifest.epoch);
    expect(await store.list(epochPrefix(loser.signed.manifest.epoch))).toEqual([]);
  });

  it('lets exactly one of two racing builders win', async () => {
    const keys = newOperatorKeys();
    const store = openStore('race2');
    await buildInto(store, keys, members);
    const outcomes = await Promise.allSettled([
      buildInto(store, keys, members.slice(0, 1800)),
      buildInto(store, keys, members.slice(0, 1900)),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentPublishError);
    const latest = await readLatestPointer(store);
    expect(latest?.pointer.epoch).toBe(
      (won[0] as PromiseFulfilledResult<{ signed: { manifest: { epoch: string } } }>).value.signed.manifest
        .epoch,
    );
  });

  it('leaves the previous epoch served and intact when a publish fails half-way', async () => {
    const keys = newOperatorKeys();
    const inner = openStore('fault');
    const good = await buildInto(inner, keys, members, { shardMaxBytes: 2048 });
    const goodFiles = await inner.list(epochPrefix(good.signed.manifest.epoch));
    const faulty = new FaultyStore(inner, { failPutAfter: 2 });
    await expect(
      buildInto(faulty, keys, members.slice(0, 1900), { shardMaxBytes: 2048 }),
    ).rejects.toBeInstanceOf(StorageError);
    const signed = await readLatestSignedManifest(inner, keys.signingKeys.publicKey);
    expect(signed.manifest.epoch).toBe(good.signed.manifest.epoch);
    expect(await inner.list(epochPrefix(good.signed.manifest.epoch))).toEqual(goodFiles);
    expect(
      (await inner.list('epochs/')).every((key) => key.startsWith(epochPrefix(good.signed.manifest.epoch))),
    ).toBe(true);
  });
});
