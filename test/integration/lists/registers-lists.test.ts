/**
 * Lists of scoped and partitioned registers (docs/FORMAT.md §1.3, §1.4, §14.3): a live list of a
 * scoped register (es-robinson) takes additions through the real sequencer, and a scrub and a check of
 * its pulled cache list them in every scope, before and after the next build folds them in; a
 * partitioned register's list refuses live additions at build time; a scrub of several lists scopes
 * the scoped one and answers an unscoped one in every scope, and answers a partitioned one within the
 * partitions its cache holds (NOT_ENTITLED outside them, unless another list lists the number), the
 * receipt naming each list's scope and partitions.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { listCacheDirectory } from '../../../src/client/additions/list-cache.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { scrub } from '../../../src/client/scrub/scrub.ts';
import { readLatestSignedManifest } from '../../../src/client/sources/store-epoch.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { additionDigest } from '../../../src/core/additions/addition-set.ts';
import { manifestSha256 } from '../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { epochMembership, readingDigests } from '../../../src/core/membership.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import { buildInto, newOperatorKeys, rowsOf, tempFileStore } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  rowCovers,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';

const keys = newOperatorKeys();
const additionsKey = generateSigningKeyPair();
const root = tempFileStore();
const sequencer = new SqliteSequencer({
  stateDirectory: ':memory:',
  store: root,
  key: additionsKey,
  coalesceMs: 0,
});
afterAll(async () => {
  sequencer.close();
  await removeTempDirs();
});

const rows = robinsonRows(spanishNumbers(300, 21));
const filed = rows.slice(0, 200);
/** Objections posted live: numbers the export does not hold. */
const objections = rows.slice(200, 230).map((row) => row.phone);
const SCOPES = [{}, { channel: 'call', sector: 'energy' }, { channel: 'sms', sector: 'travel' }] as const;

function buildScoped(store = listStore(root, 'robinson-acme'), list = 'robinson-acme') {
  return buildInto(store, keys, [], {
    rows: recordsOf(filed),
    region: 'ES',
    register: ES_RULES,
    list,
    additionsKey: additionsKey.publicKey,
    maxShrink: 1,
  });
}

async function scrubCounts(cache: string, lists: string[], scope: { channel?: string; sector?: string }) {
  const report = await scrub({
    cacheDirectory: cache,
    lists,
    input: Readable.from([Buffer.from(`phone\n${objections.join('\n')}\n`)]),
    inputName: 'calls.csv',
    threads: 0,
    scope,
    outputs: { clean: { path: join(tempDir('quietlist-registers-lists-'), 'clean.csv') } },
  });
  return report;
}

