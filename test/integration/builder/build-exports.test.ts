/**
 * `quietlist build` on exports as registries, CRMs and spreadsheets write them (test/fixtures/exports):
 * each encoding and date format read, every number then listed, and each broken input refused in one
 * line with its exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { fixtureNumber } from '../../fixtures/exports/generate.ts';
import { type CliResult, runCli } from '../../helpers/run-cli.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/exports/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
let dir: string;
let storeCount = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quietlist-exports-'));
  expect((await runCli(['keygen', '--out', join(dir, 'keys')])).code).toBe(0);
});

/** The builds use the default mode (oprf): its private state goes in the test's directory, not the repo's. */
const OPRF_STATE = () => ['--oprf-state', join(dir, 'oprf-state')];

function freshStore(): string {
  return `file://${join(dir, `store-${++storeCount}`)}`;
}

/** Builds into a fresh store (published), at a fixed reference date; the JSON summary when it worked. */
async function build(input: string, ...extra: string[]) {
  const store = freshStore();
  const rejects = join(dir, `rejects-${storeCount}.csv`);
  const result = await runCli([
    'build',
    input,
    '--store',
    store,
    '--keys',
    join(dir, 'keys'),
    ...OPRF_STATE(),
    // The fixtures are Bloctel exports: three-year registrations judged at a fixed date.
    '--register',
    'fr-bloctel',
    '--reference-date',
    '2026-11-28',
    '--rejects',
    rejects,
    '--json',
    ...extra,
  ]);
  const summary = result.code === 0 ? JSON.parse(result.stdout) : undefined;
  return { ...result, store, summary, rejects: existsSync(rejects) ? readFileSync(rejects, 'utf8') : '' };
}

async function check(store: string, ...numbers: string[]): Promise<string[]> {
  const result = await runCli(['check', '--store', store, '--keys', join(dir, 'keys'), '--json', ...numbers]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).results.map((r: { status: string }) => r.status);
}

/** A refusal: one line on stderr, no stack trace, no number, the expected exit code. */
function expectOneLineError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+|internal error/);
  expect(result.stderr).not.toMatch(/\d{2} \d{2} \d{2} \d{2}/);
}

