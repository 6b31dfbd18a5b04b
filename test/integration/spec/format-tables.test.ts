/**
 * docs/FORMAT.md is the contract: every JSON object the code writes (manifests of the three modes, with
 * deltas and a signing-key rotation announced and followed, latest.json, key retirement records, scrub
 * receipts of a CSV (spreadsheet-safe) and of a spreadsheet, a receipt countersigned by the worker, the
 * worker's timestamp answer, the timestamp key's certificate) is compared,
 * recursively, with the field tables of FORMAT.md, and every filter and delta file with its byte table.
 * A member written but not in its table, a required one not written, a header field decoding to
 * something else than the code reads, or a table row no object exercises fails, naming the field and
 * the section. The last tests show the check catches each kind of drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import type { InputRecord } from '../../../src/builder/input/record.ts';
import { runBuild } from '../../../src/builder/run-build.ts';
import { listCacheDirectory } from '../../../src/client/additions/list-cache.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { scrub } from '../../../src/client/scrub/scrub.ts';
import { HttpEpochSource } from '../../../src/client/sources/http-source.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { manifestSha256 } from '../../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { parseShardDelta } from '../../../src/core/filter/shard-delta.ts';
import { builtinProfile } from '../../../src/core/registers/builtin-profiles.ts';
import { registerRulesOf } from '../../../src/core/registers/profile.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { newOperatorKeys, rowsOf } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { timestampSettings } from '../../helpers/timestamp-key.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';
import { readFormatTables } from './helpers/format-tables.ts';
import { DriftCheck } from './helpers/object-drift.ts';

const tables = readFormatTables();
const decoder = new TextDecoder();
const json = (bytes: Uint8Array) => JSON.parse(decoder.decode(bytes)) as unknown;

/** What the code wrote, with where it came from. */
interface Written {
  json: { table: string; value: unknown; label: string }[];
  filters: { bytes: Uint8Array; label: string }[];
  deltas: { bytes: Uint8Array; label: string }[];
}
const written: Written = { json: [], filters: [], deltas: [] };
let worker: RealWorker | undefined;

afterAll(async () => {
  await worker?.close();
  await removeTempDirs();
});

/** Rows with registration dates, one of them expired, so `validity` and `counts.expired` are written. */
async function* datedRows(numbers: string[]): AsyncGenerator<InputRecord[]> {
  yield [
    ...numbers.map((phone, i) => ({ line: i + 1, phone, registeredOn: '2026-01-15' })),
    { line: numbers.length + 1, phone: freeNumbers(1, 5000)[0]!, registeredOn: '2019-01-15' },
    { line: numbers.length + 2, phone: 'not a number', registeredOn: '2026-01-15' },
  ];
}

/**
 * Every object and file of a store: latest.json, each manifest.json, each shard and delta, and a live
 * list's additions batches and folded additions.
 */
async function collectStore(store: ObjectStore, label: string): Promise<void> {
  written.json.push({
    table: 'latest.json',
    value: json((await store.get('latest.json'))!.body),
    label: `${label} latest.json`,
  });
  for (const key of await store.list('key-retirements/')) {
    written.json.push({
      table: 'key retirement',
      value: json((await store.get(key))!.body),
      label: `${label} ${key}`,
    });
  }
  for (const key of await store.list('epochs/')) {
    const bytes = (await store.get(key))!.body;
    if (key.endsWith('/manifest.json'))
      written.json.push({ table: 'manifest.json', value: json(bytes), label: `${label} ${key}` });
    else if (key.endsWith('.qlbf')) written.filters.push({ bytes, label: `${label} ${key}` });
    else if (key.endsWith('.qldelta')) written.deltas.push({ bytes, label: `${label} ${key}` });
    else if (key.includes('/additions/'))
      written.json.push({ table: 'additions batch', value: json(bytes), label: `${label} ${key}` });
    else if (key.endsWith('/additions-folded.json'))
      written.json.push({ table: 'additions-folded.json', value: json(bytes), label: `${label} ${key}` });
  }
}

const HOUR = 3_600_000;
const start = Date.now() - 24 * HOUR;