describe('lists of scoped and partitioned registers', () => {
  it('a scoped live list lists its additions in every scope, from the chain then from the filter', async () => {
    const acme = listStore(root, 'robinson-acme');
    const first = await buildScoped();
    const current = {
      manifest: first.signed.manifest,
      manifestSha256: manifestSha256(first.signed.manifest),
    };
    const membership = epochMembership(current.manifest, {});
    await sequencer.add(
      current,
      objections.map((raw) => {
        const digests = readingDigests(membership, raw);
        if (typeof digests === 'string') throw new Error('a fictional number did not read');
        return { digests: digests.map(additionDigest), expiresAt: null };
      }),
    );
    const cache = tempDir('quietlist-registers-lists-cache-');
    const pullNow = () =>
      pull({
        source: new StoreEpochSource(acme),
        cacheDirectory: listCacheDirectory(cache, 'robinson-acme'),
        list: 'robinson-acme',
        publicKey: keys.signingKeys.publicKey,
      });
    await pullNow();
    for (const scope of SCOPES) {
      const report = await scrubCounts(cache, ['robinson-acme'], scope);
      expect(report.result.counts.listed, JSON.stringify(scope)).toBe(objections.length);
      expect(report.receipt?.scope).toEqual({ channel: null, sector: null, ...scope });
      expect(report.receipt?.lists?.[0]?.additions?.through).toBe(objections.length);
    }
    // The next build folds them in: the filter alone lists them, in every scope.
    const second = await buildScoped();
    expect(second.additions?.folded).toBe(objections.length);
    const latest = await readLatestSignedManifest(
      acme,
      keys.signingKeys.publicKey,
      Date.now(),
      'robinson-acme',
    );
    expect(latest.manifest.additions?.folded?.entries).toBe(objections.length);
    await pullNow();
    for (const scope of SCOPES) {
      const report = await scrubCounts(cache, ['robinson-acme'], scope);
      expect(report.result.counts.listed, JSON.stringify(scope)).toBe(objections.length);
    }
  });

  it('a scrub of several lists scopes the scoped one and answers an unscoped one in every scope', async () => {
    // An objection list of the Robinson numbers registered for one channel or sector only.
    const narrow = filed.filter((row) => row.channels !== '' || row.sectors !== '').slice(0, 40);
    const plain = listStore(root, 'plain');
    await buildInto(plain, keys, [], {
      rows: rowsOf(narrow.map((row) => row.phone)),
      region: 'ES',
      list: 'plain',
      maxShrink: 1,
    });
    const cache = tempDir('quietlist-registers-lists-cache-');
    for (const [list, store] of [
      ['robinson-acme', listStore(root, 'robinson-acme')],
      ['plain', plain],
    ] as const) {
      await pull({
        source: new StoreEpochSource(store),
        cacheDirectory: listCacheDirectory(cache, list),
        list,
        publicKey: keys.signingKeys.publicKey,
      });
    }
    const scope = { channel: 'email', sector: 'retail' };
    const report = await scrub({
      cacheDirectory: cache,
      lists: ['plain', 'robinson-acme'],
      input: Readable.from([Buffer.from(`phone\n${filed.map((row) => row.phone).join('\n')}\n`)]),
      inputName: 'calls.csv',
      threads: 0,
      scope,
      outputs: { clean: { path: join(tempDir('quietlist-registers-lists-'), 'clean.csv') } },
    });
    const listed = filed.filter(
      (row) => narrow.includes(row) || rowCovers(row, scope.channel, scope.sector),
    ).length;
    expect(report.result.counts.listed).toBe(listed);
    expect(report.lists.map((list) => [list.list, list.scope, list.listed])).toEqual([
      ['plain', undefined, narrow.length],
      [
        'robinson-acme',
        { channel: 'email', sector: 'retail' },
        filed.filter((row) => rowCovers(row, 'email', 'retail')).length,
      ],
    ]);
    expect(report.receipt?.scope).toBeUndefined();
    expect(report.receipt?.lists?.[1]?.scope).toEqual(scope);
    await expect(
      scrub({
        cacheDirectory: cache,
        lists: ['plain', 'robinson-acme'],
        input: Readable.from([Buffer.from('phone\n')]),
        inputName: 'calls.csv',
        threads: 0,
        scope: { channel: 'fax' },
        outputs: { clean: { path: join(tempDir('quietlist-registers-lists-'), 'clean.csv') } },
      }),
    ).rejects.toThrow(/^list robinson-acme: channel "fax" is not one of Lista Robinson \(es-robinson\)'s/);
  });

  it('a scrub of several lists answers a partitioned one within the partitions held, never clean outside them', async () => {
    const registered = nanpNumbers(['212', '646'], 10);
    const objected = nanpNumbers(['646'], 5, 50);
    const free = nanpNumbers(['212'], 5, 90);
    const us = listStore(root, 'us-sold');
    await buildInto(us, keys, registered, { region: 'US', register: US_RULES, list: 'us-sold' });
    const own = listStore(root, 'us-own');
    await buildInto(own, keys, objected, { region: 'US', list: 'us-own' });
    const cache = tempDir('quietlist-registers-lists-cache-');
    await pull({
      source: new StoreEpochSource(us),
      cacheDirectory: listCacheDirectory(cache, 'us-sold'),
      list: 'us-sold',
      publicKey: keys.signingKeys.publicKey,
      partitions: ['212'],
    });
    await pull({
      source: new StoreEpochSource(own),
      cacheDirectory: listCacheDirectory(cache, 'us-own'),
      list: 'us-own',
      publicKey: keys.signingKeys.publicKey,
    });
    const rows = [...registered, ...objected, ...free];
    for (const lists of [
      ['us-own', 'us-sold'],
      ['us-sold', 'us-own'],
    ]) {
      const report = await scrub({
        cacheDirectory: cache,
        lists,
        input: Readable.from([Buffer.from(`phone\n${rows.join('\n')}\n`)]),
        inputName: 'calls.csv',
        threads: 0,
        outputs: { clean: { path: join(tempDir('quietlist-registers-lists-'), 'clean.csv') } },
      });
      // 212's registrations and every objection listed; 646's registrations NOT_ENTITLED; the free clean.
      expect(report.result.counts, lists.join()).toMatchObject({ listed: 15, invalid: 10, clean: 5 });
      expect(report.receipt?.invalidByReason).toEqual({ NOT_ENTITLED: 10 });
      const sold = report.receipt?.lists?.find((list) => list.list === 'us-sold');
      expect(sold?.partitions).toEqual(['212']);
      expect(report.receipt?.lists?.find((list) => list.list === 'us-own')?.partitions).toBeUndefined();
      expect(report.receipt?.partitions).toEqual(lists[0] === 'us-sold' ? ['212'] : undefined);
    }
  });

  it('a partitioned register list refuses live additions, publishing nothing', async () => {
    const store = listStore(tempFileStore(), 'us-acme');
    await expect(
      buildInto(store, keys, nanpNumbers(['212', '646'], 10), {
        region: 'US',
        register: US_RULES,
        list: 'us-acme',
        additionsKey: additionsKey.publicKey,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(await store.get('latest.json')).toBeNull();
  });
});
