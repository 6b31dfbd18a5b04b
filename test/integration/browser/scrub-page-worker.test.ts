/**
 * The scrub page served by the Cloudflare worker itself: worker/wrangler.jsonc under `wrangler dev`
 * (workerd, a local R2 bucket), the page rendered by the worker and its script and Web Worker served as
 * Workers Static Assets (with their _headers policy), in open and oprf modes, scrubbing the same French
 * CSV export in Chromium as the `quietlist serve` tests do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, WORKER_CONFIG, type WranglerDev } from '../../../scripts/wrangler-dev.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import {
  type CallRow,
  callRows,
  launchBrowser,
  openPage,
  operatorFor,
  publish,
  registry,
  reunionNumbers,
  type Served,
  scrubInPage,
  windows1252Csv,
  workbookOf,
} from './helpers/page-fixture.ts';

const keys = newOperatorKeys();
const overseas = reunionNumbers();
const rows = callRows(overseas);
const csv = windows1252Csv(rows);
let scratch = '';
let browser: BrowserContext;
const devs: WranglerDev[] = [];

async function workerFor(mode: 'open' | 'oprf'): Promise<Served> {
  const operator = await operatorFor(mode, keys);
  // startWranglerDev builds the bundles from the sources first (the config has Workers Static Assets).
  const dev = await startWranglerDev({
    configPath: WORKER_CONFIG,
    persistDir: join(scratch, `wrangler-${mode}`),
    vars: operator.settings,
  });
  devs.push(dev);
  const store = new S3Store({
    ...{ endpoint: dev.s3Endpoint, bucket: dev.bucket, prefix: '', region: dev.region },
    ...{ accessKeyId: dev.accessKeyId, secretAccessKey: dev.secretAccessKey, forcePathStyle: true },
  });
  const { epoch, apiKey } = await publish(store, scratch, operator, registry(overseas));
  return { server: { url: dev.origin, close: dev.stop }, epoch, apiKey };
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-worker-'));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const dev of devs) await dev.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

function expectedCsv(which: (row: CallRow) => boolean): Buffer {
  const lines = [csv.lines[0]!, ...rows.flatMap((row, i) => (which(row) ? [csv.lines[i + 1]!] : []))];
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\r\n')]));
}

describe.each(['open', 'oprf'] as const)('scrub page on the worker (wrangler dev), %s mode', (mode) => {
  it('serves the page and its static assets, and scrubs the CSV and the .xlsx in the browser', async () => {
    const served = await workerFor(mode);
    const asset = await fetch(`${served.server.url}/assets/scrub-worker.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
    );
    const page = await browser.newPage();
    await openPage(page, served);
    const outputs = await scrubInPage(
      page,
      { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes },
      mode === 'oprf' ? served.apiKey : undefined,
    );
    expect(outputs.clean.equals(expectedCsv((r) => r.expect === 'clean')), 'the clean file differs').toBe(
      true,
    );
    expect(outputs.listed.equals(expectedCsv((r) => r.expect === 'listed')), 'the listed file differs').toBe(
      true,
    );
    // oprf: libsodium's WebAssembly compiled under the scripts' policy of dist/web/_headers.
    expect(await page.getAttribute('#scrub-status', 'data-oprf-backend')).toBe(
      mode === 'oprf' ? 'libsodium' : null,
    );
    // A workbook loads SheetJS, a chunk of its own, from the static assets too.
    const sheet = await scrubInPage(
      page,
      { name: 'appels.xlsx', mimeType: 'application/octet-stream', buffer: workbookOf(rows) },
      mode === 'oprf' ? served.apiKey : undefined,
    );
    const book = XLSX.read(sheet.clean, { type: 'buffer', dense: true });
    const names = (book.Sheets.Appels!['!data'] ?? []).slice(1).map((row) => row[0]?.v);
    expect(names).toEqual(rows.filter((r) => r.expect === 'clean').map((r) => r.name));
    await page.close();
  }, 180_000);
});
