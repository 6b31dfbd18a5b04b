/**
 * `scrub --online` for secret-mode epochs: the same file path as the other modes, through the real
 * worker's POST /v1/check in batches of 1,000. Every registered spelling is dropped, the receipt names
 * the epoch, a scrub cut off by the quota resumes without asking twice, and answers from another epoch
 * than the pulled one stop the scrub instead of mixing lists.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runClientCli } from './helpers/client-cli.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

afterAll(removeTempDirs);

const REGISTERED = Array.from({ length: 300 }, (_, i) => fictionalNumber(i * 4));
const FREE = Array.from({ length: 1200 }, (_, i) => fictionalNumber(i * 4 + 1));
let dir: string;
let worker: RealWorker;
let store: FileStore;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });

/** The operator's nightly build of registry.txt, in secret mode, into the store the worker serves. */
const buildSecret = () =>
  cli([
    'build',
    'registry.txt',
    '--mode',
    'secret',
    '--store',
    'file://store',
    '--keys',
    'keys',
    '--no-expiry',
  ]);

beforeAll(async () => {
  dir = tempDir('quietlist-scrub-online-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  writeFileSync(join(dir, 'registry.txt'), `${REGISTERED.join('\n')}\n`);
  const build = await buildSecret();
  expect(build.code, build.stderr).toBe(0);
  store = new FileStore(join(dir, 'store'));
  worker = await startRealWorker(store, readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim(), {
    QUIETLIST_HASH_KEY: readFileSync(join(dir, 'keys', 'hash.key'), 'utf8').trim(),
  });
  const pulled = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub']);
  expect(pulled.code, pulled.stderr).toBe(0);
  const rows = ['id,phone'];
  for (const [i, e164] of REGISTERED.entries()) rows.push(`${rows.length},${spellings(e164)[i % 8]}`);
  for (const e164 of FREE) rows.push(`${rows.length},${e164}`);
  rows.push(`${rows.length},not a number`);
  writeFileSync(join(dir, 'calls.csv'), `${rows.join('\n')}\n`);
});

afterAll(async () => {
  await worker?.close();
});

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
      '--online',
      worker.url,
      '--force',
      ...extra,
    ],
    { QUIETLIST_API_KEY: key },
  );

const ids = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[0]));

const sentBy = (audit: RealWorker['audit']) =>
  audit.filter((entry) => entry.status === 200).reduce((sum, entry) => sum + (entry.numbers ?? 0), 0);

describe('scrub --online (secret mode)', () => {
  it('refuses a secret-mode epoch without --online, naming it', async () => {
    const local = await cli(['scrub', 'calls.csv', '--column', 'phone', '--out', 'local.csv']);
    expect(local.code).not.toBe(0);
    expect(local.stderr).toMatch(/secret mode/);
  });

  it('drops every registered spelling, resumes after the quota cut it off, and writes the receipt', async () => {
    worker.audit.length = 0;
    const cut = await scrub(await addSubscriber(store, 1100));
    expect(cut.code).not.toBe(0);
    expect(cut.stderr).toMatch(/QUOTA_EXCEEDED/);
    const paidFirst = sentBy(worker.audit);
    expect(paidFirst).toBeGreaterThan(0);

    worker.audit.length = 0;
    const done = await scrub(await addSubscriber(store));
    expect(done.code, done.stderr).toBe(0);
    const paidSecond = sentBy(worker.audit);
    expect(paidFirst + paidSecond).toBe(REGISTERED.length + FREE.length);
    expect(done.stdout).toMatch(new RegExp(`online: ${paidSecond} numbers checked by the worker this run`));

    const listed = new Set(ids('listed.csv'));
    for (let id = 1; id <= REGISTERED.length; id++) expect(listed.has(id), `row ${id}`).toBe(true);
    expect(listed.size).toBeLessThanOrEqual(REGISTERED.length + 1);
    expect(ids('clean.csv').length + listed.size).toBe(REGISTERED.length + FREE.length);
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8'));
    expect(receipt.counts).toMatchObject({ listed: listed.size, invalid: 1 });
    expect(JSON.stringify(receipt)).not.toContain(REGISTERED[0]!.slice(3));
  });

  it('stops when the worker answers for another epoch than the pulled one', async () => {
    writeFileSync(
      join(dir, 'registry.txt'),
      `${REGISTERED.slice(0, 290).join('\n')}\n${fictionalNumber(69_999)}\n`,
    );
    const rebuilt = await buildSecret();
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    writeFileSync(join(dir, 'calls.csv'), `id,phone\n1,${fictionalNumber(69_999)}\n`);
    const stale = await scrub(await addSubscriber(store));
    expect(stale.code).toBe(4);
    expect(stale.stderr).toMatch(/answers for epoch .*, the pulled cache holds .*: run quietlist pull/);
  });
});
