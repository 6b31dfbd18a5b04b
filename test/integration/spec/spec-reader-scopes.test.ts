/**
 * FORMAT.md §1.3 and §1.4 are enough to check a scope in a partition: test/spec-reader/reader.py,
 * written from the spec alone, verifies a scoped store (es-robinson: channels and sectors) and a
 * partitioned one (us-dnc: area codes, two nights, so partitions carry deltas) built by the CLI,
 * answers key strings for every scope and within the partitions a subscriber holds exactly as the CLI
 * does, verifies the receipts of a scoped and a partitioned scrub, and refuses a tampered partition
 * shard.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanpNumbers, robinsonRows, spanishNumbers } from '../../helpers/register-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';

const READER = fileURLToPath(new URL('../../spec-reader/reader.py', import.meta.url));

interface ReaderReport {
  ok: boolean;
  errors: string[];
  epochs: { epoch: string; files: string; shards: number; deltas: number; deltasApplied: number }[];
  checks: Record<string, string>;
  receipts: Record<string, string>[];
}

function python(args: string[]): { code: number | null; report: ReaderReport } {
  const run = spawnSync('python3', [READER, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error)
    throw new Error(`python3 is required to run test/spec-reader/reader.py: ${run.error.message}`);
  return { code: run.status, report: JSON.parse(run.stdout || '{}') as ReaderReport };
}

let dir: string;
/** The CLI; `check` exits 2 when a value is invalid (NOT_ENTITLED here), which these checks expect. */
const cli = async (...args: string[]) => {
  const result = await runCli(args, { cwd: dir, env: { QUIETLIST_API_KEY: '' } });
  expect(result.code, `quietlist ${args[0]}: ${result.stderr}`).toBe(
    args[0] === 'check' && result.code === 2 ? 2 : 0,
  );
  return result.stdout;
};
const publicKey = () => readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();

const esRows = robinsonRows(spanishNumbers(48));
const esProbes = [...esRows.map((row) => row.phone), ...spanishNumbers(52).slice(48)];
const areaCodes = ['212', '646', '718'];
const usNight = (n: number) => nanpNumbers(areaCodes, 40, n * 3);
const usProbes = [
  ...nanpNumbers(areaCodes, 3, 10),
  ...nanpNumbers(areaCodes, 2, 60),
  ...nanpNumbers(['305'], 2),
];
const SCOPES: [string | null, string | null][] = [
  [null, null],
  ['call', null],
  [null, 'energy'],
  ['call', 'energy'],
  ['sms', 'telecoms'],
  ['post', 'travel'],
];

beforeAll(async () => {
  dir = tempDir('quietlist-spec-reader-scopes-');
  await cli('keygen', '--out', 'keys');
  const es = esRows.map((row) => `${row.phone};${row.channels};${row.sectors}`);
  writeFileSync(join(dir, 'es.csv'), `telefono;canales;sectores\n${es.join('\n')}\n`);
  await cli(
    'build',
    'es.csv',
    '--register',
    'es-robinson',
    '--mode',
    'open',
    '--keys',
    'keys',
    '--store',
    'file://es',
  );
  for (const n of [0, 1]) {
    writeFileSync(join(dir, `us-${n}.csv`), `phone\n${usNight(n).join('\n')}\n`);
    await cli(
      'build',
      `us-${n}.csv`,
      '--register',
      'us-dnc',
      '--mode',
      'open',
      '--keys',
      'keys',
      '--store',
      'file://us',
      '--max-shrink',
      '1',
    );
  }
  await cli('pull', '--from', 'file://es', '--public-key', 'keys/signing.pub', '--cache', 'cache-es');
  writeFileSync(join(dir, 'es-calls.csv'), `phone\n${esProbes.join('\n')}\n`);
  await cli(
    'scrub',
    'es-calls.csv',
    '--cache',
    'cache-es',
    '--channel',
    'sms',
    '--sector',
    'energy',
    '--out',
    'es-clean.csv',
    '--receipt',
    'es-receipt.json',
    '--threads',
    '0',
  );
  await cli(
    'pull',
    '--from',
    'file://us',
    '--public-key',
    'keys/signing.pub',
    '--cache',
    'cache-us',
    '--partitions',
    '212,718',
  );
  writeFileSync(join(dir, 'us-calls.csv'), `phone\n${usProbes.join('\n')}\n`);
  await cli(
    'scrub',
    'us-calls.csv',
    '--cache',
    'cache-us',
    '--out',
    'us-clean.csv',
    '--rejects',
    'us-rejects.csv',
    '--receipt',
    'us-receipt.json',
    '--threads',
    '0',
  );
}, 300_000);

