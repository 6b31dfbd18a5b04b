/**
 * The real `quietlist` CLI refuses a mistyped option before it reads or writes anything: every command
 * of the tree (walked from src/cli/main.ts, so a command added later is covered) is run with a
 * misspelt option in an empty directory whose only entry is a FIFO given as the input: a command
 * that opened it would block, so an exit within the test's time shows it was not read; the directory
 * is unchanged afterwards. Then the cases of issue 17 with real keys and an export, and the API key
 * read from stdin or a file, never from the command line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { mainCommand } from '../../../src/cli/main.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { type StandInWorker, startStandInWorker } from '../client/helpers/stand-in-worker.ts';

type Args = Record<string, { type?: string; required?: boolean; default?: unknown }>;
const dirs: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quietlist-strict-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function resolve<T>(value: unknown): Promise<T> {
  return (typeof value === 'function' ? await value() : await value) as T;
}

async function leaves(command: unknown = mainCommand, path: string[] = []): Promise<[string[], Args][]> {
  const def = await resolve<{ args?: unknown; subCommands?: unknown }>(command);
  const subCommands = await resolve<Record<string, unknown> | undefined>(def.subCommands);
  if (!subCommands) return [[path, (await resolve<Args | undefined>(def.args)) ?? {}]];
  const found: [string[], Args][] = [];
  for (const [name, sub] of Object.entries(subCommands)) found.push(...(await leaves(sub, [...path, name])));
  return found;
}

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('every command refuses a misspelt option before touching anything', async () => {
  const all = await leaves();
  it.each(all.map(([path, args]) => [path.join(' '), path, args] as const))('%s', async (_, path, args) => {
    const dir = scratch();
    execFileSync('mkfifo', [join(dir, 'input')]);
    const line = [...path];
    for (const [name, def] of Object.entries(args)) {
      if (def.type === 'positional' && def.required !== false && def.default === undefined)
        line.push('input');
      else if (def.type !== 'positional' && def.required && def.default === undefined)
        line.push(`--${name}`, 'input');
    }
    const option = Object.keys(args).find((name) => args[name]!.type !== 'positional' && name.length >= 4);
    expect(option, `${path.join(' ')} declares an option`).toBeDefined();
    const typo = `${option!.slice(0, 2)}${option![3]}${option![2]}${option!.slice(4)}`; // two letters swapped
    const result = await runCli([...line, `--${typo}`, 'input'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toBe(
      `quietlist: ${path.join(' ')}: unknown option --${typo}: did you mean --${option}? [INVALID_ARGUMENT]`,
    );
    expect(readdirSync(dir)).toEqual(['input']);
  });
});

describe('issue 17 with real keys and an export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = scratch();
    expect((await runCli(['keygen', '--out', 'keys'], { cwd: dir })).code).toBe(0);
    const rows = Array.from({ length: 20 }, (_, i) => `${fictionalNumber(i)},2026-01-15`);
    writeFileSync(join(dir, 'export.csv'), `phone,registered\n${rows.join('\n')}\n`);
  });

  it('build --date-colum publishes nothing', async () => {
    const result = await runCli(
      ['build', 'export.csv', '--date-colum', 'registered', '--keys', 'keys', '--store', 'file://store'],
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toContain('unknown option --date-colum: did you mean --date-column?');
    expect(existsSync(join(dir, 'store'))).toBe(false);
    expect(existsSync(join(dir, '.quietlist'))).toBe(false);
  });

  it('build --regster us-dnc (the option misspelt) builds nothing, naming --register', async () => {
    const result = await runCli(['build', 'export.csv', '--regster', 'us-dnc', '--keys', 'keys'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /^quietlist: build: unknown option --regster: did you mean --register\?/,
    );
    expect(existsSync(join(dir, '.quietlist'))).toBe(false);
  });

  it('build --register us-dcn (the register misspelt) builds nothing, naming us-dnc', async () => {
    const result = await runCli(['build', 'export.csv', '--register', 'us-dcn', '--keys', 'keys'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(
      /--register us-dcn is not a known register \(did you mean us-dnc\?\)/,
    );
    expect(existsSync(join(dir, '.quietlist'))).toBe(false);
  });

  it('check --onlinee URL NUMBER checks nothing', async () => {
    const number = fictionalNumber(3).replace('+33', '0');
    const result = await runCli(['check', '--onlinee', 'http://127.0.0.1:9', number], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(oneLine(result.stderr)).toContain('did you mean --online?');
    expect(result.stderr).not.toContain(number.slice(1));
  });
});

describe('the API key: never on the command line', () => {
  let worker: StandInWorker;
  let dir: string;
  beforeAll(async () => {
    dir = scratch();
    mkdirSync(join(dir, 'store'));
    worker = await startStandInWorker(new FileStore(join(dir, 'store')));
    worker.check = (numbers) => ({
      epoch: '20261128T020000Z-abc',
      falsePositiveRate: 1e-6,
      results: numbers.map(() => ({ status: 'not_listed' })),
    });
  });
  afterAll(() => worker.close());

  const check = (extra: string[], options: Parameters<typeof runCli>[1] = {}) =>
    runCli(['check', fictionalNumber(1), '--online', worker.url, ...extra], {
      cwd: dir,
      ...options,
      env: { QUIETLIST_API_KEY: '', ...options.env },
    });

  it('--api-key VALUE is refused, naming the alternatives, without echoing the key', async () => {
    worker.requests.length = 0;
    const result = await check(['--api-key', 'ql_secret_value']);
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain('--api-key is refused');
    expect(line).toContain('$QUIETLIST_API_KEY');
    expect(line).toContain('--api-key-file');
    expect(line).not.toContain('ql_secret_value');
    expect(worker.requests).toHaveLength(0);
  });

  it('--api-key-file - reads it from stdin; --api-key-file FILE from a file; else the environment', async () => {
    worker.requests.length = 0;
    expect((await check(['--api-key-file', '-'], { input: 'ql_from_stdin\n' })).code).toBe(0);
    writeFileSync(join(dir, 'key'), 'ql_from_file\n', { mode: 0o600 });
    expect((await check(['--api-key-file', 'key'])).code).toBe(0);
    expect((await check([], { env: { QUIETLIST_API_KEY: 'ql_from_env' } })).code).toBe(0);
    expect(worker.requests.map((request) => request.authorization)).toEqual([
      'Bearer ql_from_stdin',
      'Bearer ql_from_file',
      'Bearer ql_from_env',
    ]);
  });

  it('a key file that holds no single key is refused without showing its content', async () => {
    writeFileSync(join(dir, 'not-a-key'), 'two words\n');
    const result = await check(['--api-key-file', 'not-a-key']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toBe(
      'quietlist: --api-key-file: not-a-key does not hold one API key [INVALID_ARGUMENT]',
    );
  });
});
