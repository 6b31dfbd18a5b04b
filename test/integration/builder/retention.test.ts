/**
 * Retention counts published epochs only (the chain of `previous` links from latest.json), keeps a
 * superseded epoch for the grace period, and removes crashed builds' epochs and debris only once
 * older than any build.
 */
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { readLatestPointer } from '../../../src/builder/publish-epoch.ts';
import { applyRetention } from '../../../src/builder/retention.ts';
import { encodeSignedManifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../../src/core/epoch/pointer.ts';
import type { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';

const members = Array.from({ length: 300 }, (_, i) => fictionalNumber(i));
const HOUR = 3600_000;

async function storedEpochs(store: FileStore): Promise<string[]> {
  return [...new Set((await store.list('epochs/')).map((key) => key.split('/')[1]!))].sort();
}

/** A build that wrote its epoch and crashed before moving latest.json. */
async function crashedBuild(store: FileStore, keys: ReturnType<typeof newOperatorKeys>, at: Date) {
  const report = await buildInto(store, keys, members.slice(0, 290), { dryRun: true, now: at });
  const { epoch } = report.signed.manifest;
  await store.put(manifestKey(epoch), encodeSignedManifest(report.signed));
  await store.put(`${epochPrefix(epoch)}shard-00000.qlbf`, new Uint8Array(100));
  return epoch;
}

describe('retention', () => {
  it('counts published epochs only: a crashed build neither takes a place nor survives past 48 h', async () => {
    const keys = newOperatorKeys();
    const store = tempFileStore();
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 2));
    const a = (
      await buildInto(store, keys, members, { now: day(1), keepEpochs: 10, retention: { now: () => day(1) } })
    ).signed.manifest.epoch;
    const crashedOld = await crashedBuild(store, keys, day(2));
    const b = (
      await buildInto(store, keys, members, { now: day(3), keepEpochs: 10, retention: { now: () => day(3) } })
    ).signed.manifest.epoch;
    const crashedYoung = await crashedBuild(store, keys, day(4));
    const latest = (await readLatestPointer(store))!.pointer;
    // Debris of a crashed FileStore write: one old, one fresh.
    const oldTemp = join(store.root, 'epochs', `${b}`, 'shard-00000.qlbf.ql-tmp-0123abcd');
    const youngLock = join(store.root, 'epochs', `${b}`, 'shard-00000.qlbf.ql-lock');
    await writeFile(oldTemp, 'partial');
    await writeFile(youngLock, '');
    await utimes(oldTemp, day(1), day(1));
    const now = new Date(day(4).getTime() + 3 * HOUR);
    await utimes(youngLock, now, now);

    const result = await applyRetention(store, latest, {
      keep: 2,
      publicKey: keys.signingKeys.publicKey,
      supersededGraceMs: 0,
      now: () => now,
    });
    expect(result.kept).toEqual([b, a]);
    expect(result.deleted).toEqual([]);
    expect(result.unpublishedDeleted).toEqual([crashedOld]);
    expect(result.debrisDeleted).toBe(1);
    expect(await storedEpochs(store)).toEqual([a, b, crashedYoung].sort());
    const left = await readdir(join(store.root, 'epochs', b));
    expect(left).toContain('shard-00000.qlbf.ql-lock');
    expect(left.some((name) => name.includes('.ql-tmp-'))).toBe(false);
  });

  it('keeps a superseded epoch for the grace period after it was superseded, then deletes it', async () => {
    const keys = newOperatorKeys();
    const store = tempFileStore();
    let clock = Date.UTC(2026, 10, 5, 2);
    const retention = { supersededGraceMs: 10 * 60_000, now: () => new Date(clock) };
    const first = await buildInto(store, keys, members, { keepEpochs: 1, retention, now: new Date(clock) });
    clock += HOUR;
    const second = await buildInto(store, keys, members, { keepEpochs: 1, retention, now: new Date(clock) });
    // Just superseded: servers may hold the old pointer for their TTL, so it stays.
    expect(second.retention).toMatchObject({ kept: [second.signed.manifest.epoch], deleted: [] });
    expect(second.retention?.deferred).toEqual([first.signed.manifest.epoch]);
    const latest = (await readLatestPointer(store))!.pointer;
    clock += 9 * 60_000;
    const early = await applyRetention(store, latest, {
      keep: 1,
      publicKey: keys.signingKeys.publicKey,
      ...retention,
    });
    expect(early.deleted).toEqual([]);
    clock += 2 * 60_000;
    const late = await applyRetention(store, latest, {
      keep: 1,
      publicKey: keys.signingKeys.publicKey,
      ...retention,
    });
    expect(late.deleted).toEqual([first.signed.manifest.epoch]);
    // The shards are gone, the manifest stays forever (receipts name it; the key chain walks it).
    const firstEpoch = first.signed.manifest.epoch;
    expect(await store.list(epochPrefix(firstEpoch))).toEqual([manifestKey(firstEpoch)]);
    expect(await storedEpochs(store)).toEqual([firstEpoch, second.signed.manifest.epoch].sort());
    clock += 30 * 24 * HOUR;
    const later = await applyRetention(store, latest, {
      keep: 1,
      publicKey: keys.signingKeys.publicKey,
      ...retention,
    });
    expect(later.deleted).toEqual([]);
    expect(await store.list(epochPrefix(firstEpoch))).toEqual([manifestKey(firstEpoch)]);
  });
});