describe('exports as registries write them', () => {
  it('reads a Windows-1252 registry export: accented header found, DD/MM/YYYY dates judged', async () => {
    const { code, stderr, summary, store } = await build(fixture('registry-windows-1252.csv'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(summary.input).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      encodingBasis: 'not-utf8',
      delimiter: ';',
      phoneColumn: 'Téléphone',
      dateColumn: "Date d'inscription",
      dateFormat: 'DD/MM/YYYY',
    });
    expect(summary.counts).toMatchObject({ rows: 40, accepted: 36, expired: 4, rejected: 0, datedRows: 40 });
    expect(summary.warnings).toEqual([]);
    expect(await check(store, fixtureNumber(0), fixtureNumber(35), fixtureNumber(36))).toEqual([
      'listed',
      'listed',
      'not_listed',
    ]);
  });

  it("reads Excel's Unicode Text (UTF-16LE with BOM, tab-separated, named .txt)", async () => {
    const { summary, store } = await build(fixture('excel-unicode-text.txt'));
    expect(summary.input).toMatchObject({
      encoding: 'utf-16le',
      encodingBasis: 'bom',
      delimiter: '\t',
      phoneColumn: 'Numéro de téléphone',
      dateColumn: 'Date d’inscription',
    });
    expect(summary.counts).toMatchObject({ rows: 30, accepted: 30, rejected: 0, datedRows: 30 });
    expect(await check(store, fixtureNumber(100), fixtureNumber(129))).toEqual(['listed', 'listed']);
  });

  it('reads UTF-8 with a BOM, CRLF and quoted fields; "Mobile" and "created_at" found by their headers', async () => {
    const { summary, store } = await build(fixture('crm-utf8-bom-crlf.csv'));
    expect(summary.input).toMatchObject({ encoding: 'utf-8', encodingBasis: 'bom', phoneColumn: 'Mobile' });
    expect(summary.input.dateColumn).toBe('created_at');
    expect(summary.counts).toMatchObject({ rows: 30, accepted: 30, rejected: 0, unreadableDates: 0 });
    expect(await check(store, fixtureNumber(200), fixtureNumber(229))).toEqual(['listed', 'listed']);
  });

  it('names rows with bytes that are not UTF-8: kept when the number is intact, rejected when it is not', async () => {
    const { summary, rejects, store } = await build(fixture('invalid-utf8.csv'));
    expect(summary.input.encoding).toBe('utf-8');
    expect(summary.counts).toMatchObject({ rows: 400, accepted: 399, rejected: 1, invalidEncoding: 3 });
    expect(summary.rejectCodes).toEqual({ INVALID_ENCODING: 3 });
    expect(summary.rejectReasons).toEqual({
      'bytes that are not valid UTF-8 (row kept)': 2,
      'bytes that are not valid UTF-8': 1,
    });
    const lines = rejects.trim().split('\n').slice(1);
    expect(lines.map((line) => line.replace(/,[^,]*,(yes|no)$/, ',$1'))).toEqual([
      '12,bytes that are not valid UTF-8 (row kept),yes',
      '22,bytes that are not valid UTF-8 (row kept),yes',
      '32,bytes that are not valid UTF-8,no',
    ]);
    expect(await check(store, fixtureNumber(310), fixtureNumber(320))).toEqual(['listed', 'listed']);
    const refused = await build(fixture('invalid-utf8.csv'), '--max-reject-rate', '0.005');
    expectOneLineError(
      refused,
      2,
      /3 of 400 rows hold bytes that are not UTF-8 \(more than 0\.50%\): nothing published; is the export Windows-1252\? pass --encoding windows-1252/,
    );
  });

  it('says which rows hold bytes that are not UTF-8 in the human summary too', async () => {
    const result = await runCli([
      'build',
      fixture('invalid-utf8.csv'),
      '--store',
      freshStore(),
      '--keys',
      join(dir, 'keys'),
      ...OPRF_STATE(),
      '--dry-run',
    ]);
    expect(result.stdout).toMatch(/1 × bytes that are not valid UTF-8\n/);
    expect(result.stdout).toMatch(/2 × bytes that are not valid UTF-8 \(row kept\)/);
  });

  it("names Excel's scientific notation in the rejects report, as scrub does, not as NOT_A_NUMBER", async () => {
    // A French Excel "CSV (point-virgule)": the phone column saved as numbers, two cells in E notation.
    const path = join(dir, 'excel-scientific.csv');
    const numbers = Array.from({ length: 40 }, (_, i) => fictionalNumber(700 + i));
    const rows = numbers.map((number) => `${number};x`);
    rows.splice(10, 0, '3,37672E+10;x');
    rows.splice(20, 0, '3.37672E+10;x');
    rows.push('garbage;x');
    writeFileSync(path, `Téléphone;Nom\n${rows.join('\n')}\n`);
    const { summary, rejects } = await build(path, '--max-reject-rate', '0.2');
    expect(summary.counts).toMatchObject({ rows: 43, accepted: 40, rejected: 3 });
    expect(summary.rejectCodes).toEqual({ EXCEL_SCIENTIFIC: 2, NOT_A_NUMBER: 1 });
    const lines = rejects.trim().split('\n').slice(1);
    expect(lines).toEqual([
      '12,Excel scientific notation: digits were lost; re-export the column as text,******10,no',
      '22,Excel scientific notation: digits were lost; re-export the column as text,******10,no',
      expect.stringMatching(/^44,not a phone number,/),
    ]);
  });

  it('reads mixed date formats; an unreadable date keeps its row under the threshold, refuses above it', async () => {
    const { summary, store } = await build(fixture('mixed-dates.csv'));
    expect(summary.counts).toMatchObject({
      rows: 150,
      datedRows: 150,
      expired: 10,
      accepted: 140,
      unreadableDates: 1,
      ambiguousDates: 0,
    });
    expect(summary.rejectCodes).toEqual({ UNREADABLE_DATE: 1 });
    expect(await check(store, fixtureNumber(575), fixtureNumber(649))).toEqual(['listed', 'not_listed']);
    const refused = await build(fixture('mixed-dates.csv'), '--max-bad-date-rate', '0');
    expectOneLineError(
      refused,
      2,
      /^quietlist: 1 of 150 registration dates cannot be judged as ISO 8601 or DD\/MM\/YYYY \(1 unreadable, 0 ambiguous; more than 0\.00%\), e\.g\. lines 77: nothing published/,
    );
  });

  it('refuses a month-first reading of day-first dates (unreadable share above 1%)', async () => {
    const result = await build(fixture('registry-windows-1252.csv'), '--date-format', 'MM/DD/YYYY');
    expectOneLineError(
      result,
      2,
      /registration dates cannot be judged as ISO 8601 or MM\/DD\/YYYY .* e\.g\. lines \d+(, \d+)*: nothing published/,
    );
  });

  it('names an .xlsx given where a CSV is expected, with what to do', async () => {
    const result = await build(fixture('registrations.xlsx'));
    expectOneLineError(result, 2, /the input is an Excel workbook \(\.xlsx\), not a CSV: .*CSV UTF-8/);
  });

  it('warns loudly when no date column is found, and not with --no-expiry', async () => {
    const path = join(dir, 'no-dates.csv');
    writeFileSync(path, `phone,name\n${fictionalNumber(1)},A\n${fictionalNumber(2)},B\n`);
    const { summary } = await build(path);
    expect(summary.warnings).toEqual([
      expect.stringMatching(/no registration date was read .* expired registrations are kept/),
    ]);
    const human = await runCli([
      'build',
      path,
      '--store',
      freshStore(),
      '--keys',
      join(dir, 'keys'),
      ...OPRF_STATE(),
      '--validity-years',
      '3',
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/\n {2}WARNING: no registration date was read/);
    expect(human.stdout).toMatch(/input csv, utf-8, comma-separated, phone "phone", no date column/);
    const quiet = await build(path, '--no-expiry');
    expect(quiet.summary.warnings).toEqual([]);
    // Not looked for is not "not found": an export with a date column, built without expiry.
    const dated = join(dir, 'dated-no-expiry.csv');
    writeFileSync(dated, `phone,Date inscription\n${fictionalNumber(3)},03/02/2025\n`);
    const noExpiry = await runCli([
      'build',
      dated,
      '--store',
      freshStore(),
      '--keys',
      join(dir, 'keys'),
      ...OPRF_STATE(),
      '--no-expiry',
    ]);
    expect(noExpiry.code, noExpiry.stderr).toBe(0);
    expect(noExpiry.stdout).toMatch(
      /input csv, utf-8, comma-separated, phone "phone", dates not read \(no expiry\)\n/,
    );
  });

  it('refuses a missing input, a directory and an empty export into a store with no epoch, in one line', async () => {
    expectOneLineError(
      await build(join(dir, 'nowhere.csv')),
      2,
      /input file ".*nowhere\.csv" does not exist/,
    );
    expectOneLineError(await build(dir), 2, /input ".*" is not a file/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'Téléphone;Date\n');
    expectOneLineError(
      await build(empty),
      2,
      /the export holds no valid number and the store has no epoch yet: nothing published .* --allow-empty/,
    );
    const allowed = await build(empty, '--allow-empty');
    expect(allowed.code).toBe(0);
    expect(allowed.summary.counts).toMatchObject({ rows: 0, entries: 0 });
  });

  it('stops with a storage error (exit 3) when the temporary directory fills up', async () => {
    const rows = Array.from({ length: 8000 }, (_, i) => fictionalNumber(i)).join('\n');
    const input = join(dir, 'many.txt');
    writeFileSync(input, `${rows}\n`);
    const tiny = join(dir, 'tiny-tmp');
    mkdirSync(tiny);
    // A real full filesystem: a 64 KiB tmpfs in a private mount namespace (root or an unprivileged user namespace).
    const result = await runInTinyTmpfs(tiny, [
      'build',
      input,
      '--store',
      freshStore(),
      '--keys',
      join(dir, 'keys'),
      ...OPRF_STATE(),
      '--no-expiry',
      '--temp-dir',
      tiny,
    ]);
    expectOneLineError(
      result,
      3,
      /the temporary directory .*tiny-tmp is full \(ENOSPC\): nothing published; free space there or pass --temp-dir/,
    );
  });
});

function runInTinyTmpfs(mountPoint: string, args: string[]): Promise<CliResult> {
  const bin = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"',
      mountPoint,
      process.execPath,
      bin,
      ...args,
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}
