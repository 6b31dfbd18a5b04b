/**
 * A Spanish-style register end to end (docs/FORMAT.md §1.3): a Lista Robinson export whose rows name
 * the channels and sectors each person opted out of (every shape: everything, a channel, two, a
 * sector, both…), built by `quietlist build --register es-robinson`, served by the real API and
 * checked on every path for a matrix of scopes: `scrub --worker` and `check --worker` (oprf, the
 * default), `scrub --online`, `check --online` and POST /v1/check (secret mode), and a local threaded
 * scrub (open mode). Every row's answer is compared with the truth of its registration: no false
 * negative for any scope, and a number opted out only of other channels or sectors comes back clean.
 * One blinded evaluation per number serves every scope: the worker is asked once per number, whatever
 * the scopes scrubbed, and the quota is charged once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/storage/file-store.ts';
import {
  type RobinsonRow,
  robinsonRows,
  rowCovers,
  spanishNumbers,
} from '../../helpers/register-fixtures.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

const numbers = spanishNumbers(64, 77);
const registrations = robinsonRows(numbers.slice(0, 48));
const free = numbers.slice(48);
/** Each number as E.164 and in its 9-digit national spelling, the free ones after. */
const calls = [...registrations.map((row) => row.phone), ...free].flatMap((e164) => [e164, e164.slice(3)]);
const rowOf = new Map<string, RobinsonRow>(registrations.map((row) => [row.phone, row]));

/** The scopes checked: any, each channel, each sector used, and pairs of both. */
const SCOPES: [string | null, string | null][] = [
  [null, null],
  ['call', null],
  ['sms', null],
  [null, 'energy'],
  [null, 'retail'],
  ['call', 'energy'],
  ['sms', 'telecoms'],
  ['email', 'finance'],
  ['post', 'travel'],
  ['post', 'insurance'],
];

function truth(value: string, channel: string | null, sector: string | null): 'listed' | 'not_listed' {
  const e164 = value.startsWith('+') ? value : `+34${value}`;
  const row = rowOf.get(e164);
  return row && rowCovers(row, channel, sector) ? 'listed' : 'not_listed';
}

let dir: string;
const workers: RealWorker[] = [];
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });
const key = (name: string) => readFileSync(join(dir, 'keys', name), 'utf8').trim();
const scopeFlags = (channel: string | null, sector: string | null) => [
  ...(channel ? ['--channel', channel] : []),
  ...(sector ? ['--sector', sector] : []),
];

async function build(mode: string, store: string): Promise<void> {
  const result = await cli([
    'build',
    'export.csv',
    '--register',
    'es-robinson',
    '--mode',
    mode,
    '--keys',
    'keys',
    '--store',
    `file://${store}`,
  ]);
  expect(result.code, result.stderr).toBe(0);
}

/** Every row of a flagged scrub, compared with the truth; the mismatches (never a number: row indexes). */
function wrongRows(file: string, channel: string | null, sector: string | null): string[] {
  const rows = parse(readFileSync(join(dir, file)), { columns: true }) as {
    phone: string;
    quietlist_status: string;
  }[];
  expect(rows).toHaveLength(calls.length);
  return rows
    .map((row, i) => ({ i, expected: truth(calls[i]!, channel, sector), got: row.quietlist_status }))
    .filter((row) => row.expected !== row.got)
    .map((row) => `row ${row.i}: ${row.got}, expected ${row.expected}`);
}

