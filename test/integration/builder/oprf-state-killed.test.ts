/**
 * A build killed with SIGKILL leaves its spilled pairs (`.pairs-<pid>@<host>.tmp`) in the oprf state;
 * the next build removes them, and only the temporary files whose writer cannot be running: a live
 * process's, or another host's younger than 48 h, stay (src/builder/oprf-state-temporaries.ts).
 * The real CLI, killed for real.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { OPRF_STATE_FILE } from '../../../src/builder/oprf-state.ts';
import { runCli } from '../../helpers/run-cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'quietlist-killed-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const state = join(dir, 'state');
const buildArgs = [
  'build',
  'export.csv',
  '--keys',
  'keys',
  '--store',
  'file://store',
  '--oprf-state',
  'state',
];
const host = hostname().replace(/[^A-Za-z0-9_.-]/g, '_') || 'host';

/** Starts a build, SIGKILLs it as soon as its spill file exists; returns that file's name. */
async function killedBuild(): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...buildArgs], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_, signal) => resolve(signal)),
  );
  const deadline = Date.now() + 60_000;
  let spill: string | undefined;
  while (!spill && Date.now() < deadline && child.exitCode === null) {
    spill = readdirSafe(state).find((name) => name.startsWith('.pairs-'));
    if (!spill) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  expect(await exited, 'the build was still running when killed').toBe('SIGKILL');
  expect(spill).toBe(`.pairs-${child.pid}@${host}.tmp`);
  return spill!;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

it('the next build removes what a SIGKILLed build left, and nothing a live writer may own', async () => {
  expect((await runCli(['keygen', '--out', 'keys'], { cwd: dir })).code).toBe(0);
  // Enough numbers that the OPRF evaluations take a while: the build is killed in the middle of them.
  const rows = Array.from({ length: 40_000 }, (_, i) => `${fictionalNumber(i)},2026-01-15`);
  writeFileSync(join(dir, 'export.csv'), `phone,registered\n${rows.join('\n')}\n`);

  const orphan = await killedBuild();
  expect(readdirSync(state)).toContain(orphan);

  const old = Date.now() / 1000 - 3 * 86_400;
  const planted = {
    live: `.pairs-${process.pid}@${host}.tmp`, // this test process: alive
    otherHostRecent: '.pairs-4242@builder-2.tmp', // another host's running build, maybe
    otherHostOld: '.oprf-state.bin.4242@builder-2.tmp', // older than any build runs
    legacyDead: `.pairs-${orphan.match(/\d+/)![0]}.tmp`, // an earlier release's name, its writer gone
    unrelated: 'notes.txt',
  };
  for (const name of Object.values(planted)) writeFileSync(join(state, name), 'x');
  utimesSync(join(state, planted.otherHostOld), old, old);

  const build = await runCli(buildArgs, { cwd: dir });
  expect(build.code, build.stderr).toBe(0);
  expect(readdirSync(state).sort()).toEqual(
    [OPRF_STATE_FILE, planted.live, planted.otherHostRecent, planted.unrelated].sort(),
  );
});
