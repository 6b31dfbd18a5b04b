/**
 * Folding loses nothing (docs/FORMAT.md §14.3): a live list is built, additions are posted through the
 * real sequencer (numbered, batched, signed, written to the store), and three builds later, with
 * expiries passing in between, every unexpired addition is listed (by the filter once folded, by the
 * chain before) and every expired one is gone. Additions posted while a build runs reach the next
 * epoch through the previous chain's tail, then the sequencer's carried batch.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { AdditionSet, additionDigest } from '../../../src/core/additions/addition-set.ts';
import {
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
} from '../../../src/core/additions/additions-chain.ts';
import { manifestSha256 } from '../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import {
  checkNumbers,
  epochMembership,
  readingDigests,
  withAdditions,
} from '../../../src/core/membership.ts';
import { storeAdditionsSource } from '../../../src/storage/additions-source.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import { readLinkedManifest } from '../../../src/storage/published-chain.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { freeNumbers, registeredNumbers } from '../client/helpers/client-fixture.ts';

const DAY = 86_400_000;
const keys = newOperatorKeys();
const additionsKey = generateSigningKeyPair();
const root = tempFileStore();
const acme = listStore(root, 'acme');
const t0 = Date.now();
let clock = t0;
const sequencer = new SqliteSequencer({
  stateDirectory: ':memory:',
  store: root,
  key: additionsKey,
  coalesceMs: 0,
  now: () => clock,
});
afterAll(() => sequencer.close());

const exported = registeredNumbers(200);
/** Fictional numbers posted live: 1-day refusals, 3-day refusals, permanent objections. */
const oneDay = freeNumbers(10, 0);
const threeDays = freeNumbers(10, 100);
const forever = freeNumbers(10, 200);
const duringBuild = freeNumbers(5, 300);

async function latest() {
  const signed = await readLatestSignedManifest(acme, keys.signingKeys.publicKey, Date.now(), 'acme');
  return { manifest: signed.manifest, manifestSha256: manifestSha256(signed.manifest) };
}

function build(at: number) {
  return buildInto(acme, keys, exported, {
    list: 'acme',
    additionsKey: additionsKey.publicKey,
    now: new Date(at),
    maxShrink: 1,
    shardMaxBytes: 4096,
  });
}

async function post(numbers: string[], ttlMs: number | null) {
  const current = await latest();
  const membership = epochMembership(current.manifest, {});
  const entries = numbers.map((raw) => {
    const keyed = readingDigests(membership, raw);
    if (typeof keyed === 'string') throw new Error('test numbers are valid');
    return { digests: keyed.map(additionDigest), expiresAt: ttlMs === null ? null : clock + ttlMs };
  });
  return sequencer.add(current, entries);
}

/** What a reader answers now: the latest epoch's filter, plus its additions chain. */
async function listed(numbers: string[]): Promise<boolean[]> {
  const current = await latest();
  const chain = await advanceAdditionsChain(null, {
    source: storeAdditionsSource(acme),
    current,
    previous: async () => {
      const link = current.manifest.previous!;
      const signed = await readLinkedManifest(acme, link);
      return signed ? { manifest: signed.manifest, manifestSha256: link.manifestSha256 } : null;
    },
  });
  const membership = withAdditions(
    epochMembership(current.manifest, {}),
    AdditionSet.of(chainEntries(chain!), clock),
  );
  const results = await checkNumbers(membership, numbers, storeShardLoader(acme, current.manifest));
  return results.map((result) => result.status === 'listed');
}

const all = (values: boolean[]) => values.every(Boolean);
const none = (values: boolean[]) => values.every((value) => !value);

describe('folding a live list', () => {
  it('keeps every unexpired addition listed and drops every expired one, across three builds', async () => {
    await build(t0);
    expect((await latest()).manifest).toMatchObject({ list: 'acme', additions: { sequence: 0 } });
    expect(none(await listed([...oneDay, ...threeDays, ...forever]))).toBe(true);

    const posted = await post(oneDay, DAY);
    expect(posted.sequences).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await post(threeDays, 3 * DAY);
    await post(forever, null);
    expect(all(await listed([...oneDay, ...threeDays, ...forever]))).toBe(true);
    expect(all(await listed(exported))).toBe(true);

    // Build 1, a day and a half later: the 1-day refusals expired, the rest is folded into the filter.
    clock = t0 + 1.5 * DAY;
    expect(none(await listed(oneDay))).toBe(true);
    const first = await build(clock);
    expect(first.additions).toEqual({ sequence: 30, folded: 20, expired: 10 });
    // Posted while the build ran: on the previous chain, after the fold; readers take that tail.
    await post(duringBuild, null);
    expect(all(await listed([...threeDays, ...forever, ...duringBuild]))).toBe(true);
    expect(none(await listed(oneDay))).toBe(true);
    // The sequencer moves to the new epoch and carries the tail onto its chain.
    await sequencer.sync(await latest());
    const current = await latest();
    const chain = await advanceAdditionsChain(null, { source: storeAdditionsSource(acme), current });
    expect(chain!.tail).toBeNull();
    expect(chainStatus(chain!)).toMatchObject({ through: 35, entries: 5 });
    expect(all(await listed(duringBuild))).toBe(true);

    // Build 2 (day 2.5): nothing new expired; the carried entries are folded too.
    clock = t0 + 2.5 * DAY;
    const second = await build(clock);
    expect(second.additions).toEqual({ sequence: 35, folded: 25, expired: 0 });
    expect(all(await listed([...threeDays, ...forever, ...duringBuild, ...exported]))).toBe(true);

    // Build 3 (day 4): the 3-day refusals are gone from the filter; nothing else is.
    clock = t0 + 4 * DAY;
    const third = await build(clock);
    expect(third.additions).toEqual({ sequence: 35, folded: 15, expired: 10 });
    expect(none(await listed([...oneDay, ...threeDays]))).toBe(true);
    expect(all(await listed([...forever, ...duringBuild, ...exported]))).toBe(true);
    expect(none(await listed(freeNumbers(20, 400)))).toBe(true);

    // And the numbers go on from where they were: a new addition is #36, on the newest chain.
    const next = await post(freeNumbers(1, 500), null);
    expect(next).toMatchObject({ sequences: [36], epoch: third.signed.manifest.epoch, through: 36 });
  });
});
