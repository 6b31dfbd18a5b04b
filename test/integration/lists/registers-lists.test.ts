/**
 * Lists of scoped and partitioned registers (docs/FORMAT.md §1.3, §1.4, §14.3): a live list of a
 * scoped register (es-robinson) takes additions through the real sequencer, and a scrub and a check of
 * its pulled cache list them in every scope, before and after the next build folds them in; a
 * partitioned register's list refuses live additions at build time; a scrub of several lists refuses
 * a scoped one (its receipt names one scope, the first list's).
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

  it('a scrub of several lists refuses a scoped one, naming it', async () => {
    const plain = listStore(root, 'plain');
    await buildInto(plain, keys, [], { rows: rowsOf([]), list: 'plain', allowEmpty: true, maxShrink: 1 });
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
    await expect(scrubCounts(cache, ['plain', 'robinson-acme'], {})).rejects.toThrow(
      /list robinson-acme is of a register with channels or sectors \(es-robinson\): scrub it on its own/,
    );
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
