/**
 * The browser scrub page (GET /scrub) in a real headless Chromium against `quietlist serve`: a French
 * Excel CSV export (Windows-1252, `;`) and an .xlsx, with registered and free numbers in mixed
 * spellings (national, +33, 0033, dots, an overseas 0692 number, Excel's dropped zero and scientific
 * notation), come back correctly scrubbed in open mode and in oprf mode; every request the page and its
 * Web Worker make is recorded and none carries a number of the file in any spelling.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { BrowserContext, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReceipt } from '../../../src/client/receipt/verify-receipt.ts';
import { parseReceipt } from '../../../src/core/receipt/receipt.ts';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import {
  buildBundles,
  type CallRow,
  callRows,
  collectDownloads,
  forbiddenSpellings,
  forgetCachedList,
  launchBrowser,
  openPage,
  type PageMode,
  type PageOutputs,
  registry,
  reunionNumbers,
  type Served,
  scrubInPage,
  servePage,
  windows1252Csv,
  workbookOf,
} from './helpers/page-fixture.ts';

const keys = newOperatorKeys();
const overseas = reunionNumbers();
const rows = callRows(overseas);
const csv = windows1252Csv(rows);
let scratch = '';
let browser: BrowserContext;
const served = new Map<PageMode, Served>();

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-page-'));
  for (const mode of ['open', 'oprf', 'secret'] as const) {
    served.set(mode, await servePage(scratch, mode, keys, registry(overseas)));
  }
  browser = await launchBrowser(join(scratch, 'profile'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const { server } of served.values()) await server.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The input's lines (Windows-1252 bytes) of the rows whose verdict is `which`, CRLF after each. */
function expectedCsv(which: (row: CallRow) => boolean): Buffer {
  const lines = [csv.lines[0]!, ...rows.flatMap((row, i) => (which(row) ? [csv.lines[i + 1]!] : []))];
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\r\n')]));
}

/** Byte comparisons without printing rows (the overseas numbers are generated: never printed). */
function sameBytes(actual: Buffer, expected: Buffer, what: string): void {
  expect(actual.equals(expected), `${what} differs from the expected bytes`).toBe(true);
}

