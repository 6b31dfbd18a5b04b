/**
 * Starts the local R2 of wrangler/miniflare with its real S3 endpoint, for tests against S3Store.
 *
 * How it works (wrangler 4.156 / miniflare 5): an `r2_buckets[]` binding with
 * `local_dev.experimental_s3_credentials` makes miniflare add an S3 service, routed at
 * `http://<ip>:<port>/cdn-cgi/local/r2/s3/<bucket_name>` (path style). It verifies AWS SigV4
 * signatures and payload hashes against those credentials (any region), maps If-Match /
 * If-None-Match to the R2 binding's `onlyIf` (412 PreconditionFailed on failure), supports
 * ListObjectsV2 (max 1000 per page) and DeleteObjects, and stores objects where the worker's own R2
 * binding reads them.
 *
 * Why `wrangler dev` in a child process rather than Miniflare's API in-process: it runs the same
 * config path as a developer's `wrangler dev`, so the test proves the documented setup, and the whole
 * process tree (wrangler + two workerd processes) lives in its own process group that stop() can kill
 * in one go. We spawn wrangler's JS entry with `process.execPath` instead of node_modules/.bin/wrangler
 * so it runs on the Node that runs the tests (the `#!/usr/bin/env node` shebang may find an older
 * system Node). Cost: about 2-4 s to start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const WRANGLER_BIN = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url));
const S3_PATH = '/cdn-cgi/local/r2/s3';

interface BucketConfig {
  bucket_name: string;
  local_dev: { experimental_s3_credentials: { accessKeyId: string; secretAccessKey: string } };
}

/** The bucket and credentials come from wrangler.jsonc, so the config stays the single source. */
async function readBucketConfig(): Promise<BucketConfig> {
  const text = await readFile(CONFIG_PATH, 'utf8');
  // Drop JSONC comments, leaving string literals (which may contain "//") untouched.
  const json = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, str) => str ?? '');
  const bucket = (JSON.parse(json) as { r2_buckets: BucketConfig[] }).r2_buckets[0];
  if (!bucket) throw new Error(`${CONFIG_PATH} has no r2_buckets entry`);
  return bucket;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

/** Polls until the S3 service answers an unsigned request with its own XML error. */
async function waitForEndpoint(url: string, child: ChildProcess, deadline: number, output: () => string) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited (${child.exitCode ?? child.signalCode}) before ready:\n${output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 400 && body.includes('<Error>')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`local R2 did not answer at ${url} in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function startLocalR2(options: LocalR2Options = {}): Promise<LocalR2> {
  const config = await readBucketConfig();
  const credentials = config.local_dev.experimental_s3_credentials;
  const scratch = await mkdtemp(join(tmpdir(), 'quietlist-r2-'));
  const persistDir = options.persistDir ?? join(scratch, 'state');
  const port = options.port ?? (await freePort());
  const inspectorPort = await freePort(); // else wrangler probes from 9229, racing parallel runs

  const child = spawn(
    process.execPath,
    [
      WRANGLER_BIN,
      'dev',
      '--config',
      CONFIG_PATH,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistDir,
      '--log-level',
      'warn',
      '--show-interactive-dev-session=false',
      '--live-reload=false',
    ],
    {
      detached: true, // own process group: stop() kills wrangler and its workerd children together
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no download of request.cf data
        WRANGLER_LOG_PATH: join(scratch, 'logs'), // not ~/.config/.wrangler/logs
        NO_COLOR: '1',
      },
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the test process dies without teardown, do not leave workerd running.
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (killGroup(child, 'SIGTERM')) {
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // any workerd left behind by wrangler's own teardown
    }
    await rm(scratch, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  const endpoint = `${origin}${S3_PATH}`;
  try {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    await waitForEndpoint(`${endpoint}/${config.bucket_name}`, child, deadline, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    workerUrl: origin,
    bucket: config.bucket_name,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    region: 'auto',
    stop,
  };
}
