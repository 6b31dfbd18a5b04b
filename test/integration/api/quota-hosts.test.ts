/**
 * The quota of several Node hosts as an operator runs it: two real `quietlist serve --shared-quota`
 * processes, each with its own --state-dir (as two hosts would have), over one store: a directory
 * (file://) and the local R2 through its S3 API. Concurrent clients hammer both until refused: exactly
 * the quota is accepted in total, with ordinary and with small (conflict-heavy) lease blocks; a restart
 * keeps the count; `keys list --usage leases` shows what every host leased.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  generateApiKey,
  hashApiKey,
  parseApiKey,
  writeSubscriber,
} from '../../../src/api/auth/subscribers.ts';
import { readLeasedUsage } from '../../../src/api/quota/lease-ledger.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const BIN = fileURLToPath(new URL('../../../bin/quietlist.mjs', import.meta.url));
const keys = testKeys();
const batch = syntheticNumbers(10);
const QUOTA = 2000;
let scratch = '';
const running: ChildProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-quota-hosts-'));
  await mkdir(join(scratch, 'keys'));
  await writeFile(join(scratch, 'keys', 'signing.pub'), `${toBase64(keys.signing.publicKey)}\n`);
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await rm(scratch, { recursive: true, force: true });
});

interface Deployment {
  store: ObjectStore;
  /** `--store` and the S3 options of every serve and CLI run. */
  args: string[];
  env: Record<string, string>;
}

function fileDeployment(name: string): Deployment {
  const directory = join(scratch, name);
  return { store: new FileStore(directory), args: ['--store', `file://${directory}`], env: {} };
}

function r2Deployment(name: string): Deployment {
  const r2 = inject('localR2');
  const prefix = `quota-hosts-${name}-${Date.now()}`;
  return {
    store: new S3Store({ ...r2, prefix, forcePathStyle: true }),
    args: ['--store', `s3://${r2.bucket}/${prefix}`, '--s3-endpoint', r2.endpoint],
    env: {
      QUIETLIST_S3_ACCESS_KEY_ID: r2.accessKeyId,
      QUIETLIST_S3_SECRET_ACCESS_KEY: r2.secretAccessKey,
      QUIETLIST_S3_REGION: r2.region,
    },
  };
}

interface Serve {
  url: string;
  stop(): Promise<number | null>;
}

function startServe(deployment: Deployment, stateDir: string, block: number): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', ...deployment.args, '--keys', join(scratch, 'keys'), '--state-dir', stateDir].concat(
      ['--port', '0', '--subscriber-cache', '0', '--rate-limit', '100000'],
      ['--shared-quota', '--quota-block', String(block)],
    ),
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...deployment.env } },
  );
  running.push(child);
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk) => {
      stderr += chunk.toString();
      const match = /quietlist API on (http:\/\/\S+)/.exec(stderr);
      if (match && /quota shared by every host/.test(stderr)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({
          url: match[1]!,
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

/** One check of 10 numbers: 10 units accepted, or 0 when refused by the quota. */
async function check(server: Serve, key: string): Promise<number> {
  const response = await fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers: batch }),
  });
  const text = await response.text();
  if (response.status === 429) {
    expect(text).toMatch(/QUOTA_EXCEEDED/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    return 0;
  }
  expect(response.status, text).toBe(200);
  return batch.length;
}

/** Six clients per server, each checking until refused. */
async function hammer(servers: Serve[], key: string): Promise<number> {
  const totals = await Promise.all(
    servers.flatMap((server) =>
      Array.from({ length: 6 }, async () => {
        let accepted = 0;
        for (;;) {
          const units = await check(server, key);
          if (units === 0) return accepted;
          accepted += units;
        }
      }),
    ),
  );
  return totals.reduce((sum, n) => sum + n, 0);
}

async function addSubscriber(store: ObjectStore): Promise<{ id: string; key: string }> {
  const { key } = generateApiKey();
  const id = parseApiKey(key)!.id;
  await writeSubscriber(store, {
    version: 1,
    id,
    name: 'Shared quota test',
    keyHash: await hashApiKey(key),
    scopes: ['check'],
    dailyQuota: QUOTA,
    monthlyQuota: 100_000,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  });
  return { id, key };
}

describe.each([
  { storeKind: 'file://', block: 100, deploy: fileDeployment },
  { storeKind: 'file://', block: 10, deploy: fileDeployment },
  { storeKind: 'local R2 (S3 API)', block: 100, deploy: r2Deployment },
  { storeKind: 'local R2 (S3 API)', block: 10, deploy: r2Deployment },
])('two hosts over $storeKind, blocks of $block', ({ block, deploy }) => {
  it('accept exactly the quota in total, and still after a restart', async () => {
    const name = `${deploy.name}-${block}`;
    const deployment = deploy(name);
    await seedEpoch(deployment.store, { keys, numbers: batch });
    const { id, key } = await addSubscriber(deployment.store);
    const [hostA, hostB] = [join(scratch, `${name}-host-a`), join(scratch, `${name}-host-b`)];
    const [a, b] = await Promise.all([
      startServe(deployment, hostA, block),
      startServe(deployment, hostB, block),
    ]);
    expect(await hammer([a, b], key)).toBe(QUOTA);

    expect(await a.stop()).toBe(0);
    const restarted = await startServe(deployment, hostA, block);
    expect(await hammer([restarted, b], key)).toBe(0);
    await Promise.all([restarted.stop(), b.stop()]);

    // Every unit was both leased and used: the two hosts' own counts add up to the quota.
    const at = Date.now();
    expect(await readLeasedUsage(deployment.store, id, at)).toMatchObject({ today: QUOTA });
    const perHost = await Promise.all(
      [hostA, hostB].map(async (stateDir) => {
        const listed = await runCli(
          ['keys', 'list', ...deployment.args, '--state-dir', stateDir, '--usage', 'state', '--json'],
          { env: deployment.env },
        );
        expect(listed.code, listed.stderr).toBe(0);
        return (JSON.parse(listed.stdout.trim()) as { usage: { today: number } }).usage.today;
      }),
    );
    expect(perHost[0]! + perHost[1]!).toBe(QUOTA);
    const leases = await runCli(['keys', 'list', ...deployment.args, '--usage', 'leases'], {
      env: deployment.env,
    });
    expect(leases.stdout).toMatch(/usage from the quota leased by every host/);
    expect(leases.stdout).toMatch(new RegExp(`${id} .* used ${QUOTA} today, ${QUOTA} this month`));
  }, 240_000);
});
