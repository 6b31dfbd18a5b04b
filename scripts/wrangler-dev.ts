/**
 * Starts `wrangler dev` offline with a local R2 bucket whose S3 API is exposed
 * (`r2_buckets[].local_dev.experimental_s3_credentials`): the demo (`npm start`), the test harness and
 * the HTTP benchmark all run it this way.
 *
 * How the local R2 works (wrangler 4.156 / miniflare 5): the S3 service answers path-style requests at
 * `http://<ip>:<port>/cdn-cgi/local/r2/s3/<bucket_name>`, verifies SigV4 signatures and payload hashes
 * against the configured credentials (any region), maps If-Match / If-None-Match to R2's `onlyIf`
 * (412 when they fail), and stores objects where the worker's own R2 binding reads them.
 *
 * wrangler's JS entry is spawned with `process.execPath`, so it runs on the Node that runs us (the
 * `.bin/wrangler` shebang may find an older system Node), in its own process group so that stop()
 * ends wrangler and its workerd children together.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_CONFIG = fileURLToPath(new URL('../worker/wrangler.jsonc', import.meta.url));
const WRANGLER_BIN = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
const S3_PATH = '/cdn-cgi/local/r2/s3';
const BUILD_BROWSER = fileURLToPath(new URL('./build-browser.mjs', import.meta.url));

export interface WranglerDevOptions {
  configPath: string;
  /** Port to listen on (default: a free port). */
  port?: number;
  /** Where R2 data persists (default: a temporary directory, removed on stop). */
  persistDir?: string;
  /** `--var NAME:VALUE` pairs. */
  vars?: Record<string, string>;
  /** Inherit wrangler's output instead of keeping its last lines for error messages. */
  showOutput?: boolean;
  /** wrangler's --log-level (default warn); `log` also prints the worker's own lines (its audit lines). */
  logLevel?: 'warn' | 'log';
  /** Expose GET /__scheduled, which runs the worker's Cron Trigger handler (the edge benchmark). */
  testScheduled?: boolean;
  /** Told each chunk of wrangler's output (with logLevel `log`: the worker's lines; the bench reads them). */
  onOutput?: (text: string) => void;
  /** Keep wrangler's local trace store (off: it records every request URL). Only the test showing why. */
  keepLocalTraces?: boolean;
  startTimeoutMs?: number;
}

export interface WranglerDev {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The S3 endpoint for path-style requests: origin + /cdn-cgi/local/r2/s3 */
  s3Endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** The wrangler process, leader of the process group its workerd children run in (memory sampling). */
  pid: number;
  stop(): Promise<void>;
}

interface BucketConfig {
  bucket_name: string;
  local_dev: { experimental_s3_credentials: { accessKeyId: string; secretAccessKey: string } };
}

/** A wrangler.jsonc as data: comments dropped, string literals (which may contain "//") untouched. */
export async function readWranglerConfig(configPath: string): Promise<Record<string, unknown>> {
  const text = await readFile(configPath, 'utf8');
  const json = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, str) => str ?? '');
  return JSON.parse(json) as Record<string, unknown>;
}

/** Reads the first R2 bucket (name and local S3 credentials) from a wrangler.jsonc. */
export async function readBucketConfig(configPath: string): Promise<BucketConfig> {
  const bucket = ((await readWranglerConfig(configPath)) as { r2_buckets?: BucketConfig[] }).r2_buckets?.[0];
  if (!bucket?.local_dev?.experimental_s3_credentials) {
    throw new Error(`${configPath} has no r2_buckets entry with local_dev.experimental_s3_credentials`);
  }
  return bucket;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** The preferred port when nothing listens on it (8787 is wrangler's usual), else a free one. */
export function preferredPort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(freePort()));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
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
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const config = await readBucketConfig(options.configPath);
  // A config with Workers Static Assets (the scrub page's bundles, dist/web) gets them built from the
  // sources first, whatever the working directory (the demo runs from a scratch directory).
  if ((await readFile(options.configPath, 'utf8')).includes('"assets"')) {
    execFileSync(process.execPath, [BUILD_BROWSER, '--quiet'], { stdio: 'inherit' });
  }
  const credentials = config.local_dev.experimental_s3_credentials;
  const scratch = await mkdtemp(join(tmpdir(), 'quietlist-wrangler-'));
  const port = options.port ?? (await freePort());
  const inspectorPort = await freePort(); // else wrangler probes from 9229, racing parallel runs
  const args = [
    WRANGLER_BIN,
    'dev',
    '--config',
    options.configPath,
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
  ];
  args.push(
    '--inspector-port',
    String(inspectorPort),
    '--persist-to',
    options.persistDir ?? join(scratch, 'state'),
  );
  args.push(
    '--log-level',
    options.logLevel ?? 'warn',
    '--show-interactive-dev-session=false',
    '--live-reload=false',
  );
  if (options.testScheduled) args.push('--test-scheduled');
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', options.showOutput ? 'inherit' : 'pipe', options.showOutput ? 'inherit' : 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no download of request.cf data
      WRANGLER_LOG_PATH: join(scratch, 'logs'), // not ~/.config/.wrangler/logs
      // wrangler dev keeps a local trace store (in --persist-to) of every request's URL, whatever the
      // config's "observability" says: a number a client put in a URL would stay on disk.
      X_LOCAL_OBSERVABILITY: options.keepLocalTraces ? 'true' : 'false',
      NO_COLOR: '1',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    options.onOutput?.(chunk.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If our process dies without calling stop(), do not leave workerd running.
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
  const s3Endpoint = `${origin}${S3_PATH}`;
  try {
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
    await waitForEndpoint(`${s3Endpoint}/${config.bucket_name}`, child, deadline, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    s3Endpoint,
    bucket: config.bucket_name,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    region: 'auto',
    pid: child.pid!,
    stop,
  };
}
