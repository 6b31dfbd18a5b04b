/**
 * oprf mode end to end, as operators and telemarketers run it: `quietlist build --mode oprf` → store →
 * the real worker (with the OPRF key) → `quietlist pull` → `quietlist scrub --worker` → `check --worker`.
 * No false negatives in any spelling; the worker never receives a number; a scrub cut off by an
 * exhausted quota resumes without paying again for what it had evaluated.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { timestampSettingsFrom } from '../../helpers/timestamp-key.ts';
import { runClientCli } from './helpers/client-cli.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

afterAll(removeTempDirs);

const REGISTERED = Array.from({ length: 400 }, (_, i) => fictionalNumber(i * 3));
const FREE = Array.from({ length: 2000 }, (_, i) => fictionalNumber(i * 3 + 1));
let dir: string;
let worker: RealWorker;
let store: FileStore;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });

beforeAll(async () => {
  dir = tempDir('quietlist-oprf-e2e-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  writeFileSync(join(dir, 'registry.txt'), `${REGISTERED.join('\n')}\n`);
  const build = await cli([
    'build',
    'registry.txt',
    '--mode',
    'oprf',
    '--store',
    'file://store',
    '--keys',
    'keys',
    '--oprf-state',
    'state',
  ]);
  expect(build.code, build.stderr).toBe(0);
  expect(build.stdout).toMatch(/oprf \(\w+\): 400 evaluated, 0 reused/);
  store = new FileStore(join(dir, 'store'));
  worker = await startRealWorker(store, readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim(), {
    QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim(),
    // The operator's timestamp key and its certificate: the worker countersigns receipts (POST /v1/receipts).
    ...timestampSettingsFrom(join(dir, 'keys')),
  });
  const pulled = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub']);
  expect(pulled.code, pulled.stderr).toBe(0);
});

afterAll(async () => {
  await worker?.close();
});

describe('oprf mode: build → worker → pull → scrub → check', () => {
  it('resumes a scrub cut off by the quota, drops every registered spelling, and shows the worker no number', async () => {
    const rows = ['id,phone'];
    const registeredIds = new Set<number>();
    REGISTERED.forEach((e164, i) => {
      rows.push(`${rows.length},${spellings(e164)[i % 8]}`);
      registeredIds.add(rows.length - 1);
    });
    for (const e164 of FREE) rows.push(`${rows.length},${e164}`);
    writeFileSync(join(dir, 'calls.csv'), `${rows.join('\n')}\n`);
    const scrub = (key: string, ...extra: string[]) =>
      cli(
        [
          'scrub',
          'calls.csv',
          '--column',
          'phone',
          '--out',
          'clean.csv',
          '--listed',
          'listed.csv',
          '--receipt',
          'receipt.json',
          '--force',
          '--worker',
          worker.url,
          '--threads',
          '0',
          ...extra,
        ],
        {
          QUIETLIST_API_KEY: key,
        },
      );

    // A quota of 1,500 evaluations for 2,400 numbers: the scrub counts first, says so, evaluates
    // exactly what the quota leaves (never a 429), and writes the rows it checked and the rest apart.
    worker.audit.length = 0;
    const cut = await scrub(await addSubscriber(store, 1500));
    expect(cut.code, cut.stderr).toBe(3);
    expect(cut.stderr).toMatch(
      /oprf: 2,400 numbers of this file need an evaluation .* the quota leaves 1,500 today/,
    );
    expect(cut.stderr).toMatch(
      /1,500 of 2,400 rows can be checked today; the rest from \d{4}-\d\d-\d\d 00:00 UTC/,
    );
    expect(cut.stdout).toMatch(
      /^scrub not finished: 900 rows not checked yet: the quota left today did not cover them/,
    );
    expect(worker.audit.filter((entry) => entry.status === 429)).toEqual([]);
    const paidFirst = worker.audit
      .filter((entry) => entry.status === 200)
      .reduce((sum, entry) => sum + (entry.numbers ?? 0), 0);
    expect(paidFirst).toBe(1500);
    const firstIds = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[0]));
    const unchecked = new Set(firstIds('clean.unchecked.csv'));
    expect(unchecked.size).toBe(900);
    // Never a clean row that was not checked; every row in exactly one file.
    for (const id of firstIds('clean.csv')) expect(unchecked.has(id), `row ${id}`).toBe(false);
    expect(firstIds('clean.csv').length + firstIds('listed.csv').length + unchecked.size).toBe(
      rows.length - 1,
    );
    // No receipt for a file the scrub did not finish.
    expect(existsSync(join(dir, 'receipt.json'))).toBe(false);

    // Run again with a new key: only the numbers not yet evaluated are sent.
    worker.audit.length = 0;
    const done = await scrub(await addSubscriber(store, 100_000));
    expect(done.code, done.stderr).toBe(0);
    const paidSecond = worker.audit
      .filter((entry) => entry.status === 200)
      .reduce((sum, entry) => sum + (entry.numbers ?? 0), 0);
    expect(paidFirst + paidSecond).toBe(REGISTERED.length + FREE.length);
    expect(paidSecond).toBe(900);
    expect(done.stdout).toMatch(new RegExp(`oprf: ${paidSecond} numbers evaluated`));
    // Finished: the file of unchecked rows left by the first run is gone.
    expect(existsSync(join(dir, 'clean.unchecked.csv'))).toBe(false);

    const ids = (file: string) =>
      new Set(
        readFileSync(join(dir, file), 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((line) => Number(line.split(',')[0])),
      );
    const listed = ids('listed.csv');
    for (const id of registeredIds) expect(listed.has(id), `row ${id}`).toBe(true);
    expect(listed.size).toBeLessThanOrEqual(registeredIds.size + 1);
    expect(ids('clean.csv').size + listed.size).toBe(rows.length - 1);

    const seen = JSON.stringify(worker.audit);
    for (const e164 of [...REGISTERED, ...FREE.slice(0, 50)]) expect(seen).not.toContain(e164.slice(3));

    // The receipt carries the operator's countersignature; receipt verify checks it offline.
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8'));
    expect(receipt.checkedWith).toEqual({ kind: 'worker', url: `${worker.url}/` });
    expect(receipt.timestamp.claim).toMatchObject({ epoch: receipt.epoch.id });
    expect(worker.audit.at(-1)).toMatchObject({ endpoint: 'POST /v1/receipts', status: 200 });
    const verified = await cli([
      'receipt',
      'verify',
      'receipt.json',
      '--input',
      'calls.csv',
      '--output',
      'listed.csv',
      '--public-key',
      'keys/signing.pub',
    ]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(
      /ok {3}operator timestamp: countersigned at .* epoch \S+ was then the current list/,
    );
    expect(verified.stdout).toMatch(/this receipt existed at .*: the operator countersigned its hash/);
    // Moving the countersignature onto another receipt fails.
    const moved = {
      ...receipt,
      counts: { ...receipt.counts },
      input: { ...receipt.input, name: 'other.csv' },
    };
    writeFileSync(join(dir, 'moved.json'), JSON.stringify(moved));
    const refused = await cli(['receipt', 'verify', 'moved.json']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/FAIL operator timestamp: it countersigns receipt \w+, not this one/);

    // --no-timestamp: nothing is sent, the receipt says it has no countersignature.
    worker.audit.length = 0;
    const unstamped = await scrub(await addSubscriber(store, 100_000), '--no-timestamp');
    expect(unstamped.code, unstamped.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8')).timestamp).toBeUndefined();
    expect(worker.audit.some((entry) => entry.endpoint === 'POST /v1/receipts')).toBe(false);
  });

  it('checks numbers locally after blinded evaluations, and as the operator with the OPRF key', async () => {
    const key = await addSubscriber(store, 1000);
    const numbers = [spellings(REGISTERED[7]!)[1]!, fictionalNumber(60_001), 'nope'];
    const local = await cli(['check', '--worker', worker.url, '--json', ...numbers], {
      QUIETLIST_API_KEY: key,
    });
    expect(JSON.parse(local.stdout).results.map((r: { status: string }) => r.status)).toEqual([
      'listed',
      'not_listed',
      'invalid',
    ]);
    const operator = await cli(['check', '--store', 'file://store', '--keys', 'keys', '--json', ...numbers]);
    expect(JSON.parse(operator.stdout).results.map((r: { status: string }) => r.status)).toEqual([
      'listed',
      'not_listed',
      'invalid',
    ]);
    const withoutWorker = await cli(['check', numbers[0]!]);
    expect(withoutWorker.code).toBe(1);
    expect(withoutWorker.stderr).toMatch(/oprf mode: each number needs one blinded evaluation by the worker/);
  });
});
