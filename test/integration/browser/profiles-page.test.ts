/**
 * Every built-in register on the scrub page, end to end on its defaults: a synthetic register of 200
 * numbers written as that register's export writes them (the fixtures of
 * test/integration/registers/profiles-end-to-end.test.ts), built with `quietlist build --register ID`
 * (oprf, the default mode), served by the real API, and one call list in every spelling that country's
 * CRMs and spreadsheets write (as a CSV, and as an .xlsx whose digit-only cells Excel made numbers, its
 * leading 0 lost) scrubbed in Chromium and by `quietlist scrub` against the same server. The page speaks
 * the register's first language when the browser names none the pages speak, and English to an English
 * browser; nothing of the page is left in English when it speaks another language; a wrong access key is
 * said in the page's language; the page's clean and listed rows are the CLI's, row for row, with every
 * registered number removed; no number is printed by the CLI, shown by the page or logged in its console.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REGISTER_PROFILES,
  type RegisterNumber,
  registerNumbers,
  registerSpellings,
} from '../../../scripts/register-numbers.ts';
import { generateApiKey } from '../../../src/api/auth/subscribers.ts';
import { BUILTIN_PROFILES } from '../../../src/core/registers/builtin-profiles.ts';
import type { RegisterProfile } from '../../../src/core/registers/profile.ts';
import { PAGE_STRINGS } from '../../../src/page/shared/strings/index.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { englishIn } from '../../helpers/english-phrases.ts';
import { timestampSettingsFrom } from '../../helpers/timestamp-key.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';
import { buildBundles, chooseFile, launchBrowser } from './helpers/page-fixture.ts';

/** The register: 200 numbers of the plan, every other one registered. */
const REGISTER_SIZE = 200;
/** The call list: the first 20 of them (10 registered, 10 free), each in every spelling of its country. */
const CALLED = 20;

let scratch = '';
let browser: BrowserContext;

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-profiles-page-'));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** How each register's export writes a number and a registration date (as the CLI's end-to-end test). */
function exportRow(profile: RegisterProfile, number: RegisterNumber): string {
  const phone = profile.region === 'US' || profile.region === 'CA' ? number.nsn : number.national;
  const date = { 'DD/MM/YYYY': '15/03/2026', 'MM/DD/YYYY': '03/15/2026', 'YYYY-MM-DD': '2026-03-15' }[
    profile.dateFormat
  ];
  return `"${phone}",${date}`;
}

/** Which generated numbers appear, as digit runs, in a text meant for a person: by region, never the number. */
function leaks(text: string, numbers: readonly RegisterNumber[]): string[] {
  const digits = text.replace(/\D/g, '');
  return numbers.filter((number) => digits.includes(number.nsn)).map((number) => number.region);
}

interface CallRow {
  id: string;
  registered: boolean;
  spelling: string;
  raw: string;
}

function callRows(profile: RegisterProfile, numbers: readonly RegisterNumber[]): CallRow[] {
  const generator = REGISTER_PROFILES.find((candidate) => candidate.region === profile.region)!;
  const rows: CallRow[] = [];
  numbers.slice(0, CALLED).forEach((number, n) => {
    for (const [spelling, raw] of Object.entries(registerSpellings(generator, number)))
      rows.push({ id: `r${rows.length}`, registered: n % 2 === 0, spelling, raw });
  });
  return rows;
}

function csvOf(rows: readonly CallRow[]): Buffer {
  const lines = [
    'id,name,phone',
    ...rows.map((row) => `${row.id},Prospect ${row.id},"${row.raw.replace(/"/g, '""')}"`),
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** The rows as Excel keeps them: a digit-only spelling typed in a cell becomes a number (a leading 0 lost). */
function workbookOf(rows: readonly CallRow[]): Buffer {
  const cells: XLSX.CellObject[][] = [
    [
      { t: 's', v: 'id' },
      { t: 's', v: 'name' },
      { t: 's', v: 'phone' },
    ],
    ...rows.map((row): XLSX.CellObject[] => [
      { t: 's', v: row.id },
      { t: 's', v: `Prospect ${row.id}` },
      /^\d{1,15}$/.test(row.raw) ? { t: 'n', v: Number(row.raw) } : { t: 's', v: row.raw },
    ]),
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells, { dense: true }), 'Calls');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The rows of an output (CSV, or .xlsx for a workbook: the outputs keep the file's kind and columns). */
function rowsOf(bytes: Buffer): Record<string, string>[] {
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    const book = XLSX.read(bytes, { type: 'buffer' });
    return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0]!]!, { raw: false, defval: '' });
  }
  return parse(bytes, { columns: true, bom: true, skip_empty_lines: true });
}

const idsOf = (bytes: Buffer) => rowsOf(bytes).map((row) => row.id!);

