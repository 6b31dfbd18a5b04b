/**
 * The client commands as a shell runs them: pull from file://, scrub with stdin/stdout and files,
 * exit codes and where the summary goes, errors that leave nothing behind, stale-list warnings.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { CLIENT_CLI_ENTRY, runClientCli } from './helpers/client-cli.ts';
import {
  freeNumbers,
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';

afterAll(removeTempDirs);

const registered = registeredNumbers(500);
const free = freeNumbers(5);
let operator: TestOperator;
let dir: string;
const cli = (args: string[], input?: string) => runClientCli(args, { cwd: dir, input });

beforeAll(async () => {
  operator = newOperator();
  await publish(operator, registered, { now: new Date(Date.now() - 40 * 86_400_000) });
  dir = tempDir('quietlist-client-cli-');
  const pulled = await cli(['pull', '--from', operator.storeUrl, '--public-key', operator.publicKeyFile]);
  expect(pulled.code, pulled.stderr).toBe(0);
  expect(pulled.stdout).toMatch(/installed epoch \S+ .* into \.quietlist\/cache/);
  // The epoch is 40 days old: past the 30-day rescrub period.
  expect(pulled.stderr).toMatch(/warning: epoch \S+ is 40 days old/);
});

describe('quietlist pull', () => {
  it('says the cache is up to date on a second pull', async () => {
    const again = await cli(['pull', '--from', operator.storeUrl, '--public-key', operator.publicKeyBase64]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/the cache is up to date/);
  });

  it('fails with exit 2 and keeps the cache when the key is wrong', async () => {
    const wrong = toBase64(generateSigningKeyPair().publicKey);
    const other = tempDir('quietlist-client-cli-');
    const result = await runClientCli(['pull', '--from', operator.storeUrl, '--public-key', wrong], {
      cwd: other,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not the pinned key.*the cache still holds no epoch \[SIGNATURE_INVALID\]/);
    expect(existsSync(join(other, '.quietlist/cache/current'))).toBe(false);
  });

  it('refuses a pull without a pinned key', async () => {
    const result = await runClientCli(['pull', '--from', operator.storeUrl], { cwd: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no public key given/);
  });
});

describe('quietlist scrub', () => {
  const csv = () => `name,phone\nA,${registered[0]}\nB,${free[0]}\nC,bad\n`;

  it('passes formula cells byte for byte with a warning, and neutralises them with --excel-safe', async () => {
    const formulas = `name,phone,note\n=HYPERLINK("http://x.test"),${free[0]},"=cmd|' /C calc'!A0"\nB,+33 ${free[1]!.slice(3)},-12\n`;
    const plain = await cli(['scrub', '-', '--column', 'phone', '--out', '-'], formulas);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(formulas);
    expect(plain.stderr).toMatch(
      /warning: 2 cell\(s\) of the outputs start with = \+ - @ TAB or CR, .* scrub with --excel-safe/,
    );
    const safe = await cli(['scrub', '-', '--column', 'phone', '--out', '-', '--excel-safe'], formulas);
    expect(safe.code, safe.stderr).toBe(0);
    // A ' before each formula cell (inside its quotes); the phone spelling and the number stay as they were.
    expect(safe.stdout).toBe(
      `name,phone,note\n'=HYPERLINK("http://x.test"),${free[0]},"'=cmd|' /C calc'!A0"\nB,+33 ${free[1]!.slice(3)},-12\n`,
    );
    expect(safe.stderr).toMatch(
      /excel-safe: 2 cell\(s\) a spreadsheet would run as formulas written as text/,
    );
    expect(safe.stderr).not.toMatch(/--excel-safe \(docs/);
  });

  it('reads stdin and writes the clean list to stdout, the summary to stderr', async () => {
    const result = await cli(['scrub', '-', '--column', 'phone', '--out', '-'], csv());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`name,phone\nB,${free[0]}\n`);
    expect(result.stderr).toMatch(
      /scrubbed stdin \(column "phone", CSV utf-8 ","\) against epoch .*\n {2}rows 3 {2}clean 1 {2}listed 1 {2}invalid 1/,
    );
    expect(result.stderr).toMatch(/warning: epoch \S+ is 40 days old/);
  });

  it('prints the summary on stdout when the clean list goes to a file, and writes the receipt', async () => {
    writeFileSync(join(dir, 'list.csv'), csv());
    const result = await cli([
      'scrub',
      'list.csv',
      '--column',
      'PHONE',
      '--out',
      'clean.csv',
      '--receipt',
      'receipt.json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rows 3 {2}clean 1 {2}listed 1 {2}invalid 1/);
    expect(readFileSync(join(dir, 'clean.csv'), 'utf8')).toBe(`name,phone\nB,${free[0]}\n`);
    expect(JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8')).counts).toEqual({
      rows: 3,
      listed: 1,
      clean: 1,
      invalid: 1,
      blank: 0,
    });
  });

  it('exits 2 on a missing column and creates no file at all', async () => {
    const work = tempDir('quietlist-client-cli-');
    writeFileSync(join(work, 'list.csv'), csv());
    const result = await runClientCli(
      [
        'scrub',
        'list.csv',
        '--column',
        'mobile',
        '--out',
        'clean.csv',
        '--listed',
        'listed.csv',
        '--rejects',
        'rejects.csv',
        '--receipt',
        'receipt.json',
        '--cache',
        join(dir, '.quietlist/cache'),
      ],
      { cwd: work },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /column "mobile" is not in the header row .* nothing was written \[INPUT_INVALID\]/,
    );
    expect(readdirSync(work)).toEqual(['list.csv']);
  });

  it('finds the phone column by its header without --column, and otherwise says so in one line (exit 1)', async () => {
    const found = await cli(
      ['scrub', '-', '--out', '-'],
      `Nom,Téléphone\nA,${registered[0]}\nB,${free[0]}\n`,
    );
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toBe(`Nom,Téléphone\nB,${free[0]}\n`);
    const unknown = await cli(['scrub', '-', '--out', '-'], `nom,ville,contact\nA,Paris,${free[0]}\n`);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'quietlist: no phone column recognised in the header row (it has: "nom", "ville", "contact"); pass --column NAME or --column POSITION [INVALID_ARGUMENT]\n',
    );
    const position = await cli(
      ['scrub', '-', '--column', '3', '--out', '-'],
      `nom,ville,contact\nA,Paris,${free[0]}\n`,
    );
    expect(position.code, position.stderr).toBe(0);
    expect(position.stdout).toBe(`nom,ville,contact\nA,Paris,${free[0]}\n`);
  });

  it('checks every phone column: --column once per column, or every phone column of the header', async () => {
    const list = [
      'Nom,Fixe,Portable',
      `A,${free[0]},${registered[1]}`,
      `B,${free[1]},${free[2]}`,
      `C,,${free[3]}`,
      `D,${registered[2]},`,
    ].join('\n');
    const given = await cli(
      ['scrub', '-', '--column', 'fixe', '--column', 'Portable', '--out', '-'],
      `${list}\n`,
    );
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toBe(`Nom,Fixe,Portable\nB,${free[1]},${free[2]}\nC,,${free[3]}\n`);
    expect(given.stderr).toMatch(/columns "Fixe", "Portable", CSV utf-8 ","/);
    // "Téléphone fixe" beside "Portable": both are phone columns, both are checked.
    const found = await cli(['scrub', '-', '--out', '-'], `${list.replace('Fixe', 'Téléphone fixe')}\n`);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toBe(`Nom,Téléphone fixe,Portable\nB,${free[1]},${free[2]}\nC,,${free[3]}\n`);
  });

  it('refuses to write over its input, and stdout for anything but --out', async () => {
    writeFileSync(join(dir, 'same.csv'), csv());
    const same = await cli(['scrub', 'same.csv', '--column', 'phone', '--out', 'same.csv']);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/--out names the same file as the input/);
    const stdout = await cli(['scrub', 'same.csv', '--column', 'phone', '--out', 'x.csv', '--listed', '-']);
    expect(stdout.code).toBe(1);
    expect(readFileSync(join(dir, 'same.csv'), 'utf8')).toBe(csv());
  });

  it('refuses an existing output unless --force, before reading anything, and replaces it whole', async () => {
    writeFileSync(join(dir, 'calls.csv'), csv());
    writeFileSync(join(dir, 'kept.csv'), 'do not touch\n');
    const refused = await cli(['scrub', 'calls.csv', '--column', 'phone', '--out', 'kept.csv']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'quietlist: --out kept.csv already exists: add --force to replace it [INVALID_ARGUMENT]\n',
    );
    expect(readFileSync(join(dir, 'kept.csv'), 'utf8')).toBe('do not touch\n');
    const forced = await cli(['scrub', 'calls.csv', '--column', 'phone', '--out', 'kept.csv', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'kept.csv'), 'utf8')).toBe(`name,phone\nB,${free[0]}\n`);
    expect(readdirSync(dir).filter((name) => name.includes('quietlist-tmp'))).toEqual([]);
  });

  it('refuses to write over the file piped in as stdin or a hard link of the input, even with --force', async () => {
    writeFileSync(join(dir, 'piped.csv'), csv());
    const piped = await runWithStdinFile(
      ['scrub', '-', '--column', 'phone', '--out', 'piped.csv', '--force'],
      'piped.csv',
    );
    expect(piped.code).toBe(1);
    expect(piped.stderr).toMatch(/--out piped\.csv is the input itself/);
    expect(readFileSync(join(dir, 'piped.csv'), 'utf8')).toBe(csv());
    linkSync(join(dir, 'piped.csv'), join(dir, 'linked.csv'));
    const linked = await cli([
      'scrub',
      'piped.csv',
      '--column',
      'phone',
      '--out',
      'o.csv',
      '--rejects',
      'linked.csv',
      '--force',
    ]);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/--rejects linked\.csv is the input itself/);
    expect(readFileSync(join(dir, 'piped.csv'), 'utf8')).toBe(csv());
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
  });

  it('tells a user without a pulled epoch what to do', async () => {
    const result = await runClientCli(['check', free[0]!], { cwd: tempDir() });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no epoch in the cache .* run `quietlist pull --from/);
  });
});

/** The CLI with its stdin redirected from a file (`quietlist ... < file`), as a shell would. */
function runWithStdinFile(args: string[], file: string): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(join(dir, file), 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT_CLI_ENTRY, ...args], {
      cwd: dir,
      stdio: [fd, 'ignore', 'pipe'],
      env: { ...process.env, QUIETLIST_API_KEY: undefined },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(fd);
      resolve({ code, stderr });
    });
  });
}
