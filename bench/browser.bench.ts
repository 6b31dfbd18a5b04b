/**
 * The browser suite: the scrub page (GET /scrub, `quietlist serve`) in headless Chromium against the CLI's
 * `scrub`, on the same open-mode epoch and the same 100,000-row call list, side by side in one run; then
 * oprf mode: the page (libsodium WebAssembly, then noble) beside `scrub --worker` on one list and server.
 * The page's time runs from the click on "Clean the list" to its four downloads being offered (rows
 * parsed, classified in the Web Worker, outputs and receipt built); the epoch was downloaded and
 * verified before (measured separately). The CLI runs in a child process, with its hashing threads and
 * with none (the page has one Web Worker). Both must report the same counts.
 *
 * Needs /usr/bin/chromium (Debian's chromium package), like the page's tests.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { generateApiKey, hashApiKey, writeSubscriber } from '../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../src/api/config.ts';
import { MemoryQuotaCounter } from '../src/api/quota/memory.ts';
import type { InputRecord } from '../src/builder/input/record.ts';
import { runBuild } from '../src/builder/run-build.ts';
import { startApiServer } from '../src/cli/commands/serve.ts';
import { pull } from '../src/client/pull/pull.ts';
import { openEpochSource } from '../src/client/sources/open-source.ts';
import { StoreEpochSource } from '../src/client/sources/store-source.ts';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../src/core/epoch/signing.ts';
import { parseReceipt } from '../src/core/receipt/receipt.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
import { FileStore } from '../src/storage/file-store.ts';
import { runInChild } from './children/child-process.ts';
import type { ScrubBenchOutcome, ScrubBenchTask } from './scrub.bench.ts';
import { writeCallList } from './scrub.bench.ts';
import { BENCH_HASH_KEY } from './support/bench-key.ts';
import type { BenchSuite, Measurement } from './support/suite.ts';
import { SyntheticNumbers } from './support/synthetic-numbers.ts';

const CHROMIUM = '/usr/bin/chromium';
const execFileAsync = promisify(execFile);
const SCRUB_CHILD = new URL('./scrub.bench.ts', import.meta.url);
const REGISTERED = 1_000_000;

export const browserSuite: BenchSuite = {
  name: 'browser',
  description: 'the scrub page in Chromium (Web Worker) beside the CLI scrub, same epoch and call list',
  async run(options, log) {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: apt-get install -y chromium`);
    const rows = options.sizes?.[0] ?? (options.quick ? 20_000 : 100_000);
    const registered = options.quick ? 100_000 : REGISTERED;
    const numbers = new SyntheticNumbers(options.seed);
    log(`browser: building an open-mode epoch of ${registered.toLocaleString('en')} registered numbers`);
    const signingKeys = generateSigningKeyPair();
    const store = new FileStore(join(options.tempDirectory, 'store'));
    async function* registry(): AsyncGenerator<InputRecord[]> {
      for (let start = 0; start < registered; start += 100_000) {
        const end = Math.min(registered, start + 100_000);
        yield Array.from({ length: end - start }, (_, i) => ({
          line: start + i + 1,
          phone: numbers.e164(start + i),
        }));
      }
    }
    await runBuild({
      ...{ rows: registry(), region: 'FR', mode: 'open', hashKey: BENCH_HASH_KEY, signingKeys },
      ...{ falsePositiveRate: 1e-6, store, dryRun: false, keepEpochs: 1, maxRejectRate: 0.01, maxShrink: 1 },
      now: new Date(),
    });
    const cache = join(options.tempDirectory, 'cache');
    await pull({
      source: new StoreEpochSource(store),
      cacheDirectory: cache,
      publicKey: signingKeys.publicKey,
    });
    const input = writeCallList(options.tempDirectory, numbers, rows, registered, 'national');
    const inputBytes = readFileSync(input);

    const measurements: Measurement[] = [];
    const add = (metric: string, value: number) => measurements.push({ metric, size: rows, value });
    const cli = async (threads: number) => {
      log(`browser: CLI scrub of ${rows.toLocaleString('en')} rows, ${threads} hashing thread(s)`);
      const task: ScrubBenchTask = {
        kind: 'scrub',
        input,
        cache,
        threads,
        outputDirectory: options.tempDirectory,
      };
      return runInChild<ScrubBenchTask, ScrubBenchOutcome>(SCRUB_CHILD, task);
    };
    const cliThreads = await cli(2);
    const cliSingle = await cli(0);

    const server = await startApiServer(
      {
        store,
        config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(signingKeys.publicKey) }),
        audit: () => {},
        log: () => {},
        quotas: new MemoryQuotaCounter(),
      },
      { port: 0, host: '127.0.0.1' },
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const rounds = options.quick ? 1 : 2;
      log(
        `browser: page scrub of ${rows.toLocaleString('en')} rows in Chromium, open mode, best of ${rounds}`,
      );
      const open = await pageScrub(browser, server.url, inputBytes, rounds);
      if (open.rows !== cliThreads.rows || open.listed !== cliThreads.listed) {
        throw new Error(
          `the page and the CLI disagree: page ${open.rows} rows / ${open.listed} listed, CLI ${cliThreads.rows} / ${cliThreads.listed}`,
        );
      }
      add('page scrub in Chromium, one Web Worker (rows/s, wall)', rows / open.seconds);
      add(
        'page, epoch download and verification included (rows/s, wall)',
        rows / (open.seconds + open.epochSeconds),
      );
      add(`CLI scrub, 2 hashing threads (rows/s, wall)`, cliThreads.rows / cliThreads.wallSeconds);
      add('CLI scrub, no hashing thread (rows/s, wall)', cliSingle.rows / cliSingle.wallSeconds);
      add('page / CLI with threads (%, wall)', (100 * cliThreads.wallSeconds) / open.seconds);
      add('page / CLI without threads (%, wall)', (100 * cliSingle.wallSeconds) / open.seconds);
      add('page: epoch download + signature + SHA-256 checks (s)', open.epochSeconds);
      add('rows listed (page = CLI)', open.listed);

      const oprfRows = options.quick ? 500 : OPRF_ROWS;
      log(
        `browser: oprf mode, ${oprfRows.toLocaleString('en')} distinct numbers: page (libsodium WebAssembly, then noble) and CLI scrub --worker`,
      );
      const oprf = await oprfPageScrub(browser, options.tempDirectory, numbers, oprfRows);
      const listed = Math.ceil(oprfRows / 10);
      for (const [who, run] of Object.entries(oprf)) {
        if (run.listed !== listed)
          throw new Error(`oprf scrub (${who}): ${run.listed} listed, not ${listed}`);
      }
      const oprfMetric = (metric: string, value: number) =>
        measurements.push({ metric, size: oprfRows, value: Number(value.toFixed(2)) });
      oprfMetric('page scrub, oprf mode, libsodium WebAssembly (rows/s, wall)', oprfRows / oprf.wasm.seconds);
      oprfMetric(
        'page scrub, oprf mode, @noble/curves fallback (rows/s, wall)',
        oprfRows / oprf.noble.seconds,
      );
      oprfMetric(
        'CLI scrub --worker, oprf mode, native libsodium (rows/s, wall)',
        oprfRows / oprf.cli.seconds,
      );
      oprfMetric('page oprf: ms per distinct number, WebAssembly', (1000 * oprf.wasm.seconds) / oprfRows);
      oprfMetric('page oprf: ms per distinct number, noble', (1000 * oprf.noble.seconds) / oprfRows);
      oprfMetric('page oprf WebAssembly / noble (×)', oprf.noble.seconds / oprf.wasm.seconds);
      oprfMetric('page oprf WebAssembly / CLI (%, wall)', (100 * oprf.cli.seconds) / oprf.wasm.seconds);
    } finally {
      await browser.close();
      await server.close();
      rmSync(input, { force: true });
    }
    return {
      measurements,
      targets: [],
      notes: [
        `Open-mode epoch of ${registered.toLocaleString('en')} numbers (ε = 1e-6, ${((registered * 28.8) / 8 / 1e6).toFixed(1)} MB of filters); call list as in the scrub suite (national spellings, about 10% registered).`,
        `oprf mode: an epoch of ${OPRF_REGISTERED.toLocaleString('en')} numbers, a list of distinct numbers (10% registered), every one blinded and evaluated by the same \`quietlist serve\` (native libsodium, in the bench process) on this machine. The page blinds in its Web Worker with libsodium's WebAssembly, then (the scripts served without 'wasm-unsafe-eval') with @noble/curves; the CLI (\`scrub --worker\`, a child process, native libsodium) scrubs the same file against the same epoch. Page time: click to downloads; CLI time: the whole process.`,
        'Page time: click to downloads offered (parse, classify in the Web Worker, lay out the outputs, hash them for the receipt), best of 2; CLI time: the whole `scrub` call in a fresh process, files written.',
      ],
    };
  },
};

const OPRF_ROWS = 20_000;
const OPRF_REGISTERED = 20_000;

interface PageRun {
  seconds: number;
  epochSeconds: number;
  rows: number;
  listed: number;
}

/** Best of `rounds` page scrubs of `bytes` (a fresh browser context each), with its receipt's counts. */
async function pageScrub(
  browser: Browser,
  url: string,
  bytes: Buffer,
  rounds: number,
  apiKey?: string,
  oprfBackend?: 'libsodium' | 'noble',
): Promise<PageRun> {
  let best: PageRun | undefined;
  for (let round = 1; round <= rounds; round++) {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
    const page = await context.newPage();
    // noble: the Web Worker's script served without 'wasm-unsafe-eval', as a browser refusing WebAssembly.
    if (oprfBackend === 'noble') {
      await page.route('**/assets/scrub-worker.js', async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers(), 'content-security-policy': "script-src 'self'" };
        await route.fulfill({ response, headers });
      });
    }
    const opened = performance.now();
    await page.goto(`${url}/scrub`);
    await page.waitForFunction(
      () => document.querySelector('#epoch-status')?.textContent?.includes('verified'),
      null,
      {
        timeout: 300_000,
      },
    );
    const epochSeconds = (performance.now() - opened) / 1000;
    await page.setInputFiles('#file', { name: 'calls.csv', mimeType: 'text/csv', buffer: bytes });
    await page.waitForFunction(
      () => !(document.querySelector('#column') as unknown as HTMLSelectElement).disabled,
      null,
      {
        timeout: 120_000,
      },
    );
    if (apiKey) await page.fill('#api-key', apiKey);
    const started = performance.now();
    await page.click('#scrub');
    await page.waitForSelector('#downloads:not([hidden])', { timeout: 1_800_000 });
    const seconds = (performance.now() - started) / 1000;
    const backend = await page.getAttribute('#scrub-status', 'data-oprf-backend');
    if (oprfBackend && backend !== oprfBackend)
      throw new Error(`the page used ${backend}, not ${oprfBackend}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-receipt')]);
    const { counts } = parseReceipt(readFileSync(await download.path()));
    if (!best || seconds < best.seconds)
      best = { seconds, epochSeconds, rows: counts.rows, listed: counts.listed };
    await context.close();
  }
  return best!;
}

/** An oprf-mode epoch served with its OPRF key, a subscriber, and a page scrub of `rows` distinct numbers. */
async function oprfPageScrub(
  browser: Browser,
  directory: string,
  numbers: SyntheticNumbers,
  rows: number,
): Promise<Record<'wasm' | 'noble' | 'cli', { seconds: number; listed: number }>> {
  const backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const signing = generateSigningKeyPair();
  const store = new FileStore(join(directory, 'store-oprf'));
  async function* registry(): AsyncGenerator<InputRecord[]> {
    yield Array.from({ length: OPRF_REGISTERED }, (_, i) => ({ line: i + 1, phone: numbers.e164(i) }));
  }
  await runBuild({
    ...{ rows: registry(), region: 'FR', mode: 'oprf', signingKeys: signing, falsePositiveRate: 1e-6 },
    oprf: {
      backend,
      secretKey: oprfKey.secretKey,
      stateDirectory: join(directory, 'oprf-state'),
      fullRebuild: true,
    },
    ...{ store, dryRun: false, keepEpochs: 1, maxRejectRate: 0.5, maxShrink: 1, now: new Date() },
  });
  const { key, id } = generateApiKey();
  await writeSubscriber(store, {
    ...{ version: 1, id, name: 'bench', keyHash: await hashApiKey(key), scopes: ['check'] },
    ...{ dailyQuota: 100_000_000, createdAt: new Date().toISOString(), revokedAt: null },
  });
  const server = await startApiServer(
    {
      store,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(signing.publicKey),
        QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
      }),
      audit: () => {},
      log: () => {},
      quotas: new MemoryQuotaCounter(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    const lines = ['id,phone'];
    for (let i = 0; i < rows; i++) {
      lines.push(`${i},${i % 10 === 0 ? numbers.national(i % OPRF_REGISTERED) : numbers.nonMemberE164(i)}`);
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const wasm = await pageScrub(browser, server.url, bytes, 1, key, 'libsodium');
    const noble = await pageScrub(browser, server.url, bytes, 1, key, 'noble');
    const cli = await cliOprfScrub(directory, server.url, signing.publicKey, key, bytes);
    return { wasm, noble, cli };
  } finally {
    await server.close();
  }
}

const BIN = fileURLToPath(new URL('../bin/quietlist.mjs', import.meta.url));

/** `quietlist scrub --worker` in a child process on the same file and epoch; its wall time and counts. */
async function cliOprfScrub(
  directory: string,
  url: string,
  publicKey: Uint8Array,
  apiKey: string,
  bytes: Buffer,
): Promise<{ seconds: number; listed: number }> {
  const cache = join(directory, 'cache-oprf');
  await pull({ source: openEpochSource(url), cacheDirectory: cache, publicKey });
  const input = join(directory, 'calls-oprf.csv');
  writeFileSync(input, bytes);
  const args = [BIN, 'scrub', input, '--out', join(directory, 'clean-oprf.csv'), '--force', '--json'];
  args.push('--cache', cache, '--worker', url, '--receipt', join(directory, 'receipt-oprf.json'));
  const started = performance.now();
  const { stdout } = await execFileAsync(process.execPath, args, {
    env: { ...process.env, QUIETLIST_API_KEY: apiKey },
    maxBuffer: 16 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  JSON.parse(stdout);
  const { counts } = parseReceipt(readFileSync(join(directory, 'receipt-oprf.json')));
  rmSync(input, { force: true });
  return { seconds, listed: counts.listed };
}