/** What `quietlist scrub --mode flag` said of each row: the ids it listed, and those clean. */
async function cliVerdicts(
  dir: string,
  file: string,
  apiKey: string,
  url: string,
  numbers: readonly RegisterNumber[],
): Promise<{ listed: string[]; clean: string[] }> {
  const out = file.replace(/(\.\w+)$/, '.flagged$1');
  const scrub = await runClientCli(
    ['scrub', file, '--column', 'phone', '--mode', 'flag', '--out', out, '--worker', url],
    { cwd: dir, env: { QUIETLIST_API_KEY: apiKey } },
  );
  expect(scrub.code, scrub.stderr).toBe(0);
  expect(leaks(scrub.stdout + scrub.stderr, numbers)).toEqual([]);
  const flagged = rowsOf(readFileSync(join(dir, out)));
  return {
    listed: flagged.filter((row) => row.quietlist_status === 'listed').map((row) => row.id!),
    clean: flagged.filter((row) => row.quietlist_status === 'not_listed').map((row) => row.id!),
  };
}

/**
 * A tab whose pages (/ and /scrub) are asked for as a browser saying `acceptLanguage` asks: '' for a
 * browser naming no language (Chromium adds its own en-US when the header is removed, so it is emptied).
 */
async function tabSaying(acceptLanguage: string): Promise<Page> {
  const page = await browser.newPage();
  await page.route(
    (target) => target.pathname === '/' || target.pathname === '/scrub',
    (route) =>
      route.continue({ headers: { ...route.request().headers(), 'accept-language': acceptLanguage } }),
  );
  return page;
}

/**
 * Opens /scrub as a browser saying `acceptLanguage` and waits for the verified list, or, for a
 * register sold by partition (us-dnc, ca-dncl), for the page to ask for the key that says which parts
 * to download (the list loads with the first scrub).
 */
async function openScrub(url: string, acceptLanguage: string, partitioned: boolean): Promise<Page> {
  const page = await tabSaying(acceptLanguage);
  const response = await page.goto(`${url}/scrub`);
  expect(response?.status()).toBe(200);
  if (partitioned) {
    await page.waitForSelector('#api-key-row:not([hidden])', { timeout: 30_000 });
  } else {
    await expect
      .poll(async () => (await page.getAttribute('#epoch-status', 'data-epoch')) ?? '', { timeout: 30_000 })
      .toMatch(/.+/);
  }
  return page;
}

/** Every visible string of the page, folded parts opened. */
async function visibleText(page: Page): Promise<string> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden elements' text
  return page.evaluate(() => document.body.innerText);
}

async function download(page: Page, kind: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
  return readFile((await file.path())!);
}

/** Scrubs `file` on the page with `apiKey`; the ids of the clean, listed and rejected rows. */
async function scrubOnPage(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  apiKey: string,
): Promise<{ clean: string[]; listed: string[]; rejected: string[] }> {
  await chooseFile(page, file);
  await page.fill('#api-key', apiKey);
  await page.click('#scrub');
  await expect
    .poll(() => page.getAttribute('#scrub-status', 'data-outcome'), { timeout: 120_000 })
    .toBe('done');
  return {
    clean: idsOf(await download(page, 'clean')),
    listed: idsOf(await download(page, 'listed')),
    rejected: idsOf(await download(page, 'rejects')),
  };
}