afterAll(removeTempDirs);

async function cliAnswers(probes: string[], ...args: string[]): Promise<Record<string, string>> {
  const output = JSON.parse(await cli('check', '--json', ...args, ...probes)) as {
    results: { status: string; reason?: string }[];
  };
  return Object.fromEntries(
    probes.map((key, i) => {
      const result = output.results[i]!;
      return [key, result.status === 'invalid' ? result.reason! : result.status];
    }),
  );
}

describe('the independent reader on scopes and partitions', () => {
  it('verifies the scoped store and answers every scope as the CLI does', async () => {
    for (const [channel, sector] of SCOPES) {
      const scope = `${channel ?? 'any'}/${sector ?? 'any'}`;
      const { code, report } = python([
        'store',
        join(dir, 'es'),
        '--public-key',
        publicKey(),
        '--scope',
        scope,
        '--receipt',
        join(dir, 'es-receipt.json'),
        ...esProbes.flatMap((key) => ['--check', key]),
      ]);
      expect(report.errors).toEqual([]);
      expect(code).toBe(0);
      const flags = [...(channel ? ['--channel', channel] : []), ...(sector ? ['--sector', sector] : [])];
      expect(report.checks, scope).toEqual(
        await cliAnswers(esProbes, '--store', 'file://es', '--keys', 'keys', ...flags),
      );
      expect(report.receipts[0]).toMatchObject({ 'scope and partitions': 'verified' });
    }
    // Every registration is listed for "any": a number opted out of anything is never called.
    const any = python([
      'store',
      join(dir, 'es'),
      '--public-key',
      publicKey(),
      ...esRows.flatMap((row) => ['--check', row.phone]),
    ]);
    expect(Object.values(any.report.checks).every((answer) => answer === 'listed')).toBe(true);
  });

  it('verifies the partitioned store with its partition deltas, and answers within the partitions held', async () => {
    const { code, report } = python([
      'store',
      join(dir, 'us'),
      '--public-key',
      publicKey(),
      '--partitions',
      '212,718',
      '--receipt',
      join(dir, 'us-receipt.json'),
      ...usProbes.flatMap((key) => ['--check', key]),
    ]);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.epochs.map((epoch) => epoch.shards)).toEqual([3, 3]);
    expect(report.epochs[1]!.deltas).toBeGreaterThan(0);
    expect(report.epochs[1]!.deltasApplied).toBe(report.epochs[1]!.deltas);
    expect(report.checks).toEqual(await cliAnswers(usProbes, '--cache', 'cache-us'));
    expect(new Set(Object.values(report.checks))).toEqual(new Set(['listed', 'not_listed', 'NOT_ENTITLED']));
    expect(report.receipts[0]).toMatchObject({
      'scope and partitions': 'verified',
      'counts and times': 'verified',
    });
  });

  it('refuses a tampered partition shard', () => {
    const copy = join(tempDir('quietlist-spec-reader-partition-'), 'us');
    cpSync(join(dir, 'us'), copy, { recursive: true });
    const latest = JSON.parse(readFileSync(join(copy, 'latest.json'), 'utf8')) as {
      pointer: { epoch: string };
    };
    const shard = join(copy, 'epochs', latest.pointer.epoch, 'p', '646', 'shard-00000.qlbf');
    const bytes = readFileSync(shard);
    bytes[100]! ^= 1;
    writeFileSync(shard, bytes);
    const tampered = python(['store', copy, '--public-key', publicKey()]);
    expect(tampered.code).toBe(1);
    expect(tampered.report.errors).toEqual([
      expect.stringMatching(/^CHECKSUM_MISMATCH: .*p\/646\/shard-00000\.qlbf is not the signed file/),
    ]);
  });
});
