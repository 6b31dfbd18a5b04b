/**
 * A Lista Robinson export as Spain writes it, through the CLI on its defaults (oprf): `;`-separated,
 * saved by Excel in Windows-1252 or in UTF-8, channels and sectors in Spanish (`Teléfono, SMS`,
 * `LLAMADAS|correo postal`, `Telefono` without its accent, `Energía y suministros`). `quietlist build
 * --register es-robinson` publishes it, refusing only the rows whose value is no code and no alias
 * (named with the codes accepted, never a number), and gives the same filters and the same signed
 * register as the same registrations written in codes; `check --channel call` against the real API
 * finds a number registered as `Telefono`, and a number opted out of e-mail only is free for calls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_PROFILES, registerNumbers } from '../../../scripts/register-numbers.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { numberLeaks } from '../../helpers/number-leaks.ts';
import {
  ROBINSON_SIGNED_RULES,
  robinsonExport,
  shapeOf,
  windows1252,
} from '../../helpers/robinson-export.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

const generator = REGISTER_PROFILES.find((profile) => profile.id === 'ES')!;
const all = registerNumbers(generator, 302, 4321);
const registered = all.slice(0, 300);
/** Two more numbers, on rows whose channels cell is wrong: "Fax", and a number shifted into it. */
const [faxRow, shiftedRow] = all.slice(300);
const extra = [`${faxRow!.nsn};"Fax";""`, `${shiftedRow!.nsn};"${registered[0]!.nsn}";""`];
const e164s = registered.map((number) => number.e164);

let dir: string;
let worker: RealWorker | undefined;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });
const key = (name: string) => readFileSync(join(dir, 'keys', name), 'utf8').trim();

interface Built {
  stdout: string;
  stderr: string;
  summary: {
    counts: { rows: number; accepted: number; rejected: number };
    rejectReasons: Record<string, number>;
  };
  manifest: { register: unknown; shards: { sha256: string }[] };
}

async function build(file: string, store: string): Promise<Built> {
  const result = await cli([
    ...['build', file, '--register', 'es-robinson', '--keys', 'keys', '--store', `file://${store}`],
    ...['--rejects', `${store}-rejects.csv`, '--json'],
  ]);
  expect(result.code, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout) as Built['summary'] & { epoch: string };
  const manifest = JSON.parse(
    readFileSync(join(dir, store, 'epochs', summary.epoch, 'manifest.json'), 'utf8'),
  ) as { manifest: Built['manifest'] };
  return { stdout: result.stdout, stderr: result.stderr, summary, manifest: manifest.manifest };
}

const builds: Record<'windows1252' | 'utf8' | 'codes', Built> = {} as never;

beforeAll(async () => {
  dir = tempDir('quietlist-spanish-export-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  const spanish = robinsonExport(e164s, { extra });
  writeFileSync(join(dir, 'robinson-1252.csv'), windows1252(spanish));
  writeFileSync(join(dir, 'robinson-utf8.csv'), spanish);
  writeFileSync(join(dir, 'robinson-codes.csv'), robinsonExport(e164s, { codes: true, extra }));
  builds.windows1252 = await build('robinson-1252.csv', 'store-1252');
  builds.utf8 = await build('robinson-utf8.csv', 'store-utf8');
  builds.codes = await build('robinson-codes.csv', 'store-codes');
}, 240_000);

afterAll(async () => {
  await worker?.close();
  await removeTempDirs();
});

describe('a Spanish Lista Robinson export, built by the CLI', () => {
  it('publishes every row written in Spanish, refusing only the values that are no code and no alias', () => {
    const fax =
      'a channel the register\'s profile does not declare: "Fax" (accepted: call, sms, email, post, or an alias of one: docs/REGISTERS.md)';
    const shifted =
      "a channel the register's profile does not declare: a value not shown (it holds digits or control characters) (accepted: call, sms, email, post, or an alias of one: docs/REGISTERS.md)";
    for (const built of Object.values(builds)) {
      expect(built.summary.counts).toMatchObject({ rows: 302, accepted: 300, rejected: 2 });
      expect(built.summary.rejectReasons).toEqual({ [fax]: 1, [shifted]: 1 });
      expect(numberLeaks(built.stdout + built.stderr, all)).toEqual([]);
    }
    const rejects = readFileSync(join(dir, 'store-1252-rejects.csv'), 'utf8');
    expect(rejects.split('\n')[1]).toMatch(
      /^302,"a channel .*\(accepted: call, sms, email, post, or an alias/,
    );
    expect(numberLeaks(rejects, all)).toEqual([]);
  });

  it('gives the filters and the signed register of the same export written in codes', () => {
    const sha256 = (built: Built) => built.manifest.shards.map((shard) => shard.sha256);
    expect(sha256(builds.windows1252)).toEqual(sha256(builds.codes));
    expect(sha256(builds.utf8)).toEqual(sha256(builds.codes));
    for (const built of Object.values(builds)) expect(built.manifest.register).toEqual(ROBINSON_SIGNED_RULES);
  });

  it('check --channel call finds a number registered as "Telefono"; one opted out of e-mail only is free for calls', async () => {
    const store = new FileStore(join(dir, 'store-1252'));
    worker = await startRealWorker(store, key('signing.pub'), { QUIETLIST_OPRF_KEY: key('oprf.key') });
    const env = { QUIETLIST_API_KEY: await addSubscriber(store) };
    const pull = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub'], env);
    expect(pull.code, pull.stderr).toBe(0);
    // Rows 0 ("Teléfono, SMS"), 1 ("LLAMADAS|correo postal"), 2 ("Telefono"), 3 ("Correo electrónico"),
    // 5 ("Todos") and 7 (nothing: every channel), in their national spelling.
    const rows = [0, 1, 2, 3, 5, 7];
    expect(rows.map((i) => shapeOf(i).channels)).toEqual([
      'Teléfono, SMS',
      'LLAMADAS|correo postal',
      'Telefono',
      'Correo electrónico',
      'Todos',
      '',
    ]);
    const asked = rows.map((i) => registered[i]!.nsn);
    const check = async (channel: string) => {
      const result = await cli(
        ['check', '--worker', worker!.url, '--channel', channel, '--json', ...asked],
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(numberLeaks(result.stderr, all)).toEqual([]);
      return (JSON.parse(result.stdout) as { results: { status: string }[] }).results.map((r) => r.status);
    };
    expect(await check('call')).toEqual(['listed', 'listed', 'listed', 'not_listed', 'listed', 'listed']);
    expect(await check('email')).toEqual([
      'not_listed',
      'not_listed',
      'not_listed',
      'listed',
      'listed',
      'listed',
    ]);
    // The rows refused for their channels were not entered for any channel.
    const refused = await cli(
      ['check', '--worker', worker.url, '--channel', 'call', '--json', faxRow!.nsn, shiftedRow!.nsn],
      env,
    );
    expect(refused.code, refused.stderr).toBe(0);
    expect(
      (JSON.parse(refused.stdout) as { results: { status: string }[] }).results.map((r) => r.status),
    ).toEqual(['not_listed', 'not_listed']);
  }, 120_000);
});
