/** `quietlist build` is private by default (oprf); open mode is an explicit choice that warns with the measured cost. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { describeWalkCost, enumerationCost } from '../../../src/core/privacy/open-mode-exposure.ts';
import { runCli } from '../../helpers/run-cli.ts';

let dir: string;
const cli = (...args: string[]) => runCli(args, { cwd: dir });
const build = (store: string, ...extra: string[]) =>
  cli('build', 'registry.txt', '--store', `file://${store}`, '--keys', 'keys', '--json', ...extra);

function publishedManifest(store: string): { mode: string; hash: { key?: string } } {
  const epochs = readdirSync(join(dir, store, 'epochs'));
  return JSON.parse(readFileSync(join(dir, store, 'epochs', epochs[0]!, 'manifest.json'), 'utf8')).manifest;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quietlist-build-mode-'));
  expect((await cli('keygen', '--out', 'keys')).code).toBe(0);
  writeFileSync(
    join(dir, 'registry.txt'),
    `${Array.from({ length: 40 }, (_, i) => fictionalNumber(i)).join('\n')}\n`,
  );
});

describe('quietlist build --mode', () => {
  it('builds oprf without --mode: no hash key in the manifest, no warning', async () => {
    const result = await build('default-store');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).mode).toBe('oprf');
    const manifest = publishedManifest('default-store');
    expect(manifest.mode).toBe('oprf');
    expect(manifest.hash.key).toBeUndefined();
  });

  it('builds open only when asked, warning with the benchmark-recorded cost of walking the plan', async () => {
    const result = await build('open-store', '--mode', 'open');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).mode).toBe('open');
    expect(result.stderr).toMatch(/^quietlist: warning: --mode open publishes the hash key/);
    expect(result.stderr).toContain(describeWalkCost(enumerationCost('FR')));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(publishedManifest('open-store').hash.key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('keeps secret mode as it was, without a warning', async () => {
    const result = await build('secret-store', '--mode', 'secret');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).mode).toBe('secret');
  });

  it('says so in --help', async () => {
    const help = await cli('build', '--help');
    expect(help.stdout).toMatch(/oprf \(default\)/);
  });
});