function checkCsvOutputs(outputs: PageOutputs): void {
  sameBytes(
    outputs.clean,
    expectedCsv((r) => r.expect === 'clean'),
    'the clean file',
  );
  sameBytes(
    outputs.listed,
    expectedCsv((r) => r.expect === 'listed'),
    'the listed file',
  );
  const rejects = outputs.rejects.toString('latin1').split('\r\n');
  expect(rejects[0]).toBe('Nom;Téléphone;Ville;quietlist_row;quietlist_reason');
  expect(rejects[1]).toMatch(/^Chloé;3,37672E\+10;Orléans;8;"EXCEL_SCIENTIFIC: /);
  expect(rejects[2]).toMatch(/^Aurélie;pas de numéro;Mâcon;12;"?NOT_A_NUMBER: /);
  expect(rejects.length).toBe(4);
  expect(outputs.names).toMatchObject({ clean: 'appels.clean.csv', receipt: 'appels.receipt.json' });
}

async function checkReceipt(outputs: PageOutputs, mode: PageMode): Promise<void> {
  const receipt = parseReceipt(outputs.receipt);
  expect(receipt.counts).toEqual({ rows: 12, listed: 7, clean: 3, invalid: 2, blank: 0 });
  expect(receipt.epoch).toMatchObject({ id: served.get(mode)!.epoch, mode });
  expect(receipt.checkedWith.kind).toBe(mode === 'oprf' ? 'worker' : 'local');
  expect(receipt.outputs.clean.sha256).toBe(createHashHex(outputs.clean));
  if (receipt.settings.format === 'csv')
    expect(receipt.settings).toMatchObject({ delimiter: ';', encoding: 'windows-1252', column: 'Téléphone' });
  // oprf mode has an API key: the operator countersigns the receipt's hash.
  expect(receipt.timestamp !== undefined).toBe(mode === 'oprf');
  // The CLI's `receipt verify` accepts it: the signed manifest, the counts, the countersignature.
  const verification = await verifyReceipt({
    receiptBytes: outputs.receipt,
    operatorKeys: [{ key: keys.signingKeys.publicKey, source: 'the key you gave' }],
  });
  expect(verification.checks.filter((check) => check.outcome === 'failed')).toEqual([]);
  expect(verification.ok).toBe(true);
}

function createHashHex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe.each(['open', 'oprf'] as const)('scrub page, %s mode', (mode) => {
  it('scrubs a Windows-1252 `;` CSV: clean, listed and rejects byte for byte as the CLI writes them, and the receipt', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const target = served.get(mode)!;
    await openPage(page, target);
    const outputs = await scrubInPage(
      page,
      { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes },
      mode === 'oprf' ? target.apiKey : undefined,
    );
    checkCsvOutputs(outputs);
    await checkReceipt(outputs, mode);
    expect(await page.textContent('#scrub-status')).toBe(
      'Done: 12 rows checked: 3 to call, 7 on the do-not-call list, 2 rejected.',
    );
    // The reasons of the rejects, in the page's words.
    expect(await page.$$eval('#reason-list li', (items) => items.map((item) => item.textContent))).toEqual([
      expect.stringMatching(/^1 × Excel showed the number as 3\.37E\+10/),
      '1 × not a phone number',
    ]);
    // oprf: blinded by libsodium's WebAssembly (the scripts' policy allows compiling it), not the fallback.
    expect(await page.getAttribute('#scrub-status', 'data-oprf-backend')).toBe(
      mode === 'oprf' ? 'libsodium' : null,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('scrubs an .xlsx into .xlsx files that keep the other cells and their types', async () => {
    const page = await browser.newPage();
    const target = served.get(mode)!;
    await openPage(page, target);
    const outputs = await scrubInPage(
      page,
      {
        name: 'appels.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: workbookOf(rows),
      },
      mode === 'oprf' ? target.apiKey : undefined,
    );
    const sheetRows = (bytes: Buffer) => {
      const book = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true });
      expect(book.SheetNames).toEqual(['Appels']);
      return (book.Sheets.Appels!['!data'] ?? []) as XLSX.CellObject[][];
    };
    const names = (bytes: Buffer) =>
      sheetRows(bytes)
        .slice(1)
        .map((row) => row[0]?.v);
    const wanted = (verdict: CallRow['expect']) =>
      rows.filter((r) => r.expect === verdict).map((r) => r.name);
    expect(names(outputs.clean)).toEqual(wanted('clean'));
    expect(names(outputs.listed)).toEqual(wanted('listed'));
    expect(names(outputs.rejects)).toEqual([...wanted('EXCEL_SCIENTIFIC'), ...wanted('NOT_A_NUMBER')]);
    // The date column stays a number cell with its date format; the numeric phone cell stays a number.
    const listed = sheetRows(outputs.listed);
    const theo = listed.find((row) => row[0]?.v === 'Théo')!;
    expect(theo[1]).toMatchObject({ t: 'n' });
    expect(theo[3]).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' });
    expect(outputs.names.clean).toBe('appels.clean.xlsx');
    const receipt = parseReceipt(outputs.receipt);
    expect(receipt.settings).toMatchObject({ format: 'xlsx', sheet: 'Appels', column: 'Téléphone' });
    await checkReceipt(outputs, mode);
    await page.close();
  });
});

describe('flag mode', () => {
  it('keeps every row with a quietlist_status column, as the CLI’s --mode flag writes it', async () => {
    const page = await browser.newPage();
    await openPage(page, served.get('open')!);
    await page.check('input[name=output-mode][value=flag]');
    const outputs = await scrubInPage(page, { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes });
    const status = (row: CallRow) =>
      row.expect === 'clean' ? 'not_listed' : row.expect === 'listed' ? 'listed' : 'invalid';
    const expected = Buffer.concat([
      csv.lines[0]!,
      Buffer.from(';quietlist_status\r\n'),
      ...rows.flatMap((row, i) => [csv.lines[i + 1]!, Buffer.from(`;${status(row)}\r\n`)]),
    ]);
    expect(outputs.clean.equals(expected), 'the flagged file differs').toBe(true);
    expect(outputs.names.clean).toBe('appels.flagged.csv');
    expect(outputs.listed.equals(expectedCsv((r) => r.expect === 'listed'))).toBe(true);
    expect(parseReceipt(outputs.receipt).settings.mode).toBe('flag');
    expect(await page.textContent('#download-clean')).toBe(
      'Every row, marked in its quietlist_status column',
    );
    await page.click('[data-set-lang=fr]');
    expect(await page.textContent('#download-clean')).toBe(
      'Toutes les lignes, marquées dans leur colonne quietlist_status',
    );
    await page.close();
  });
});

describe('methods', () => {
  it('answers 405 with Allow to a POST on /scrub and on its scripts (Node)', async () => {
    const { url } = served.get('open')!.server;
    for (const path of ['/scrub', '/assets/scrub-worker.js', '/assets/scrub-page.js']) {
      const wrong = await fetch(`${url}${path}`, { method: 'POST' });
      expect(wrong.status, path).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    expect((await fetch(`${url}/assets/scrub-worker.js`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${url}/assets/not-built.js`)).status).toBe(404);
  });
});

describe('oprf backend fallback', () => {
  it('blinds with @noble/curves, with the same results, when the policy forbids compiling WebAssembly', async () => {
    const page = await browser.newPage();
    // The Web Worker's script served with the policy it had before: no 'wasm-unsafe-eval'.
    await page.route('**/assets/scrub-worker.js', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'",
        },
      });
    });
    const target = served.get('oprf')!;
    // The evaluations the tests above kept in this browser would spare every blinding: forget them.
    await forgetCachedList(browser, page, target.server.url);
    await openPage(page, target);
    const outputs = await scrubInPage(
      page,
      { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes },
      target.apiKey,
    );
    checkCsvOutputs(outputs);
    await checkReceipt(outputs, 'oprf');
    expect(await page.getAttribute('#scrub-status', 'data-oprf-backend')).toBe('noble');
    await page.close();
  });
});

describe('what leaves the browser', () => {
  it('no URL, header or body of any request (page or Web Worker) carries a number of the file, in any spelling', async () => {
    const page = await browser.newPage();
    const recorded: { url: string; headers: string; body: string }[] = [];
    const pendingRecords: Promise<void>[] = [];
    const record = (request: Request) => {
      pendingRecords.push(
        request.allHeaders().then((headers) => {
          recorded.push({
            url: request.url(),
            headers: JSON.stringify(headers),
            body: request.postDataBuffer()?.toString('latin1') ?? '',
          });
        }),
      );
    };
    // The list cached by the tests above would spare the downloads this test watches.
    await forgetCachedList(browser, page, served.get('oprf')!.server.url);
    // The context sees the Web Worker's requests too.
    browser.on('request', record);
    try {
      const target = served.get('oprf')!;
      await openPage(page, target);
      await scrubInPage(page, { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes }, target.apiKey);
      await scrubInPage(
        page,
        { name: 'appels.xlsx', mimeType: 'application/octet-stream', buffer: workbookOf(rows) },
        target.apiKey,
      );
    } finally {
      browser.off('request', record);
    }
    await Promise.all(pendingRecords);
    const paths = recorded.map((r) => new URL(r.url).pathname);
    // The recorder saw the worker's traffic: the signed pointer, the epoch, the blinded evaluations, the receipt hash.
    expect(paths).toContain('/v1/latest');
    expect(paths).toContain('/v1/oprf/evaluate');
    expect(paths).toContain('/v1/receipts');
    expect(paths.filter((p) => p.startsWith('/v1/epochs/')).length).toBeGreaterThan(0);
    // Only this server is contacted.
    const origin = new URL(served.get('oprf')!.server.url).origin;
    expect(
      recorded.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('blob:')).map((r) => r.url),
    ).toEqual([]);
    const spellings = forbiddenSpellings(rows, overseas);
    expect(spellings.length).toBeGreaterThan(40);
    let leaks = 0;
    for (const request of recorded) {
      const text = `${request.url}\n${request.headers}\n${request.body}`;
      for (const spelling of spellings) if (text.includes(spelling)) leaks++;
    }
    // A count, never the matching text: the numbers are not printed.
    expect(leaks, 'requests carrying a number of the file').toBe(0);
    await page.close();
  });
});

describe('private downloads', () => {
  it('asks for the API key when the list cannot be downloaded without it, then scrubs with it', async () => {
    const target = await servePage(scratch, 'oprf', keys, registry(overseas), { PUBLIC_DOWNLOADS: 'false' });
    try {
      const page = await browser.newPage();
      await page.goto(`${target.server.url}/scrub`);
      await expect
        .poll(async () => page.textContent('#epoch-status'), { timeout: 30_000 })
        .toContain('enter your access key');
      expect(await page.isVisible('#api-key')).toBe(true);
      const outputs = await scrubInPage(
        page,
        { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes },
        target.apiKey,
      );
      checkCsvOutputs(outputs);
      await page.close();
    } finally {
      await target.server.close();
    }
  });
});

describe('files for Excel', () => {
  it("puts a ' before cells Excel would run, by default, and passes them byte for byte once unticked", async () => {
    const page = await browser.newPage();
    await openPage(page, served.get('open')!);
    // The profile remembers the language an earlier test chose: the notes are read in English.
    await page.click('[data-set-lang=en]');
    const free = rows.find((row) => row.expect === 'clean')!;
    const text = `Nom;Téléphone;Note\r\n=HYPERLINK("http://x.test");${free.phone};@SUM(1+1)\r\n`;
    const file = { name: 'appels.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') };
    expect(await page.isChecked('#excel-safe')).toBe(true);
    const safe = await scrubInPage(page, file);
    expect(safe.clean.toString('latin1')).toBe(
      text.replace('=HYPERLINK', "'=HYPERLINK").replace('@SUM', "'@SUM"),
    );
    expect(await page.textContent('#formula-note')).toMatch(
      /^2 cells that a spreadsheet would have run as formulas were written as text/,
    );
    expect(parseReceipt(safe.receipt).settings).toMatchObject({ excelSafe: true });
    await page.uncheck('#excel-safe');
    await page.click('#scrub');
    const plain = await collectDownloads(page);
    expect(plain.clean.toString('latin1')).toBe(text);
    expect(await page.textContent('#formula-note')).toMatch(
      /^2 cells start with = \+ - or @ and were written as they came/,
    );
    await page.close();
  });
});

describe('secret mode', () => {
  it('says the list cannot be checked in the browser and sends nothing', async () => {
    const page = await browser.newPage();
    await openPage(page, served.get('secret')!);
    expect(await page.textContent('#privacy')).toContain('which this page never does');
    expect(await page.isDisabled('#scrub')).toBe(true);
    await page.close();
  });
});