beforeAll(async () => {
  dir = tempDir('quietlist-scopes-e2e-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  const lines = registrations.map((row) => `${row.phone.slice(3)};"${row.channels}";"${row.sectors}"`);
  writeFileSync(join(dir, 'export.csv'), `Teléfono;Canales;Sectores\n${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'calls.csv'), `phone\n${calls.join('\n')}\n`);
  await build('oprf', 'oprf');
  await build('secret', 'secret');
  await build('open', 'open');
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
  await removeTempDirs();
});

describe('a register with channels and sectors (es-robinson)', () => {
  it('oprf: scrub --worker answers every scope right, with one evaluation per number for all of them', async () => {
    const store = new FileStore(join(dir, 'oprf'));
    const worker = await startRealWorker(store, key('signing.pub'), { QUIETLIST_OPRF_KEY: key('oprf.key') });
    workers.push(worker);
    const apiKey = await addSubscriber(store);
    const env = { QUIETLIST_API_KEY: apiKey };
    expect((await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub'], env)).code).toBe(0);
    for (const [channel, sector] of SCOPES) {
      const scrub = await cli(
        [
          'scrub',
          'calls.csv',
          '--worker',
          worker.url,
          '--mode',
          'flag',
          '--out',
          'flagged.csv',
          '--receipt',
          'receipt.json',
          '--force',
          ...scopeFlags(channel, sector),
        ],
        env,
      );
      expect(scrub.code, scrub.stderr).toBe(0);
      expect(wrongRows('flagged.csv', channel, sector), `${channel}/${sector}`).toEqual([]);
      const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8')) as { scope: unknown };
      expect(receipt.scope).toEqual({ channel, sector });
    }
    // 64 numbers, one reading each: 64 evaluations in all, one request, for ten scopes.
    const evaluations = worker.audit.filter((entry) => entry.endpoint === 'POST /v1/oprf/evaluate');
    expect(evaluations.reduce((sum, entry) => sum + entry.numbers, 0)).toBe(64);
    expect(evaluations).toHaveLength(1);

    // check --worker, a fresh cache: the same one evaluation per number, whatever the scope.
    const sample = [registrations[5]!.phone, registrations[1]!.phone, free[0]!];
    const check = await cli(
      ['pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--cache', 'cache-2'],
      env,
    );
    expect(check.code).toBe(0);
    const before = worker.audit.length;
    const answer = await cli(
      [
        'check',
        '--cache',
        'cache-2',
        '--worker',
        worker.url,
        '--channel',
        'call',
        '--sector',
        'energy',
        '--json',
        ...sample,
      ],
      env,
    );
    expect(answer.code, answer.stderr).toBe(0);
    const results = JSON.parse(answer.stdout) as { scope: unknown; results: { status: string }[] };
    expect(results.scope).toEqual({ channel: 'call', sector: 'energy' });
    expect(results.results.map((r) => r.status)).toEqual(
      sample.map((value) => truth(value, 'call', 'energy')),
    );
    const charged = worker.audit.slice(before).filter((entry) => entry.endpoint === 'POST /v1/oprf/evaluate');
    expect(charged.reduce((sum, entry) => sum + entry.numbers, 0)).toBe(sample.length);
  }, 300_000);

  it('secret: scrub --online, check --online and POST /v1/check answer per scope; an undeclared code is refused', async () => {
    const store = new FileStore(join(dir, 'secret'));
    const worker = await startRealWorker(store, key('signing.pub'), { QUIETLIST_HASH_KEY: key('hash.key') });
    workers.push(worker);
    const apiKey = await addSubscriber(store);
    const env = { QUIETLIST_API_KEY: apiKey };
    expect(
      (
        await cli(
          ['pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--cache', 'cache-secret'],
          env,
        )
      ).code,
    ).toBe(0);
    for (const [channel, sector] of [SCOPES[0]!, SCOPES[5]!, SCOPES[6]!]) {
      const scrub = await cli(
        [
          'scrub',
          'calls.csv',
          '--cache',
          'cache-secret',
          '--online',
          worker.url,
          '--mode',
          'flag',
          '--out',
          'online.csv',
          '--force',
          ...scopeFlags(channel, sector),
        ],
        env,
      );
      expect(scrub.code, scrub.stderr).toBe(0);
      expect(wrongRows('online.csv', channel, sector), `${channel}/${sector}`).toEqual([]);
    }
    const check = await cli(
      [
        'check',
        '--online',
        worker.url,
        '--channel',
        'sms',
        '--sector',
        'energy',
        '--json',
        ...calls.slice(0, 16),
      ],
      env,
    );
    expect(check.code, check.stderr).toBe(0);
    const statuses = (JSON.parse(check.stdout) as { results: { status: string }[] }).results.map(
      (r) => r.status,
    );
    expect(statuses).toEqual(calls.slice(0, 16).map((value) => truth(value, 'sms', 'energy')));
    const refused = await fetch(`${worker.url}/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: [calls[0]], scope: { channel: 'fax' } }),
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_SCOPE');
    expect(body.error.message).not.toContain('fax');
  }, 300_000);

  it('open: a local scrub on two threads answers every scope right, in every phone column', async () => {
    expect(
      (
        await cli([
          'pull',
          '--from',
          'file://open',
          '--public-key',
          'keys/signing.pub',
          '--cache',
          'cache-open',
        ])
      ).code,
    ).toBe(0);
    for (const [channel, sector] of SCOPES) {
      const scrub = await cli([
        'scrub',
        'calls.csv',
        '--cache',
        'cache-open',
        '--threads',
        '2',
        '--mode',
        'flag',
        '--out',
        'local.csv',
        '--force',
        ...scopeFlags(channel, sector),
      ]);
      expect(scrub.code, scrub.stderr).toBe(0);
      expect(wrongRows('local.csv', channel, sector), `${channel}/${sector}`).toEqual([]);
    }
    // Several phone columns: each checked in the scope chosen, a row listed if any of its numbers is.
    const mobiles = [...calls].reverse();
    writeFileSync(
      join(dir, 'two-columns.csv'),
      `phone,mobile\n${calls.map((value, i) => `${value},${mobiles[i]}`).join('\n')}\n`,
    );
    for (const [channel, sector] of SCOPES.slice(4, 8)) {
      const scrub = await cli([
        'scrub',
        'two-columns.csv',
        '--cache',
        'cache-open',
        '--column',
        'phone',
        '--column',
        'mobile',
        '--mode',
        'flag',
        '--out',
        'two.csv',
        '--force',
        ...scopeFlags(channel, sector),
      ]);
      expect(scrub.code, scrub.stderr).toBe(0);
      const rows = parse(readFileSync(join(dir, 'two.csv')), { columns: true }) as {
        quietlist_status: string;
      }[];
      const wrong = rows
        .map((row, i) => {
          const listed = [calls[i]!, mobiles[i]!].some((value) => truth(value, channel, sector) === 'listed');
          return listed === (row.quietlist_status === 'listed') ? '' : `row ${i}: ${row.quietlist_status}`;
        })
        .filter(Boolean);
      expect(wrong, `${channel}/${sector}`).toEqual([]);
    }
    // A code the register does not declare is refused before anything is read.
    const wrong = await cli([
      'scrub',
      'calls.csv',
      '--cache',
      'cache-open',
      '--channel',
      'fax',
      '--out',
      'x.csv',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /that channel is not one of Lista Robinson \(es-robinson\)'s: call, sms, email, post/,
    );
  }, 300_000);
});
