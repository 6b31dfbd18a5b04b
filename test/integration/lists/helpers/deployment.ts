/**
 * A deployment of several lists for tests: one store, the operator's keys (signing pair, the default
 * list's hash and OPRF keys, the list seed, the additions key), lists built by the real builder into
 * their prefixes (keys derived as `build --list` derives them), and subscribers entitled to lists.
 * Numbers come from the fiction blocks (scripts/fictional-numbers.ts), never a real registry.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/min';
import { SqliteSequencer } from '../../../../src/api/additions/sqlite-sequencer.ts';
import { createApp } from '../../../../src/api/app.ts';
import type { SubscriberRecord } from '../../../../src/api/auth/subscribers.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../../src/api/quota/memory.ts';
import type { InputRecord } from '../../../../src/builder/input/record.ts';
import { type BuildReport, runBuild } from '../../../../src/builder/run-build.ts';
import { type RunningServer, startApiServer } from '../../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../../src/core/epoch/signing.ts';
import { listHashKey, listOprfKeyInfo } from '../../../../src/core/lists/list-keys.ts';
import { DEFAULT_LIST } from '../../../../src/core/lists/list-name.ts';
import type { RegisterRules } from '../../../../src/core/registers/profile.ts';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import type { OprfBackend } from '../../../../src/oprf/types.ts';
import { FileStore } from '../../../../src/storage/file-store.ts';
import { listStore } from '../../../../src/storage/list-store.ts';
import { rowsOf } from '../../../helpers/build-fixture.ts';
import { tempDir } from '../../client/helpers/client-fixture.ts';

export interface Deployment {
  dir: string;
  store: FileStore;
  signing: SigningKeyPair;
  hashKey: Uint8Array;
  oprfKey: Uint8Array;
  listSeed: Uint8Array;
  additions: SigningKeyPair;
  backend: OprfBackend;
  /** The settings a server of this deployment is configured with (parseApiConfig). */
  settings: Record<string, string>;
}

export async function newDeployment(): Promise<Deployment> {
  const dir = tempDir('quietlist-lists-');
  const backend = await createOprfBackend({ prefer: 'fast' });
  const signing = generateSigningKeyPair();
  const hashKey = new Uint8Array(randomBytes(32));
  const oprfKey = backend.generateKeyPair().secretKey;
  const listSeed = new Uint8Array(randomBytes(32));
  const additions = generateSigningKeyPair();
  return {
    dir,
    store: new FileStore(join(dir, 'store')),
    signing,
    hashKey,
    oprfKey,
    listSeed,
    additions,
    backend,
    settings: {
      QUIETLIST_PUBLIC_KEY: toBase64(signing.publicKey),
      QUIETLIST_HASH_KEY: toBase64(hashKey),
      QUIETLIST_OPRF_KEY: toBase64(oprfKey),
      QUIETLIST_LIST_SEED: toBase64(listSeed),
      QUIETLIST_ADDITIONS_KEY: toBase64(additions.secretKey),
    },
  };
}

export interface ListBuild {
  mode: 'open' | 'secret' | 'oprf';
  numbers: string[];
  live?: boolean;
  now?: Date;
  /** Default FR. */
  region?: CountryCode;
  /** A register's rules (scopes, partitions); default none (a list of its own). */
  register?: RegisterRules;
  /** Rows with channels and sectors, instead of `numbers` (a scoped register). */
  rows?: AsyncIterable<InputRecord[]>;
}

