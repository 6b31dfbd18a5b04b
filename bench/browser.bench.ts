/**
 * The browser suite: the scrub page (GET /scrub, `quietlist serve`) in headless Chromium against the CLI's
 * `scrub`, on the same open-mode epoch and the same 100,000-row call list, side by side in one run.
 * The page's time runs from the click on "Clean the list" to its four downloads being offered (rows
 * parsed, classified in the Web Worker, outputs and receipt built); the epoch was downloaded and
 * verified before (measured separately). The CLI runs in a child process, with its hashing threads and
 * with none (the page has one Web Worker). Both must report the same counts.
 *
 * Needs /usr/bin/chromium (Debian's chromium package), like the page's tests.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseApiConfig } from '../src/api/config.ts';
import { MemoryQuotaCounter } from '../src/api/quota-memory.ts';
import type { InputRecord } from '../src/builder/input-record.ts';
import { runBuild } from '../src/builder/run-build.ts';
import { startApiServer } from '../src/cli/commands/serve.ts';
import { pull } from '../src/client/pull.ts';
import { StoreEpochSource } from '../src/client/sources/store-source.ts';
import { toBase64 } from '../src/core/base64.ts';
import { parseReceipt } from '../src/core/receipt.ts';
import { generateSigningKeyPair } from '../src/core/signing.ts';
import { FileStore } from '../src/storage/file-store.ts';
import { BENCH_HASH_KEY } from './bench-key.ts';
import { runInChild } from './child-process.ts';
import type { ScrubBenchOutcome, ScrubBenchTask } from './scrub.bench.ts';
import { writeCallList } from './scrub.bench.ts';
import type { BenchSuite, Measurement } from './suite.ts';
import { SyntheticNumbers } from './synthetic-numbers.ts';

const CHROMIUM = '/usr/bin/chromium';
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
      const best = {
        seconds: Number.POSITIVE_INFINITY,
        epochSeconds: Number.POSITIVE_INFINITY,
        listed: -1,
        rows: -1,
      };
      for (let round = 1; round <= (options.quick ? 1 : 2); round++) {
        log(`browser: page scrub of ${rows.toLocaleString('en')} rows in Chromium, round ${round}`);
        const context = await browser.newContext({ acceptDownloads: true, locale: 'en-US' });
        const page = await context.newPage();
        const opened = performance.now();
        await page.goto(`${server.url}/scrub`);
        await page.waitForFunction(
          () => document.querySelector('#epoch-status')?.textContent?.includes('verified'),
          null,
          {
            timeout: 300_000,
          },
        );
        const epochSeconds = (performance.now() - opened) / 1000;
        await page.setInputFiles('#file', { name: 'calls.csv', mimeType: 'text/csv', buffer: inputBytes });
        await page.waitForFunction(
          () => !(document.querySelector('#column') as unknown as HTMLSelectElement).disabled,
          null,
          {
            timeout: 120_000,
          },
        );
        const started = performance.now();
        await page.click('#scrub');
        await page.waitForSelector('#downloads:not([hidden])', { timeout: 600_000 });
        const seconds = (performance.now() - started) / 1000;
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#download-receipt'),
        ]);
        const receipt = parseReceipt(readFileSync(await download.path()));
        if (seconds < best.seconds)
          Object.assign(best, { seconds, listed: receipt.counts.listed, rows: receipt.counts.rows });
        best.epochSeconds = Math.min(best.epochSeconds, epochSeconds);
        await context.close();
      }
      if (best.rows !== cliThreads.rows || best.listed !== cliThreads.listed) {
        throw new Error(
          `the page and the CLI disagree: page ${best.rows} rows / ${best.listed} listed, CLI ${cliThreads.rows} / ${cliThreads.listed}`,
        );
      }
      add('page scrub in Chromium, one Web Worker (rows/s, wall)', rows / best.seconds);
      add(`CLI scrub, 2 hashing threads (rows/s, wall)`, cliThreads.rows / cliThreads.wallSeconds);
      add('CLI scrub, no hashing thread (rows/s, wall)', cliSingle.rows / cliSingle.wallSeconds);
      add('page / CLI with threads (%, wall)', (100 * cliThreads.wallSeconds) / best.seconds);
      add('page / CLI without threads (%, wall)', (100 * cliSingle.wallSeconds) / best.seconds);
      add('page: epoch download + signature + SHA-256 checks (s)', best.epochSeconds);
      add('rows listed (page = CLI)', best.listed);
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
        'Page time: click to downloads offered (parse, classify in the Web Worker, lay out the outputs, hash them for the receipt), best of 2; CLI time: the whole `scrub` call in a fresh process, files written.',
      ],
    };
  },
};
