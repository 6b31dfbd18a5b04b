/**
 * One held set of numbers (synthetic: registered and free, in several spellings, and invalid values)
 * through every entry point that answers "is this number listed?": the API's POST /v1/check,
 * `check --store`, `check` on the pulled cache, `scrub` (hashing threads) and the oprf flow (`check
 * --worker`, `scrub --worker`). Every entry point must give the same answer for every value, and it
 * must be the right one: registered → listed, free → not listed, invalid → the same reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { checkOnline } from '../../../src/client/online/online-check.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runClientCli } from './helpers/client-cli.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

afterAll(removeTempDirs);

const REGISTERED = Array.from({ length: 300 }, (_, i) => fictionalNumber(i * 7));
const FREE = Array.from({ length: 300 }, (_, i) => fictionalNumber(i * 7 + 3));
const INVALID: [string, string][] = [
  ['abc', 'NOT_A_NUMBER'],
  ['123', 'TOO_SHORT'],
  ['+999 639980012', 'INVALID_COUNTRY'],
  ['06 39 98 00 12 3', 'TOO_LONG'],
];
/** Three spellings of each of 40 registered and 40 free numbers, then the invalid values. */
const HELD = [
  ...REGISTERED.slice(0, 40).flatMap((e164, i) => [0, 3, 5].map((s) => spellings(e164)[(s + i) % 8]!)),
  ...FREE.slice(0, 40).flatMap((e164, i) => [1, 4, 6].map((s) => spellings(e164)[(s + i) % 8]!)),
  ...INVALID.map(([value]) => value),
];
const EXPECTED = [
  ...HELD.slice(0, 120).map(() => 'listed'),
  ...HELD.slice(120, 240).map(() => 'not_listed'),
  ...INVALID.map(([, reason]) => `invalid:${reason}`),
];

let dir: string;
const workers: RealWorker[] = [];
const cli = (args: string[]) => runClientCli(args, { cwd: dir });

async function cliOk(args: string[], codes = [0]): Promise<string> {
  const result = await cli(args);
  expect(codes, result.stderr).toContain(result.code);
  return result.stdout;
}

/** `check --json` answers as "listed", "not_listed" or "invalid:REASON". */
function checkAnswers(stdout: string): string[] {
  const parsed = JSON.parse(stdout) as { results: { status: string; reason?: string }[] };
  return parsed.results.map((r) => (r.status === 'invalid' ? `invalid:${r.reason}` : r.status));
}

/** A flag-mode scrub's answers: the status column of each row, the reason from the rejects file. */
async function scrubAnswers(tag: string, extra: string[]): Promise<string[]> {
  writeFileSync(join(dir, 'held.csv'), `id;phone\n${HELD.map((value, i) => `${i};${value}`).join('\n')}\n`);
  await cliOk([
    'scrub',
    'held.csv',
    '--column',
    'phone',
    '--mode',
    'flag',
    '--out',
    `flag-${tag}.csv`,
    '--rejects',
    `rejects-${tag}.csv`,
    ...extra,
  ]);
  const reasons = new Map<number, string>();
  for (const line of readFileSync(join(dir, `rejects-${tag}.csv`), 'latin1')
    .trim()
    .split('\n')
    .slice(1)) {
    const fields = line.split(';');
    reasons.set(Number(fields[0]), fields.at(-1)!.split(':')[0]!);
  }
  const rows = readFileSync(join(dir, `flag-${tag}.csv`), 'latin1')
    .trim()
    .split('\n')
    .slice(1);
  return rows.map((line) => {
    const fields = line.split(';');
    const status = fields.at(-1)!;
    return status === 'invalid' ? `invalid:${reasons.get(Number(fields[0]))}` : status;
  });
}

beforeAll(async () => {
  dir = tempDir('quietlist-differential-');
  await cliOk(['keygen', '--out', 'keys']);
  writeFileSync(join(dir, 'registry.txt'), `${REGISTERED.join('\n')}\n`);
  for (const mode of ['open', 'oprf']) {
    const args = [
      'build',
      'registry.txt',
      '--mode',
      mode,
      '--store',
      `file://store-${mode}`,
      '--keys',
      'keys',
    ];
    await cliOk(mode === 'oprf' ? [...args, '--oprf-state', 'state'] : args);
  }
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
});

describe('every entry point gives the same answer for the same numbers', () => {
  it('open mode: POST /v1/check, check --store, check on the cache, scrub', async () => {
    const publicKey = readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
    const store = new FileStore(join(dir, 'store-open'));
    const worker = await startRealWorker(store, publicKey);
    workers.push(worker);
    const online = await checkOnline(HELD, { url: worker.url, apiKey: await addSubscriber(store) });
    const api = online.results.map((r) => (r.status === 'invalid' ? `invalid:${r.reason}` : r.status));
    const fromStore = checkAnswers(
      await cliOk(['check', ...HELD, '--store', 'file://store-open', '--keys', 'keys', '--json'], [2]),
    );
    await cliOk(['pull', '--from', 'file://store-open', '--public-key', 'keys/signing.pub']);
    const fromCache = checkAnswers(await cliOk(['check', ...HELD, '--json'], [2]));
    const scrubbed = await scrubAnswers('open', ['--threads', '2']);
    expect({ api, fromStore, fromCache, scrubbed }).toEqual({
      api: EXPECTED,
      fromStore: EXPECTED,
      fromCache: EXPECTED,
      scrubbed: EXPECTED,
    });
  });

  it('oprf mode: check --store (operator), check --worker and scrub --worker on the pulled cache', async () => {
    const publicKey = readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
    const store = new FileStore(join(dir, 'store-oprf'));
    const worker = await startRealWorker(store, publicKey, {
      QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim(),
    });
    workers.push(worker);
    // A key file, as an operator passes it: a key on the command line is refused (it shows in ps).
    writeFileSync(join(dir, 'api-key'), `${await addSubscriber(store)}\n`, { mode: 0o600 });
    const operator = checkAnswers(
      await cliOk(['check', ...HELD, '--store', 'file://store-oprf', '--keys', 'keys', '--json'], [2]),
    );
    await cliOk(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--cache', 'cache-oprf']);
    const viaWorker = checkAnswers(
      await cliOk(
        [
          'check',
          ...HELD,
          '--cache',
          'cache-oprf',
          '--worker',
          worker.url,
          '--api-key-file',
          'api-key',
          '--json',
        ],
        [2],
      ),
    );
    const scrubbed = await scrubAnswers('oprf', [
      '--cache',
      'cache-oprf',
      '--worker',
      worker.url,
      '--api-key-file',
      'api-key',
    ]);
    expect({ operator, viaWorker, scrubbed }).toEqual({
      operator: EXPECTED,
      viaWorker: EXPECTED,
      scrubbed: EXPECTED,
    });
  });
});