/** Builds `list` as `quietlist build [--list NAME] [--live]` would, keys derived for lists but default. */
export function buildList(deployment: Deployment, list: string, build: ListBuild): Promise<BuildReport> {
  const derived = list !== DEFAULT_LIST;
  const seed = deployment.listSeed;
  const hashKey = derived ? listHashKey(seed, list) : deployment.hashKey;
  const oprfKey = derived
    ? deployment.backend.deriveKeyPair(seed, listOprfKeyInfo(seed, list)).secretKey
    : deployment.oprfKey;
  return runBuild({
    rows: build.rows ?? rowsOf(build.numbers),
    list,
    ...(build.live ? { additionsKey: deployment.additions.publicKey } : {}),
    region: build.region ?? 'FR',
    ...(build.register ? { register: build.register } : {}),
    mode: build.mode,
    ...(build.mode === 'oprf'
      ? {
          oprf: {
            backend: deployment.backend,
            secretKey: oprfKey,
            stateDirectory: join(deployment.dir, 'oprf-state', list),
            fullRebuild: false,
          },
        }
      : { hashKey }),
    signingKeys: deployment.signing,
    falsePositiveRate: 1e-6,
    shardMaxBytes: 8192,
    store: listStore(deployment.store, list),
    dryRun: false,
    keepEpochs: 5,
    maxRejectRate: 0.5,
    maxShrink: 1,
    allowEmpty: true,
    now: build.now ?? new Date(),
  });
}

/** A subscriber entitled to `lists` (absent: a key from before lists, the default list only). */
export async function addSubscriber(
  deployment: Deployment,
  name: string,
  lists?: SubscriberRecord['lists'],
): Promise<string> {
  const { id, key } = generateApiKey();
  await writeSubscriber(
    deployment.store,
    {
      version: 1,
      id,
      name,
      keyHash: await hashApiKey(key),
      scopes: ['download', 'check'],
      dailyQuota: 1_000_000,
      createdAt: new Date().toISOString(),
      revokedAt: null,
      ...(lists ? { lists } : {}),
    },
    { create: true },
  );
  return key;
}

export type ListApp = ReturnType<typeof createApp>;

/**
 * The deployment's sequencer, in memory, publishing each addition at once (the caller closes it), on
 * `now` (default: the wall clock).
 */
export function memorySequencer(deployment: Deployment, now?: () => number): SqliteSequencer {
  return new SqliteSequencer({
    stateDirectory: ':memory:',
    store: deployment.store,
    key: deployment.additions,
    coalesceMs: 0,
    ...(now ? { now } : {}),
  });
}

/**
 * The API app over the deployment, asked in-process (`app.request`), with an in-memory sequencer and
 * no pointer or additions cache, so a test sees every change; its log lines go to `log`.
 */
export function listApp(
  deployment: Deployment,
  log: (line: string) => void = () => {},
): { app: ListApp; sequencer: SqliteSequencer } {
  const sequencer = memorySequencer(deployment);
  const app = createApp({
    store: deployment.store,
    config: parseApiConfig({ ...deployment.settings, POINTER_TTL_SECONDS: '0', ADDITIONS_REFRESH_MS: '0' }),
    quotas: new MemoryQuotaCounter(),
    additions: sequencer,
    audit: () => {},
    log,
  });
  return { app, sequencer };
}

/**
 * `serve` over the deployment with an in-memory sequencer that publishes each addition at once and
 * caches nothing (pointer, additions, subscribers), so a test sees every change; every audit entry and
 * log line goes to `lines` (the tests check no number reaches them). `now`: the server's and the
 * sequencer's clock (expiries, publication times; default the wall clock), for a test that moves time.
 */
export async function startListServer(
  deployment: Deployment,
  lines: string[],
  now?: () => number,
): Promise<{ server: RunningServer; sequencer: SqliteSequencer }> {
  const sequencer = memorySequencer(deployment, now);
  const server = await startApiServer(
    {
      store: deployment.store,
      config: parseApiConfig({
        ...deployment.settings,
        POINTER_TTL_SECONDS: '0',
        ADDITIONS_REFRESH_MS: '0',
        SUBSCRIBER_CACHE_SECONDS: '0',
      }),
      quotas: new MemoryQuotaCounter(),
      additions: sequencer,
      audit: (entry) => lines.push(JSON.stringify(entry)),
      log: (line) => lines.push(line),
      ...(now ? { now } : {}),
    },
    { port: 0, host: '127.0.0.1' },
  );
  return { server, sequencer };
}
