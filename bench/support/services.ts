/**
 * What the HTTP-facing suites share: a bench subscriber with an unlimited quota written into a store,
 * and `wrangler dev` on worker/wrangler.jsonc with the rate limits raised (local R2 reachable through
 * its S3 API as an S3Store).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWranglerDev, WORKER_CONFIG } from '../../scripts/wrangler-dev.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../src/api/auth/subscribers.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { S3Store, type S3StoreConfig } from '../../src/storage/s3-store.ts';

/**
 * Writes a subscriber with both scopes and a quota no bench reaches; returns its API key. `partitions`:
 * the partitions of the default list it bought (docs/API.md; default every one).
 */
export async function addBenchSubscriber(store: ObjectStore, partitions?: string[]): Promise<string> {
  const { key, id } = generateApiKey();
  const createdAt = new Date().toISOString();
  const keyHash = await hashApiKey(key);
  await writeSubscriber(store, {
    ...{ version: 1, id, name: 'bench', keyHash, scopes: ['check', 'download'] },
    ...{ dailyQuota: Number.MAX_SAFE_INTEGER, createdAt, revokedAt: null },
    ...(partitions ? { lists: { default: { partitions } } } : {}),
  });
  return key;
}

export interface BenchWranglerDev {
  url: string;
  s3: S3Store;
  /** The local R2's S3 settings (its fixed, non-secret dev credentials), for a builder in a child process. */
  s3Config: S3StoreConfig;
  /** The wrangler process (its workerd children are in its process group). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on worker/wrangler.jsonc, with the rate limit (subscribers and failed authentications)
 * raised for load tests. `name` keeps the R2 state of several instances apart; `vars` are extra
 * `--var` settings (e.g. POINTER_TTL_SECONDS, QUIETLIST_OPRF_KEY).
 */
export async function startBenchWranglerDev(
  tempDirectory: string,
  publicKey: string,
  options: {
    name?: string;
    vars?: Record<string, string>;
    /** Where the local R2 and Durable Objects persist (default: under tempDirectory); reused across starts. */
    persistDir?: string;
    /** GET /__scheduled runs the Cron Trigger handler (wrangler dev --test-scheduled). */
    testScheduled?: boolean;
    /** The worker's own output lines (audit lines), read with wrangler's log level `log`. */
    onOutput?: (text: string) => void;
  } = {},
): Promise<BenchWranglerDev> {
  const name = options.name ?? 'bench';
  const text = readFileSync(WORKER_CONFIG, 'utf8').replace(
    /("(?:\\.|[^"\\])*")|\/\/[^\n]*/g,
    (_, str) => str ?? '',
  );
  const config = JSON.parse(text);
  config.main = fileURLToPath(new URL('../../worker/index.ts', import.meta.url));
  config.ratelimits[0].simple.limit = 1_000_000_000;
  // Paths of the copied config are relative to its new place: the scrub page's assets by absolute path,
  // built once by `npm run bench` rather than by every instance.
  config.assets.directory = fileURLToPath(new URL('../../dist/web', import.meta.url));
  delete config.build;
  delete config.$schema;
  const benchConfig = join(tempDirectory, `wrangler.${name}.json`);
  writeFileSync(benchConfig, JSON.stringify(config));
  const dev = await startWranglerDev({
    configPath: benchConfig,
    persistDir: options.persistDir ?? join(tempDirectory, `wrangler-state-${name}`),
    vars: { QUIETLIST_PUBLIC_KEY: publicKey, ...options.vars },
    ...(options.onOutput ? { logLevel: 'log' as const, onOutput: options.onOutput } : {}),
    testScheduled: options.testScheduled,
  });
  const s3Config: S3StoreConfig = {
    ...{ endpoint: dev.s3Endpoint, bucket: dev.bucket, prefix: '' },
    ...{
      region: dev.region,
      accessKeyId: dev.accessKeyId,
      secretAccessKey: dev.secretAccessKey,
      forcePathStyle: true,
    },
  };
  return { url: dev.origin, s3: new S3Store(s3Config), s3Config, pid: dev.pid, stop: dev.stop };
}
