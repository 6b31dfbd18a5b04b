/**
 * The local R2 of wrangler/miniflare with its real S3 endpoint, for tests against S3Store: a minimal
 * worker config (local-r2/wrangler.jsonc) started by scripts/wrangler-dev.ts, which explains how the
 * emulated S3 API behaves (SigV4 checked, 412 on failed conditions, objects shared with the R2 binding).
 * `wrangler dev` in a child process rather than Miniflare's API in-process: it runs the same config path
 * as a developer's `wrangler dev`, so the tests prove the documented setup. About 2-4 s to start.
 */
import { fileURLToPath } from 'node:url';
import { startWranglerDev } from '../../scripts/wrangler-dev.ts';

export interface LocalR2 {
  /** S3 endpoint for path-style requests, e.g. http://127.0.0.1:PORT/cdn-cgi/local/r2/s3 */
  endpoint: string;
  /** Base URL of the test worker, which reads the same bucket through its R2 binding. */
  workerUrl: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  stop(): Promise<void>;
}

export interface LocalR2Options {
  /** Port to listen on (default: a free port). */
  port?: number;
  /** Where R2 data persists (default: a temporary directory, removed on stop). */
  persistDir?: string;
  /** Give up if the endpoint does not answer within this long (default 60 s). */
  startTimeoutMs?: number;
}

const CONFIG_PATH = fileURLToPath(new URL('./local-r2/wrangler.jsonc', import.meta.url));

export async function startLocalR2(options: LocalR2Options = {}): Promise<LocalR2> {
  const dev = await startWranglerDev({ configPath: CONFIG_PATH, ...options });
  return {
    endpoint: dev.s3Endpoint,
    workerUrl: dev.origin,
    bucket: dev.bucket,
    accessKeyId: dev.accessKeyId,
    secretAccessKey: dev.secretAccessKey,
    region: dev.region,
    stop: dev.stop,
  };
}