beforeAll(async () => {
  const dir = tempDir('quietlist-format-tables-');
  const base = {
    region: 'FR' as const,
    falsePositiveRate: 1e-6,
    dryRun: false,
    keepEpochs: 10,
    maxRejectRate: 0.5,
    maxShrink: 1,
    shardMaxBytes: 4096,
    validity: { years: 3, referenceDate: '2026-11-01' },
  };
  // Open mode, four nights: a new geometry, deltas, a rotation announced, then signed by the successor.
  const open = newOperatorKeys();
  open.hashKey = new Uint8Array(32).fill(0x5a); // a fixed key: the churn below keeps the geometry
  const successor = generateSigningKeyPair();
  const openStore = new FileStore(join(dir, 'open'));
  const night = (n: number, extra: object = {}) =>
    runBuild({
      ...base,
      rows: datedRows(registeredNumbers(3000, n * 10)),
      mode: 'open',
      hashKey: open.hashKey,
      signingKeys: open.signingKeys,
      store: openStore,
      now: new Date(start + n * HOUR),
      ...extra,
    });
  await night(0);
  await night(1);
  await night(2, { announceNextKey: successor.publicKey });
  const last = await night(3, { signingKeys: successor, formerPublicKeys: [open.signingKeys.publicKey] });
  expect(last.signed.manifest.shards.some((shard) => shard.delta)).toBe(true);
  await collectStore(openStore, 'open');

  const secret = newOperatorKeys();
  const secretStore = new FileStore(join(dir, 'secret'));
  await runBuild({
    ...base,
    rows: datedRows(registeredNumbers(300)),
    mode: 'secret',
    hashKey: secret.hashKey,
    signingKeys: secret.signingKeys,
    // A register whose registrations expire, and (oprf below) one whose never do (FORMAT.md 6.4).
    register: registerRulesOf(builtinProfile('fr-bloctel')!),
    store: secretStore,
    now: new Date(start),
  });
  await collectStore(secretStore, 'secret');

  const backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const oprfBuildOf = (root: string, state: string) => ({
    backend,
    secretKey: oprfKey.secretKey,
    stateDirectory: join(root, state),
    fullRebuild: false,
  });
  const oprf = newOperatorKeys();
  const oprfStore = new FileStore(join(dir, 'oprf'));
  const oprfBuild = {
    backend,
    secretKey: oprfKey.secretKey,
    stateDirectory: join(dir, 'oprf-state'),
    fullRebuild: false,
  };
  await runBuild({
    ...base,
    rows: datedRows(registeredNumbers(300)),
    mode: 'oprf',
    oprf: oprfBuild,
    signingKeys: oprf.signingKeys,
    register: registerRulesOf(builtinProfile('be-dncm')!),
    store: oprfStore,
    now: new Date(start),
  });
  await collectStore(oprfStore, 'oprf');

  // A live list (section 14): built, two additions published by the real sequencer (one expiring),
  // built again (folded in), and one more addition on the new epoch's chain.
  const liveRoot = new FileStore(join(dir, 'live'));
  const acme = listStore(liveRoot, 'acme');
  const live = newOperatorKeys();
  const additionsKey = generateSigningKeyPair();
  const sequencer = new SqliteSequencer({
    stateDirectory: ':memory:',
    store: liveRoot,
    key: additionsKey,
    coalesceMs: 0,
  });
  const liveBuild = async (n: number) => {
    const report = await runBuild({
      ...base,
      rows: datedRows(registeredNumbers(200)),
      mode: 'open',
      hashKey: live.hashKey,
      signingKeys: live.signingKeys,
      list: 'acme',
      additionsKey: additionsKey.publicKey,
      store: acme,
      now: new Date(start + n * HOUR),
    });
    const { manifest } = report.signed;
    return { manifest, manifestSha256: manifestSha256(manifest) };
  };
  try {
    const first = await liveBuild(0);
    await sequencer.add(first, [
      { digests: ['ab'.repeat(12)], expiresAt: Date.now() + 60 * 24 * HOUR },
      { digests: ['cd'.repeat(12), 'ef'.repeat(12)], expiresAt: null },
    ]);
    const second = await liveBuild(1);
    expect(second.manifest.additions?.folded?.entries).toBe(2);
    await sequencer.add(second, [{ digests: ['12'.repeat(12)], expiresAt: null }]);
  } finally {
    sequencer.close();
  }
  await collectStore(acme, 'live');
  // A receipt of a scrub against the live list: `lists` names its epoch and the additions answered with.
  const liveCache = join(dir, 'live-cache');
  await pull({
    source: new StoreEpochSource(acme),
    cacheDirectory: listCacheDirectory(liveCache, 'acme'),
    list: 'acme',
    publicKey: live.signingKeys.publicKey,
  });
  const liveReport = await scrub({
    cacheDirectory: liveCache,
    lists: ['acme'],
    input: Readable.from([Buffer.from(`phone\n${registeredNumbers(3).join('\n')}\n`)]),
    inputName: 'live-calls.csv',
    threads: 0,
    outputs: { clean: { path: join(dir, 'live-clean') } },
  });
  expect(liveReport.receipt!.lists?.[0]?.additions?.batchSha256).toMatch(/^[0-9a-f]{64}$/);
  written.json.push({ table: 'receipt', value: liveReport.receipt!, label: 'receipt of a live list' });

  // A scoped register (es-robinson: channels and sectors, FORMAT.md 1.3), open mode; a partitioned one
  // (us-dnc: area codes, 1.4), oprf mode, two nights so its partitions keep their geometry and carry deltas.
  const es = newOperatorKeys();
  const esStore = new FileStore(join(dir, 'es'));
  const esRows = robinsonRows(spanishNumbers(40));
  await runBuild({
    ...base,
    region: 'ES',
    validity: undefined,
    rows: recordsOf(esRows),
    mode: 'open',
    hashKey: es.hashKey,
    signingKeys: es.signingKeys,
    register: ES_RULES,
    store: esStore,
    now: new Date(start),
  });
  await collectStore(esStore, 'es');
  const us = newOperatorKeys();
  const usStore = new FileStore(join(dir, 'us'));
  const usNight = (n: number) =>
    runBuild({
      ...base,
      region: 'US',
      validity: undefined,
      rows: rowsOf(nanpNumbers(['212', '646', '718'], 30, n * 2)),
      mode: 'oprf',
      oprf: { ...oprfBuildOf(dir, 'us-state') },
      signingKeys: us.signingKeys,
      register: US_RULES,
      store: usStore,
      now: new Date(start + n * HOUR),
    });
  await usNight(0);
  const usLast = await usNight(1);
  expect(usLast.signed.manifest.shards.some((shard) => shard.partition && shard.delta)).toBe(true);
  await collectStore(usStore, 'us');

  // Receipts: a CSV and a spreadsheet scrubbed locally against the open store (after the rotation).
  const openCache = join(dir, 'open-cache');
  await pull({
    source: new StoreEpochSource(openStore),
    cacheDirectory: openCache,
    publicKey: open.signingKeys.publicKey,
  });
  const calls = [
    ...registeredNumbers(5, 40),
    ...freeNumbers(5),
    'not a number',
    '06 39 98 00 12 / 01 99 00 00 01',
  ];
  const outputs = (name: string) => ({
    clean: { path: join(dir, `${name}-clean`) },
    listed: { path: join(dir, `${name}-listed`) },
    rejects: { path: join(dir, `${name}-rejects`) },
  });
  const csv = Buffer.from(`id;phone\n${calls.map((phone, i) => `${i};${phone}`).join('\n')}\n`);
  const csvReport = await scrub({
    cacheDirectory: openCache,
    input: Readable.from([csv]),
    inputName: 'calls.csv',
    threads: 0,
    excelSafe: true,
    outputs: outputs('csv'),
  });
  expect(csvReport.receipt!.settings.excelSafe).toBe(true);
  written.json.push({
    table: 'receipt',
    value: csvReport.receipt,
    label: 'receipt of a spreadsheet-safe CSV scrub',
  });
  // Two phone columns: the receipt names both (settings.columns).
  const twoColumns = Buffer.from(
    `id;fixe;portable\n${calls.map((phone, i) => `${i};${phone};${freeNumbers(1, 20 + i)[0]}`).join('\n')}\n`,
  );
  const twoColumnsReport = await scrub({
    cacheDirectory: openCache,
    input: Readable.from([twoColumns]),
    inputName: 'calls-two-columns.csv',
    threads: 0,
    outputs: outputs('csv-two-columns'),
  });
  expect(twoColumnsReport.receipt!.settings.columns).toEqual(['fixe', 'portable']);
  written.json.push({
    table: 'receipt',
    value: twoColumnsReport.receipt,
    label: 'receipt of a CSV scrub of two phone columns',
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([['phone'], ...calls.map((phone) => [phone])]),
    'Appels',
  );
  const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  const sheetReport = await scrub({
    cacheDirectory: openCache,
    input: Readable.from([xlsx]),
    inputName: 'calls.xlsx',
    threads: 0,
    mode: 'flag',
    outputs: { clean: { path: join(dir, 'sheet-clean.xlsx') } },
  });
  written.json.push({
    table: 'receipt',
    value: sheetReport.receipt,
    label: 'receipt of a spreadsheet scrub',
  });

  // The oprf store through the real worker: a receipt it countersigns with the timestamp key, its
  // timestamp answer, and the certificate keygen writes as timestamp.cert.
  const timestamps = timestampSettings(oprf.signingKeys);
  written.json.push({
    table: 'timestamp key certificate',
    value: JSON.parse(timestamps.QUIETLIST_TIMESTAMP_CERT),
    label: 'timestamp.cert',
  });
  worker = await startRealWorker(oprfStore, toBase64(oprf.signingKeys.publicKey), {
    QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
    ...timestamps,
  });
  const apiKey = await addSubscriber(oprfStore);
  const oprfCache = join(dir, 'oprf-cache');
  await pull({
    source: new HttpEpochSource(worker.url),
    cacheDirectory: oprfCache,
    publicKey: oprf.signingKeys.publicKey,
  });
  const oprfReport = await scrub({
    cacheDirectory: oprfCache,
    input: Readable.from([csv]),
    inputName: 'calls.csv',
    threads: 0,
    outputs: outputs('oprf'),
    oprf: { url: worker.url, apiKey, backend },
  });
  expect(oprfReport.receipt!.timestamp).toBeDefined();
  written.json.push({
    table: 'receipt',
    value: oprfReport.receipt,
    label: 'receipt of an oprf scrub, countersigned',
  });
  const answer = await fetch(`${worker.url}/v1/receipts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ receiptSha256: 'ab'.repeat(32) }),
  });
  expect(answer.status).toBe(200);
  written.json.push({
    table: 'receipt timestamp',
    value: await answer.json(),
    label: 'POST /v1/receipts answer',
  });
  // A scoped scrub (local, open mode), and a partitioned one through the worker with a key limited to
  // two of the three area codes (oprf: POPRF per partition).
  const esCache = join(dir, 'es-cache');
  await pull({
    source: new StoreEpochSource(esStore),
    cacheDirectory: esCache,
    publicKey: es.signingKeys.publicKey,
  });
  const esCsv = Buffer.from(`phone\n${esRows.map((row) => row.phone).join('\n')}\n`);
  const esReport = await scrub({
    cacheDirectory: esCache,
    input: Readable.from([esCsv]),
    inputName: 'llamadas.csv',
    threads: 0,
    scope: { channel: 'call', sector: 'energy' },
    outputs: outputs('es'),
  });
  written.json.push({ table: 'receipt', value: esReport.receipt, label: 'receipt of a scoped scrub' });
  // The live list and the scoped register in one scrub: `lists[]` names the scope the register's answered for.
  const pullAcme = (cache: string) =>
    pull({
      source: new StoreEpochSource(acme),
      cacheDirectory: listCacheDirectory(cache, 'acme'),
      list: 'acme',
      publicKey: live.signingKeys.publicKey,
    });
  await pullAcme(esCache);
  const esListsReport = await scrub({
    cacheDirectory: esCache,
    lists: ['acme', 'default'],
    input: Readable.from([esCsv]),
    inputName: 'llamadas.csv',
    threads: 0,
    scope: { channel: 'call', sector: 'energy' },
    outputs: outputs('es-lists'),
  });
  expect(esListsReport.receipt?.lists?.[1]?.scope).toEqual({ channel: 'call', sector: 'energy' });
  written.json.push({
    table: 'receipt',
    value: esListsReport.receipt,
    label: 'receipt of a scrub of a live list and a scoped register',
  });
  const usWorker = await startRealWorker(usStore, toBase64(us.signingKeys.publicKey), {
    QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
  });
  try {
    const usKey = await addSubscriber(usStore, 1_000_000, ['212', '718']);
    const usCache = join(dir, 'us-cache');
    await pull({
      source: new HttpEpochSource(usWorker.url, { apiKey: usKey }),
      cacheDirectory: usCache,
      publicKey: us.signingKeys.publicKey,
    });
    const usCsv = Buffer.from(`phone\n${nanpNumbers(['212', '646', '718', '305'], 3).join('\n')}\n`);
    const usReport = await scrub({
      cacheDirectory: usCache,
      input: Readable.from([usCsv]),
      inputName: 'calls.csv',
      threads: 0,
      outputs: outputs('us'),
      oprf: { url: usWorker.url, apiKey: usKey, backend },
      timestamp: false,
    });
    expect(usReport.receipt?.partitions).toEqual(['212', '718']);
    written.json.push({ table: 'receipt', value: usReport.receipt, label: 'receipt of a partitioned scrub' });
    // The live list and the partitioned register in one scrub: `lists[]` names the partitions held.
    await pullAcme(usCache);
    const usListsReport = await scrub({
      cacheDirectory: usCache,
      lists: ['acme', 'default'],
      input: Readable.from([usCsv]),
      inputName: 'calls.csv',
      threads: 0,
      outputs: outputs('us-lists'),
      oprf: { url: usWorker.url, apiKey: usKey, backend },
      timestamp: false,
    });
    expect(usListsReport.receipt?.lists?.[1]?.partitions).toEqual(['212', '718']);
    // The French list holds none of them: the register's answers stand, NOT_ENTITLED rows never clean.
    expect(usListsReport.result.counts).toEqual(usReport.result.counts);
    expect(usListsReport.receipt?.invalidByReason).toEqual(usReport.receipt?.invalidByReason);
    written.json.push({
      table: 'receipt',
      value: usListsReport.receipt,
      label: 'receipt of a scrub of a live list and a partitioned register',
    });
  } finally {
    await usWorker.close();
  }
  // A receipt as the CLI writes it, read back from its file (what an auditor gets).
  writeFileSync(join(dir, 'receipt.json'), `${JSON.stringify(oprfReport.receipt, null, 2)}\n`);
  written.json.push({
    table: 'receipt',
    value: json(readFileSync(join(dir, 'receipt.json'))),
    label: 'receipt.json',
  });
}, 180_000);

/** The header fields the code's parsers read, by their names (the names FORMAT.md's byte tables use). */
function filterFields(bytes: Uint8Array): Record<string, number | string> {
  const { filter, ...shard } = parseFilter(bytes);
  return { ...shard, bitCount: filter.bitCount, hashCount: filter.hashCount };
}

function deltaFields(bytes: Uint8Array): Record<string, number | string> {
  const { payload, ...header } = parseShardDelta(bytes);
  return { ...header, payloadLength: payload.length };
}

describe('FORMAT.md tables against what the code writes', () => {
  it('covers the three modes, deltas, a rotation and a live list', () => {
    const manifests = written.json
      .filter((entry) => entry.table === 'manifest.json')
      .map((entry) => entry.value as { manifest: { mode: string; signing?: unknown } });
    expect(new Set(manifests.map((signed) => signed.manifest.mode))).toEqual(
      new Set(['open', 'secret', 'oprf']),
    );
    expect(manifests.some((signed) => signed.manifest.signing)).toBe(true);
    expect(written.deltas.length).toBeGreaterThan(0);
    expect(written.filters.length).toBeGreaterThan(8);
    // A live list: its manifests name it, batches on both epochs' chains, the folded file.
    expect(manifests.some((signed) => (signed.manifest as { list?: string }).list === 'acme')).toBe(true);
    const tables = written.json.map((entry) => entry.table);
    expect(tables.filter((table) => table === 'additions batch').length).toBeGreaterThanOrEqual(2);
    expect(tables).toContain('additions-folded.json');
  });

  it('every JSON object matches its field table, and every table row is written by some object', () => {
    const check = new DriftCheck(tables);
    for (const { table, value, label } of written.json) check.compare(table, value, label);
    expect(check.problems).toEqual([]);
    expect(check.neverWritten()).toEqual([]);
  });

  it('every filter and delta file matches its byte table', () => {
    const check = new DriftCheck(tables);
    for (const { bytes, label } of written.filters)
      check.compareBytes('filter file', bytes, filterFields(bytes), label);
    for (const { bytes, label } of written.deltas)
      check.compareBytes('delta file', bytes, deltaFields(bytes), label);
    expect(check.problems).toEqual([]);
  });
});

describe('the drift check catches drift', () => {
  const openManifest = () =>
    structuredClone(
      written.json.find(
        (entry) =>
          entry.table === 'manifest.json' &&
          (entry.value as { manifest: { mode: string } }).manifest.mode === 'open',
      )!.value,
    ) as { manifest: Record<string, Record<string, unknown>> };

  it('a member written but not in the table, or a required one missing, names the field and the section', () => {
    const check = new DriftCheck(tables);
    const signed = openManifest();
    signed.manifest.filter!.extra = 1;
    delete signed.manifest.counts!.rows;
    signed.manifest.hash!.publicKey = 'AAAA';
    check.compare('manifest.json', signed, 'edited');
    expect(check.problems).toEqual([
      'edited, manifest: FORMAT.md §6.1 Fields, table `manifest`: field `hash.publicKey` is written although the table allows it only if mode = "oprf"',
      'edited, manifest: FORMAT.md §6.1 Fields, table `manifest`: field `filter.extra` is written but not in the table',
      'edited, manifest: FORMAT.md §6.1 Fields, table `manifest`: field `counts.rows` is required in the table but not written',
    ]);
  });

  it('a binary header field that decodes to something else than the code reads', () => {
    const check = new DriftCheck(tables);
    const delta = written.deltas[0]!.bytes;
    const fields = deltaFields(delta);
    check.compareBytes(
      'delta file',
      delta,
      { ...fields, flipped: Number(fields.flipped) + 1, added: 1 },
      'edited',
    );
    expect(check.problems).toEqual([
      `edited: FORMAT.md §12.1 Bytes, table \`delta file\`: field \`flipped\` decodes to ${fields.flipped}, the code reads ${Number(fields.flipped) + 1}`,
      "edited: FORMAT.md §12.1 Bytes, table `delta file`: field `added` is read by the code's parser but not in the table",
    ]);
  });

  it('a row no object writes, and a table it cannot read', () => {
    const markdown = readFileSync(new URL('../../../docs/FORMAT.md', import.meta.url), 'utf8');
    const stale = readFormatTables(
      markdown.replace(
        /(\| `pointer.publishedAt` [^\n]*\n)/,
        '$1| `pointer.expires` | string | no | when it expires |\n',
      ),
    );
    const check = new DriftCheck(stale);
    check.compare(
      'latest.json',
      written.json.find((entry) => entry.table === 'latest.json')!.value,
      'pointer',
    );
    expect(check.problems).toEqual([]);
    expect(check.neverWritten()).toContain(
      'FORMAT.md §7. The `latest.json` pointer, table `latest.json`: field `pointer.expires` is never written by any object this test built',
    );
    expect(() =>
      readFormatTables(markdown.replace('**`latest.json`**: the pointer', 'The pointer:')),
    ).toThrow(/without a \*\*`name`\*\* line/);
  });
});
