/** `quietlist serve` as a process: flags, key files from `keygen`'s layout, readiness, SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const SERVE = fileURLToPath(new URL('../../../src/cli/commands/serve.ts', import.meta.url));
const keys = testKeys();
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-serve-'));
  await seedEpoch(new FileStore(join(scratch, 'store')), { keys, numbers: syntheticNumbers(100) });
  await mkdir(join(scratch, 'keys'));
  await writeFile(join(scratch, 'keys', 'signing.pub'), `${toBase64(keys.signing.publicKey)}\n`);
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

it('starts on the given port with keys from a keygen directory, serves, and stops on SIGTERM', async () => {
  const script = `import { runCommand } from 'citty'; import { serveCommand } from ${JSON.stringify(SERVE)};
    await runCommand(serveCommand, { rawArgs: process.argv.slice(1) });`;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      script,
      '--',
      '--store',
      `file://${join(scratch, 'store')}`,
      '--keys',
      join(scratch, 'keys'),
      // Not the repository's .quietlist/state, which `npm start` owns.
      '--state-dir',
      join(scratch, 'state'),
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('../../..', import.meta.url)) },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString();
      const match = /quietlist API on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${stderr}`)));
  });
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  child.removeAllListeners('exit');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
