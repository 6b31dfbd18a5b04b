/**
 * `quietlist build` stopped by a signal, as a cron or systemd timeout stops it: its temporary files go
 * with it (at national scale, 4 GB each night otherwise), it says so in one line and exits as the shell
 * reports the signal, and the store keeps serving the epoch it served.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { runCli } from '../../helpers/run-cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quietlist-signal-'));
  expect((await runCli(['keygen', '--out', join(dir, 'keys')])).code).toBe(0);
  // A first epoch, published: the one the store must still serve after the stopped builds.
  const first = Array.from({ length: 2000 }, (_, i) => fictionalNumber(i));
  const temp = join(dir, 'temp-first');
  mkdirSync(temp);
  const published = await runCli(buildArgs(temp), { input: `${first.join('\n')}\n` });
  expect(published.code, published.stderr).toBe(0);
});

const buildArgs = (temp: string) => [
  'build',
  '-',
  '--store',
  `file://${join(dir, 'store')}`,
  '--keys',
  join(dir, 'keys'),
  '--mode',
  'open',
  '--no-expiry',
  '--temp-dir',
  temp,
];

/** Polls until `ready()` holds (the build is under way), however slow the machine. */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !ready(); waited += 50) {
    if (waited > 120_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a build stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('on %s removes its temporary files, says so and exits %i', async (signal, code) => {
    const pointer = () => readFileSync(join(dir, 'store', 'latest.json'), 'utf8');
    const before = pointer();

    const temp = join(dir, `temp-${signal}`);
    mkdirSync(temp);
    // Rows on standard input that never end: the build is mid-way through its first pass, spilling.
    const child = spawn(process.execPath, [BIN, ...buildArgs(temp)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
    child.stdin.write(`${Array.from({ length: 5000 }, (_, i) => fictionalNumber(10_000 + i)).join('\n')}\n`);
    await until(() => readdirSync(temp).some((name) => name.startsWith('quietlist-build-')), 'the spill');

    child.kill(signal);
    expect(await exited).toBe(code);
    expect(readdirSync(temp)).toEqual([]);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      `quietlist: build stopped by ${signal}; its temporary files were removed, and the store still serves its last published epoch`,
    );
    expect(pointer()).toBe(before);
  });
});
