/** `quietlist build` end to end on awkward input: clear errors or reject entries, never a crash or a lost good line. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { runCli as runCliAt } from '../../helpers/run-cli.ts';

let dir: string;
const store = () => `file://${join(dir, 'store')}`;
// In the scratch directory: builds default to oprf mode, whose private state goes to ./.quietlist/oprf-state.
const runCli = (args: string[], options: Parameters<typeof runCliAt>[1] = {}) =>
  runCliAt(args, { cwd: dir, ...options });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quietlist-cli-'));
  const keygen = await runCli(['keygen', '--out', join(dir, 'keys')]);
  expect(keygen.code).toBe(0);
  expect(keygen.stdout).not.toMatch(readFileSync(join(dir, 'keys', 'signing.key'), 'utf8').trim());
});

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function build(input: string, ...extra: string[]) {
  const rejects = join(dir, `rejects-${Math.random().toString(36).slice(2)}.csv`);
  const result = await runCli([
    'build',
    input,
    '--store',
    store(),
    '--keys',
    join(dir, 'keys'),
    '--json',
    '--dry-run',
    '--rejects',
    rejects,
    '--max-reject-rate',
    '1',
    '--max-shrink',
    '1',
    ...extra,
  ]);
  const summary = result.code === 0 ? JSON.parse(result.stdout) : undefined;
  return { ...result, summary, rejects: existsSync(rejects) ? readFileSync(rejects, 'utf8') : '' };
}

async function check(...numbers: string[]) {
  const result = await runCli([
    'check',
    '--store',
    store(),
    '--keys',
    join(dir, 'keys'),
    '--json',
    ...numbers,
  ]);
  return JSON.parse(result.stdout).results.map((r: { status: string }) => r.status);
}

const n = (i: number) => fictionalNumber(i);

describe('quietlist build', () => {
  it('publishes, and every spelling of a registered number is then listed', async () => {
    const path = write(
      'registry.csv',
      `phone;registered_on\n${Array.from({ length: 50 }, (_, i) => `${spellings(n(i))[i % 8]};2026-01-01`).join('\n')}\n`,
    );
    const result = await runCli([
      'build',
      path,
      '--store',
      store(),
      '--keys',
      join(dir, 'keys'),
      '--validity-years',
      '3',
      '--date-column',
      'registered_on',
      '--reference-date',
      '2026-11-28',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/published epoch \S+/);
    expect(result.stdout).toMatch(/rows 50 {2}accepted 50 {2}rejected 0/);
    expect(await check(...spellings(n(7)), n(60))).toEqual([...Array(8).fill('listed'), 'not_listed']);
  });

  it('drops registrations older than the validity period, judged at the reference date', async () => {
    const path = write(
      'dated.csv',
      `phone,registered_on\n${n(1)},2023-11-27\n${n(2)},2023-11-28\n${n(3)},28/11/2026\n${n(4)},2020-01-01\n${n(4)},2026-01-01\n`,
    );
    const { summary } = await build(
      path,
      '--register',
      'fr-bloctel',
      '--date-column',
      'registered_on',
      '--reference-date',
      '2026-11-28',
    );
    expect(summary.counts).toMatchObject({ rows: 5, accepted: 3, expired: 2, entries: 3 });
    expect(summary.register).toMatchObject({ id: 'fr-bloctel', validity: '3 year(s)', rescrubDays: 30 });
  });

  it('keeps every registration of a register whose registrations never expire, and of a flagless list', async () => {
    const path = write(
      'old.csv',
      `phone,registered_on
${n(1)},2001-01-01
${n(2)},2026-01-01
`,
    );
    const flagless = await build(path);
    expect(flagless.summary.counts).toMatchObject({ rows: 2, expired: 0, entries: 2 });
    expect(flagless.summary.register).toMatchObject({
      id: 'custom',
      validity: 'never expires',
      rescrubDays: null,
    });
    const withDates = await build(path, '--date-column', 'registered_on');
    expect(withDates.stderr).toMatch(
      /--date-column registered_on is not read: registrations of this list never expire/,
    );
  });

  it('refuses a flag that contradicts the register, and names an unknown register with the nearest one', async () => {
    const path = write('reg.csv', `phone\n${n(1)}\n`);
    const contradicted = await build(path, '--register', 'us-dnc', '--validity-years', '3');
    expect(contradicted.code).toBe(1);
    expect(contradicted.stderr).toMatch(/--validity-years cannot be combined with --register us-dnc/);
    const unknown = await build(path, '--register', 'us-dcn');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--register us-dcn is not a known register \(did you mean us-dnc\?\)/);
  });

  it('fails before publishing when the named column is missing, naming it', async () => {
    const path = write('nocolumn.csv', `name,email\nA,a@example.org\n`);
    const result = await build(path, '--column', 'phone');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /phone column "phone" is not in the header \(line 1 has: "name", "email"\)/,
    );
  });

  it('refuses an empty export into an empty store unless --allow-empty, and over a published list', async () => {
    const empty = write('empty.txt', '');
    const fresh = (...extra: string[]) =>
      runCli([
        'build',
        empty,
        '--store',
        `file://${join(dir, 'fresh-store')}`,
        '--keys',
        join(dir, 'keys'),
        '--json',
        ...extra,
      ]);
    const refused = await fresh();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no valid number and the store has no epoch yet: nothing published/);
    const allowed = await fresh('--allow-empty');
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).counts).toMatchObject({ rows: 0, entries: 0 });
    const overList = await build(empty);
    expect(overList.code).toBe(2);
    expect(overList.stderr).toMatch(/the export holds no valid number: nothing published/);
  });

  it('reads CRLF, a BOM, quoted fields with delimiters and newlines, and gzip', async () => {
    const csv = `\uFEFFphone,note\r\n"${n(1)}","a, b"\r\n${n(2)},"line one\r\nline two"\r\n"06 39 98 00 03",plain\r\n`;
    for (const path of [write('crlf.csv', csv), write('crlf.csv.gz', gzipSync(csv))]) {
      const { summary, rejects } = await build(path);
      expect(summary.counts).toMatchObject({ rows: 3, accepted: 3, rejected: 0 });
      expect(rejects).toBe('line,reason,masked_value,kept\n');
    }
  });

  it('reports bad lines with their line number, masked, and keeps every good line', async () => {
    const long = 'x'.repeat(100_000);
    const csv = [
      `phone,note`,
      `${n(1)},ok`,
      `"${n(2)},unterminated`,
      `${n(3)},ok`,
      `${long},too long`,
      `not a number,x`,
      `0612,short`,
      `${n(4)},ok`,
    ].join('\n');
    const { summary, rejects } = await build(write('bad.csv', csv));
    expect(summary.counts).toMatchObject({ rows: 7, accepted: 3, rejected: 4 });
    const lines = rejects.trim().split('\n').slice(1).sort();
    expect(lines).toEqual([
      '3,unterminated quoted field,,no',
      '5,line too long,,no',
      '6,not a phone number,,no',
      '7,too short for its country,**12,no',
    ]);
  });

  it('rejects binary garbage line by line without crashing', async () => {
    const garbage = Buffer.concat([
      Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0x1f, 0x8c, 0, 10]),
      Buffer.from(`${n(9)}\n`),
    ]);
    const { summary } = await build(write('garbage.txt', garbage), '--format', 'text');
    expect(summary.counts).toMatchObject({ accepted: 1, rejected: 2 });
  });

  it('reads NDJSON and one number per line from stdin', async () => {
    const ndjson = `{"phone":"${n(1)}"}\n{"number":"${spellings(n(2))[1]}"}\n{"phone":42}\nnot json\n`;
    const result = await runCli(
      [
        'build',
        '-',
        '--format',
        'ndjson',
        '--store',
        store(),
        '--keys',
        join(dir, 'keys'),
        '--json',
        '--dry-run',
        '--max-reject-rate',
        '1',
        '--max-shrink',
        '1',
      ],
      { input: ndjson },
    );
    expect(JSON.parse(result.stdout).counts).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
  });

  it('refuses to publish an export with too many rejects or a collapsed entry count', async () => {
    const bad = write('mostly-bad.txt', `${n(1)}\nbad\nbad\n`);
    const rejected = await runCli(['build', bad, '--store', store(), '--keys', join(dir, 'keys')]);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/2 of 3 rows rejected .* nothing published/);
    // The refusal says why and where, without a report file asked for, and never shows a value.
    expect(rejected.stderr).toMatch(/2 × not a phone number \(lines 2, 3\)/);
    expect(rejected.stderr).toMatch(/pass --rejects FILE/);
    const reportPath = join(dir, 'refused.csv');
    const reported = await runCli([
      ...['build', bad, '--store', store(), '--keys', join(dir, 'keys'), '--rejects', reportPath],
    ]);
    expect(reported.stderr).toContain(`every row refused, its value masked: ${reportPath}`);
    expect(readFileSync(reportPath, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    const tiny = write('tiny.txt', `${n(1)}\n`);
    const shrunk = await runCli(['build', tiny, '--store', store(), '--keys', join(dir, 'keys')]);
    expect(shrunk.code).toBe(2);
    expect(shrunk.stderr).toMatch(/entries fell from 50 to 1/);
  });

  it('exits 1 on usage errors and 3 when the store is unreachable', async () => {
    expect(
      (await runCli(['build', write('one.txt', `${n(1)}\n`), '--keys', join(dir, 'keys'), '--fp-rate', 'x']))
        .code,
    ).toBe(1);
    expect(
      (
        await runCli([
          'build',
          write('one.txt', `${n(1)}\n`),
          '--keys',
          join(dir, 'nokeys'),
          '--store',
          store(),
        ])
      ).code,
    ).toBe(1);
    const unreachable = await runCli(
      [
        'build',
        write('one.txt', `${n(1)}\n`),
        '--keys',
        join(dir, 'keys'),
        '--store',
        's3://bucket/prefix',
        '--s3-endpoint',
        'http://127.0.0.1:9',
      ],
      { env: { QUIETLIST_S3_ACCESS_KEY_ID: 'id', QUIETLIST_S3_SECRET_ACCESS_KEY: 'secret-value' } },
    );
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).not.toMatch(/secret-value/);
  });
});
