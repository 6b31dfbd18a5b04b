/**
 * The Node quota as an operator runs it: two real `quietlist serve` processes on one store and one
 * state directory, then a restart. The quota holds across all of them (total accepted ≤ the quota);
 * `keys set-quota` changes it; `keys list` shows the usage from the quota database, or from the usage
 * snapshots the Workers quota objects write to the store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeUsageSnapshot } from '../../../src/api/quota/snapshot.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const BIN = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
const keys = testKeys();
const listed = syntheticNumbers(500);
let scratch = '';
let storeUrl = '';
let stateDir = '';
const running: ChildProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-quota-'));
  storeUrl = `file://${join(scratch, 'store')}`;
  stateDir = join(scratch, 'state');
  await seedEpoch(new FileStore(join(scratch, 'store')), { keys, numbers: listed });
  await mkdir(join(scratch, 'keys'));
  await writeFile(join(scratch, 'keys', 'signing.pub'), `${toBase64(keys.signing.publicKey)}\n`);
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await rm(scratch, { recursive: true, force: true });
});

interface Serve {
  url: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

function startServe(): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--store', storeUrl, '--keys', join(scratch, 'keys'), '--state-dir', stateDir].concat([
      '--port',
      '0',
      '--subscriber-cache',
      '0',
      '--rate-limit',
      '100000',
    ]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk) => {
      stderr += chunk.toString();
      const match = /quietlist API on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          url: match[1]!,
          stderr: () => stderr,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${stderr}`)));
  });
}

async function checkBatch(server: Serve, key: string): Promise<number> {
  const response = await fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers: listed }),
  });
  await response.arrayBuffer();
  if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  else expect(response.status).toBe(200);
  return response.status === 200 ? listed.length : 0;
}

function listUsage(...extra: string[]) {
  return runCli(['keys', 'list', '--store', storeUrl, '--state-dir', stateDir, ...extra]);
}

it('holds the quota across two serve processes and a restart; keys set-quota and keys list', async () => {
  const added = await runCli([
    'keys',
    'add',
    '--store',
    storeUrl,
    '--name',
    'Quota test',
    '--daily',
    '2500',
    '--monthly',
    '40000',
    '--json',
  ]);
  expect(added.code).toBe(0);
  const { id, key, dailyQuota, monthlyQuota } = JSON.parse(added.stdout) as {
    id: string;
    key: string;
    dailyQuota: number;
    monthlyQuota: number;
  };
  expect([dailyQuota, monthlyQuota]).toEqual([2500, 40000]);

  const [a, b] = await Promise.all([startServe(), startServe()]);
  let accepted = 0;
  // Eight concurrent batches of 500 against a quota of 2,500, spread over both processes.
  const first = await Promise.all(Array.from({ length: 8 }, (_, i) => checkBatch(i % 2 ? b : a, key)));
  accepted += first.reduce((sum, n) => sum + n, 0);
  expect(accepted).toBe(2500);
  // A restart keeps the counts.
  expect(await a.stop()).toBe(0);
  const restarted = await startServe();
  for (let i = 0; i < 4; i++) accepted += await checkBatch(i % 2 ? b : restarted, key);
  expect(accepted).toBeLessThanOrEqual(2500);
  expect(restarted.stderr()).not.toMatch(/ExperimentalWarning/);

  const listed1 = await listUsage('--json');
  expect(listed1.code).toBe(0);
  const record = JSON.parse(listed1.stdout.trim().split('\n')[0]!) as {
    id: string;
    usage: unknown;
    keyHash?: string;
  };
  expect(record.id).toBe(id);
  expect(record.keyHash).toBeUndefined();
  expect(record.usage).toEqual({ today: 2500, month: 2500, last30Days: 2500 });

  const raised = await runCli(['keys', 'set-quota', id, '--store', storeUrl, '--daily', '3000']);
  expect(raised.code).toBe(0);
  expect(raised.stdout).toMatch(/quota 3000\/day, 40000\/month/);
  expect(await checkBatch(b, key)).toBe(500);
  expect(await checkBatch(restarted, key)).toBe(0);
  const text = await listUsage();
  expect(text.stdout).toMatch(/usage from the quota database .*quota\.sqlite/);
  expect(text.stdout).toMatch(
    /3000\/day, 40000\/month {2}all partitions {2}used 3000 today, 3000 this month, 3000 in 30 days/,
  );
  await Promise.all([b.stop(), restarted.stop()]);

  const refused = await runCli(['keys', 'set-quota', id, '--store', storeUrl, '--daily', 'lots']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/--daily must be a whole number/);
}, 240_000); // four real serve processes and several CLI runs: slow on a loaded 2-core machine

it('keys list reads the usage snapshots of the Workers quota objects from the store', async () => {
  const added = await runCli(['keys', 'add', '--store', storeUrl, '--name', 'Edge subscriber', '--json']);
  const { id } = JSON.parse(added.stdout) as { id: string };
  const at = Date.now();
  await writeUsageSnapshot(
    new FileStore(join(scratch, 'store')),
    id,
    { today: 7, month: 70, last30Days: 90 },
    at,
  );
  const listedSnapshot = await listUsage('--usage', 'store', '--json');
  const rows = listedSnapshot.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; usage: unknown });
  expect(rows.find((row) => row.id === id)?.usage).toEqual({
    today: 7,
    month: 70,
    last30Days: 90,
    asOf: new Date(at).toISOString(),
  });
  const text = await listUsage('--usage', 'store');
  expect(text.stdout).toMatch(/usage from the usage snapshots in/);
  expect(text.stdout).toMatch(
    /100000\/day, 1000000\/month {2}all partitions {2}used 7 today, 70 this month, 90 in 30 days/,
  );
});
