/**
 * Values with several readings, through every entry point: `508 43 01 23` written without its "+"
 * (+508 43 01 23, Saint-Pierre-et-Miquelon) or without its 0 (05 08 43 01 23). Registered under one
 * reading, checked as the ambiguous digits: listed by `check --store`, POST /v1/check, `pull` + `scrub`,
 * `check` on the cache, `scrub --online` (secret mode) and the oprf flow (`check --worker`,
 * `scrub --worker`), which evaluates every reading. A value with no valid reading is "invalid", a
 * leading minus LEADING_MINUS. libphonenumber's example numbers of Saint-Pierre-et-Miquelon.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

afterAll(removeTempDirs);

/** Registered: one under its +508 reading, one under its national reading. */
const REGISTRY = ['+508 43 01 23', '05 08 55 12 34', '+33 1 99 00 12 34'];
const PROBES = [
  { id: 'lost "+" of a registered +508 number', raw: '508430123', expected: 'listed' },
  { id: 'lost 0 of a registered 05 08 … number', raw: '508551234', expected: 'listed' },
  { id: 'neither reading registered', raw: '508412345', expected: 'not_listed' },
  { id: 'registered, plain', raw: '01 99 00 12 34', expected: 'listed' },
  { id: 'no valid reading', raw: '+33 0 99 00 12 34', expected: 'NO_VALID_READING' },
  { id: 'leading minus', raw: '-0199001234', expected: 'LEADING_MINUS' },
];

let dir: string;
const workers: RealWorker[] = [];
const keys: Record<'open' | 'secret' | 'oprf', { url: string; apiKey: string }> = {} as never;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });

function verdictsOf(stdout: string): string[] {
  return (JSON.parse(stdout) as { results: { status: string; reason?: string }[] }).results.map((result) =>
    result.status === 'invalid' ? result.reason! : result.status,
  );
}

beforeAll(async () => {
  dir = tempDir('quietlist-ambiguous-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  writeFileSync(join(dir, 'registry.txt'), `${REGISTRY.join('\n')}\n`);
  const publicKey = readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
  const settings = {
    open: {},
    secret: { QUIETLIST_HASH_KEY: readFileSync(join(dir, 'keys', 'hash.key'), 'utf8').trim() },
    oprf: { QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim() },
  };
  for (const mode of ['open', 'secret', 'oprf'] as const) {
    const build = await cli([
      'build',
      'registry.txt',
      '--mode',
      mode,
      '--store',
      `file://${mode}`,
      '--keys',
      'keys',
      '--no-expiry',
      ...(mode === 'oprf' ? ['--oprf-state', 'state'] : []),
    ]);
    expect(build.code, build.stderr).toBe(0);
    const store = new FileStore(join(dir, mode));
    const worker = await startRealWorker(store, publicKey, settings[mode]);
    workers.push(worker);
    keys[mode] = { url: worker.url, apiKey: await addSubscriber(store) };
  }
});

afterAll(async () => {
  for (const worker of workers) await worker.close();
});

const expected = PROBES.map((probe) => probe.expected);
const raws = PROBES.map((probe) => probe.raw);

describe('a value with several readings is listed if any reading is listed, in every path', () => {
  it('check --store (the operator)', async () => {
    const checked = await cli(['check', '--store', 'file://open', '--keys', 'keys', '--json', '--', ...raws]);
    expect(verdictsOf(checked.stdout)).toEqual(expected);
  });

  it('POST /v1/check', async () => {
    const response = await fetch(`${keys.open.url}/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.open.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: raws }),
    });
    expect(response.status).toBe(200);
    expect(verdictsOf(await response.text())).toEqual(expected);
  });

  const rows = ['id;phone', ...PROBES.map((probe, i) => `P${i};${probe.raw}`)];
  const idsIn = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(';')[0]!);
  const listedIds = PROBES.flatMap((probe, i) => (probe.expected === 'listed' ? [`P${i}`] : []));
  const cleanIds = PROBES.flatMap((probe, i) => (probe.expected === 'not_listed' ? [`P${i}`] : []));
  const scrub = (cache: string, extra: string[], env: Record<string, string> = {}) => {
    writeFileSync(join(dir, 'calls.csv'), `${rows.join('\n')}\n`);
    return cli(
      [
        'scrub',
        'calls.csv',
        '--cache',
        cache,
        '--column',
        'phone',
        '--out',
        'clean.csv',
        '--listed',
        'listed.csv',
        '--force',
        ...extra,
      ],
      env,
    );
  };

  it('pull + scrub, and check on the cache (open mode)', async () => {
    const pulled = await cli([
      'pull',
      '--cache',
      'cache-open',
      '--from',
      keys.open.url,
      '--public-key',
      'keys/signing.pub',
    ]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const scrubbed = await scrub('cache-open', []);
    expect(scrubbed.code, scrubbed.stderr).toBe(0);
    expect(idsIn('listed.csv')).toEqual(listedIds);
    expect(idsIn('clean.csv')).toEqual(cleanIds);
    const cached = await cli(['check', '--cache', 'cache-open', '--json', '--', ...raws]);
    expect(verdictsOf(cached.stdout)).toEqual(expected);
  });

  it('scrub --online (secret mode: each reading sent to the worker)', async () => {
    const pulled = await cli([
      'pull',
      '--cache',
      'cache-secret',
      '--from',
      keys.secret.url,
      '--public-key',
      'keys/signing.pub',
    ]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const scrubbed = await scrub('cache-secret', ['--online', keys.secret.url], {
      QUIETLIST_API_KEY: keys.secret.apiKey,
    });
    expect(scrubbed.code, scrubbed.stderr).toBe(0);
    expect(idsIn('listed.csv')).toEqual(listedIds);
    expect(idsIn('clean.csv')).toEqual(cleanIds);
  });

  it('the oprf flow evaluates every reading: check --worker and scrub --worker', async () => {
    const pulled = await cli([
      'pull',
      '--cache',
      'cache-oprf',
      '--from',
      keys.oprf.url,
      '--public-key',
      'keys/signing.pub',
    ]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const env = { QUIETLIST_API_KEY: keys.oprf.apiKey };
    const checked = await cli(
      ['check', '--cache', 'cache-oprf', '--worker', keys.oprf.url, '--json', '--', ...raws],
      env,
    );
    expect(verdictsOf(checked.stdout)).toEqual(expected);
    const scrubbed = await scrub('cache-oprf', ['--worker', keys.oprf.url], env);
    expect(scrubbed.code, scrubbed.stderr).toBe(0);
    expect(idsIn('listed.csv')).toEqual(listedIds);
    expect(idsIn('clean.csv')).toEqual(cleanIds);
    // Three ambiguous values: each one more evaluation (the check above journaled them all).
    expect(scrubbed.stdout).toMatch(/ 3 of the readings looked up are second readings of ambiguous values/);
  });
});
