/**
 * The two targets of the soak, each made of two deployments over their own store: one whose epochs
 * are in open mode (POST /v1/check answers) and one in oprf mode (POST /v1/oprf/evaluate answers); one
 * epoch is in one mode, so a mixed load needs both. (a) `quietlist serve`, the real CLI in its own
 * process, over a file:// store with its SQLite quota; (b) the worker under `wrangler dev`, over the
 * local R2 seeded through its S3 API. Both listen on 127.0.0.1 only, with the rate limits raised and
 * a pointer TTL of 1 s so the publish in the middle is picked up quickly. Each store starts with one
 * epoch (built here) and a subscriber whose quota the soak cannot exhaust.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../../src/core/epoch/signing.ts';
import { createOprfBackend } from '../../src/oprf/backend.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { descendantsNamed, residentMiB, totalResidentMiB } from '../children/process-memory.ts';
import { addBenchSubscriber, startBenchWranglerDev } from '../support/services.ts';
import {
  openStore,
  type PublishOutcome,
  type PublishTask,
  publishSoakEpoch,
  type StoreSpec,
} from './publish.ts';

const BIN = fileURLToPath(new URL('../../bin/quietlist.mjs', import.meta.url));

export type Role = 'check' | 'oprf';

export interface SoakDeployment {
  role: Role;
  url: string;
  apiKey: string;
  store: ObjectStore;
  storeSpec: StoreSpec;
  /** The epoch it was seeded with. */
  seed: PublishOutcome;
}

export interface SoakTarget {
  name: 'serve' | 'worker';
  deployments: Record<Role, SoakDeployment>;
  /** Resident memory now, MiB, by process label; undefined when it cannot be read. */
  memory(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

export interface SoakKeys {
  directory: string;
  signingPublicKey: Uint8Array;
  oprfPublicKey: Uint8Array;
  oprfSecretBase64: string;
}

/** Throwaway operator keys for the run, as keygen lays them out (base64 files, mode 0600). */
export async function makeSoakKeys(tempDirectory: string): Promise<SoakKeys> {
  const directory = join(tempDirectory, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const signing = generateSigningKeyPair();
  const oprf = (await createOprfBackend({ prefer: 'fast' })).generateKeyPair();
  const write = (name: string, bytes: Uint8Array) =>
    writeFileSync(join(directory, name), toBase64(bytes), { mode: 0o600 });
  write('signing.key', signing.secretKey);
  write('signing.pub', signing.publicKey);
  write('oprf.key', oprf.secretKey);
  return {
    directory,
    signingPublicKey: signing.publicKey,
    oprfPublicKey: oprf.publicKey,
    oprfSecretBase64: toBase64(oprf.secretKey),
  };
}

export interface SeedPlan {
  seed: number;
  /** Members of the seed epoch, per role: synthetic indexes [0, size). */
  members: Record<Role, number>;
  shardMaxBytes: Record<Role, number>;
  keys: SoakKeys;
  tempDirectory: string;
}

export function publishTask(
  plan: SeedPlan,
  target: string,
  role: Role,
  storeSpec: StoreSpec,
  from: number,
): PublishTask {
  return {
    ...{ store: storeSpec, mode: role === 'check' ? 'open' : 'oprf', seed: plan.seed, from },
    ...{ size: plan.members[role], keysDirectory: plan.keys.directory },
    oprfStateDirectory: join(plan.tempDirectory, `${target}-oprf-build-state`),
    tempDirectory: plan.tempDirectory,
    shardMaxBytes: plan.shardMaxBytes[role],
  };
}

async function seedDeployment(
  plan: SeedPlan,
  target: string,
  role: Role,
  storeSpec: StoreSpec,
  url: string,
): Promise<SoakDeployment> {
  const store = openStore(storeSpec);
  const seed = await publishSoakEpoch(publishTask(plan, target, role, storeSpec, 0));
  const apiKey = await addBenchSubscriber(store);
  return { role, url, apiKey, store, storeSpec, seed };
}

/** `quietlist serve` as an operator runs it; resolves once it prints its URL. */
function spawnServe(
  storeDirectory: string,
  plan: SeedPlan,
  role: Role,
): Promise<{ url: string; child: ChildProcess }> {
  const args = ['serve', '--store', `file://${storeDirectory}`, '--keys', plan.keys.directory];
  args.push('--host', '127.0.0.1', '--port', '0', '--pointer-ttl', '1');
  args.push('--rate-limit', '1000000000', '--auth-failures', '1000000000');
  args.push('--state-dir', join(plan.tempDirectory, `serve-state-${role}`));
  return new Promise((resolve, reject) => {
    // stdout carries the audit lines (no numbers in them): discarded, their cost is part of the load.
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output = (output + chunk).slice(-4000);
      const url = /quietlist API on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) =>
      reject(new Error(`quietlist serve exited (${code}): ${output.slice(-500)}`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startServeTarget(plan: SeedPlan): Promise<SoakTarget> {
  const children: ChildProcess[] = [];
  try {
    const deployments = {} as Record<Role, SoakDeployment>;
    for (const role of ['check', 'oprf'] as const) {
      const directory = join(plan.tempDirectory, `serve-store-${role}`);
      const spec = { file: directory };
      // Seeded first: serve reads latest.json on its first request, not at start.
      const seeded = await seedDeployment(plan, 'serve', role, spec, '');
      const { url, child } = await spawnServe(directory, plan, role);
      children.push(child);
      deployments[role] = { ...seeded, url };
    }
    const [checkChild, oprfChild] = children as [ChildProcess, ChildProcess];
    return {
      name: 'serve',
      deployments,
      memory: () => ({
        'serve (check)': residentMiB(checkChild.pid!),
        'serve (oprf)': residentMiB(oprfChild.pid!),
      }),
      stop: async () => {
        await Promise.all(children.map(stopChild));
      },
    };
  } catch (error) {
    await Promise.all(children.map(stopChild));
    throw error;
  }
}

export async function startWorkerTarget(plan: SeedPlan): Promise<SoakTarget> {
  const publicKey = toBase64(plan.keys.signingPublicKey);
  const devs: Awaited<ReturnType<typeof startBenchWranglerDev>>[] = [];
  try {
    const deployments = {} as Record<Role, SoakDeployment>;
    for (const role of ['check', 'oprf'] as const) {
      const vars: Record<string, string> = { POINTER_TTL_SECONDS: '1' };
      if (role === 'oprf') vars.QUIETLIST_OPRF_KEY = plan.keys.oprfSecretBase64;
      const dev = await startBenchWranglerDev(plan.tempDirectory, publicKey, { name: `soak-${role}`, vars });
      devs.push(dev);
      deployments[role] = await seedDeployment(plan, 'worker', role, { s3: dev.s3Config }, dev.url);
    }
    const workerd = (index: number) => totalResidentMiB(descendantsNamed(devs[index]!.pid, 'workerd'));
    return {
      name: 'worker',
      deployments,
      memory: () => ({
        'workerd (check)': workerd(0),
        'workerd (oprf)': workerd(1),
        'wrangler (check)': residentMiB(devs[0]!.pid),
        'wrangler (oprf)': residentMiB(devs[1]!.pid),
      }),
      stop: async () => {
        await Promise.all(devs.map((dev) => dev.stop()));
      },
    };
  } catch (error) {
    await Promise.all(devs.map((dev) => dev.stop()));
    throw error;
  }
}