describe.each(BUILTIN_PROFILES.map((profile) => [profile.id, profile] as const))(
  'register %s on the scrub page',
  (id, profile) => {
    let worker: RealWorker | undefined;
    afterAll(async () => {
      await worker?.close();
    });

    it('speaks the register’s language and cleans every spelling as the CLI does, printing no number', async () => {
      const dir = await mkdtemp(join(scratch, `${id}-`));
      const cli = (args: string[]) => runClientCli(args, { cwd: dir });
      const generator = REGISTER_PROFILES.find((candidate) => candidate.region === profile.region)!;
      const numbers = registerNumbers(generator, REGISTER_SIZE, 2_000 + id.length);
      expect(numbers.length).toBe(REGISTER_SIZE);
      const registered = numbers.filter((_, i) => i % 2 === 0);

      // Built and served as an operator does: keygen, build --register, serve with the OPRF key.
      expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
      writeFileSync(
        join(dir, 'export.csv'),
        `phone,registered_on\n${registered.map((number) => exportRow(profile, number)).join('\n')}\n`,
      );
      const build = await cli([
        ...['build', 'export.csv', '--register', id, '--store', 'file://store', '--keys', 'keys'],
        ...['--reference-date', '2026-12-01', '--json'],
      ]);
      expect(build.code, build.stderr).toBe(0);
      expect(JSON.parse(build.stdout)).toMatchObject({
        mode: 'oprf',
        register: { id },
        counts: { accepted: registered.length, rejected: 0 },
      });
      expect(leaks(build.stdout + build.stderr, numbers)).toEqual([]);
      const store = new FileStore(join(dir, 'store'));
      const keysDir = join(dir, 'keys');
      worker = await startRealWorker(store, readFileSync(join(keysDir, 'signing.pub'), 'utf8').trim(), {
        QUIETLIST_OPRF_KEY: readFileSync(join(keysDir, 'oprf.key'), 'utf8').trim(),
        ...(existsSync(join(keysDir, 'timestamp.key')) ? timestampSettingsFrom(keysDir) : {}),
      });
      const apiKey = await addSubscriber(store);
      // With the subscriber's key: us-dnc and ca-dncl are sold by area code, so pull asks what it bought.
      const pull = await runClientCli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub'], {
        cwd: dir,
        env: { QUIETLIST_API_KEY: apiKey },
      });
      expect(pull.code, pull.stderr).toBe(0);

      const rows = callRows(profile, numbers);
      const expectedListed = rows.filter((row) => row.registered).map((row) => row.id);
      const expectedClean = rows.filter((row) => !row.registered).map((row) => row.id);
      const spellingOf = new Map(rows.map((row) => [row.id, row.spelling]));
      const named = (ids: string[]) => ids.map((rowId) => spellingOf.get(rowId));
      writeFileSync(join(dir, 'calls.csv'), csvOf(rows));
      writeFileSync(join(dir, 'calls.xlsx'), workbookOf(rows));

      // The status page, to a browser naming no language: the register's first language, all of it.
      const language = profile.languages[0]!;
      const status = await tabSaying('');
      await status.goto(`${worker.url}/`);
      expect(await status.getAttribute('html', 'lang')).toBe(language);
      if (language !== 'en') expect(englishIn(await visibleText(status))).toEqual([]);
      await status.close();

      // /scrub, to the same browser: the register's first language, the register's languages first.
      const page = await openScrub(worker.url, '', profile.partition !== undefined);
      const logged: string[] = [];
      page.on('console', (message) => logged.push(message.text()));
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.getAttribute('#scrub-app', 'data-languages')).toBe(profile.languages.join(' '));
      const strings = PAGE_STRINGS[language];

      // A wrong access key first (nothing evaluated yet): said in the page's language, in its words only.
      await chooseFile(page, { name: 'calls.csv', mimeType: 'text/csv', buffer: csvOf(rows) });
      expect(
        await page.$$eval('#column-choices input:checked', (boxes) =>
          boxes.map((box) => (box as HTMLInputElement).parentElement?.textContent?.trim()),
        ),
      ).toEqual(['phone']);
      await page.fill('#api-key', generateApiKey().key);
      await page.click('#scrub');
      await expect
        .poll(() => page.getAttribute('#scrub-status', 'data-outcome'), { timeout: 60_000 })
        .toBe('failed');
      expect(await page.textContent('#scrub-status')).toBe(
        `${strings.page.failed} ${strings.apiErrors.UNAUTHORIZED}`,
      );
      if (language !== 'en') expect(englishIn(await visibleText(page))).toEqual([]);

      // The CSV on the page and by the CLI: the same rows clean and listed, every registered one removed.
      const csv = await scrubOnPage(
        page,
        { name: 'calls.csv', mimeType: 'text/csv', buffer: csvOf(rows) },
        apiKey,
      );
      const cliCsv = await cliVerdicts(dir, 'calls.csv', apiKey, worker.url, numbers);
      expect(named(csv.rejected), `${id}: rows the page rejected (spellings)`).toEqual([]);
      expect(csv.clean, `${id}: the page's clean rows are the CLI's`).toEqual(cliCsv.clean);
      expect(csv.listed, `${id}: the page's listed rows are the CLI's`).toEqual(cliCsv.listed);
      expect(
        named(csv.clean.filter((rowId) => !expectedClean.includes(rowId))),
        `${id}: registered rows kept clean`,
      ).toEqual([]);
      expect(csv.listed).toEqual(expectedListed);
      expect(csv.clean).toEqual(expectedClean);
      if (language !== 'en') expect(englishIn(await visibleText(page))).toEqual([]);

      // The same list as an Excel workbook: what the page and the CLI make of Excel's damage agrees.
      const workbook = {
        name: 'calls.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: readFileSync(join(dir, 'calls.xlsx')),
      };
      const xlsx = await scrubOnPage(page, workbook, apiKey);
      const cliXlsx = await cliVerdicts(dir, 'calls.xlsx', apiKey, worker.url, numbers);
      expect(named(xlsx.rejected), `${id}: rows the page rejected (xlsx, spellings)`).toEqual([]);
      expect({ clean: xlsx.clean, listed: xlsx.listed }).toEqual(cliXlsx);
      expect(xlsx.listed).toEqual(expectedListed);
      expect(
        named(xlsx.clean.filter((rowId) => !expectedClean.includes(rowId))),
        `${id}: registered rows kept clean (xlsx)`,
      ).toEqual([]);

      expect(leaks(await visibleText(page), numbers)).toEqual([]);
      expect(leaks(logged.join('\n'), numbers)).toEqual([]);
      await page.close();

      // A browser asking for one of the register's other languages, or English, gets it.
      for (const other of [...profile.languages.slice(1), 'en']) {
        const tab = await openScrub(
          worker.url,
          `${other}-${profile.country},${other};q=0.9`,
          profile.partition !== undefined,
        );
        expect(await tab.getAttribute('html', 'lang')).toBe(other);
        await tab.close();
      }
      expect(leaks(JSON.stringify(worker.audit), numbers)).toEqual([]);
    }, 300_000);
  },
);
