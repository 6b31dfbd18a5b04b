/**
 * Every built-in register on the scrub page, end to end on its defaults: a synthetic register of 200
 * numbers written as that register's export writes them, built with `quietlist build --register ID`
 * (oprf, the default mode) and served by the real API (test/integration/registers/helpers/, shared with
 * the CLI's profiles-end-to-end.test.ts), and one call list in every spelling that country's
 * CRMs and spreadsheets write (as a CSV, and as an .xlsx whose digit-only cells Excel made numbers, its
 * leading 0 lost) scrubbed in Chromium and by `quietlist scrub` against the same server. The page speaks
 * the register's first language when the browser names none the pages speak, and English to an English
 * browser; nothing of the page is left in English when it speaks another language; a wrong access key is
 * said in the page's language; the page's clean and listed rows are the CLI's, row for row, with every
 * registered number removed; no number is printed by the CLI, shown by the page or logged in its console.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REGISTER_PROFILES,
  type RegisterNumber,
  registerNumbers,
} from '../../../scripts/register-numbers.ts';
import { generateApiKey } from '../../../src/api/auth/subscribers.ts';
import { BUILTIN_PROFILES } from '../../../src/core/registers/builtin-profiles.ts';
import { PAGE_STRINGS } from '../../../src/page/shared/strings/index.ts';
import { englishIn } from '../../helpers/english-phrases.ts';
import { numberLeaks } from '../../helpers/number-leaks.ts';
import type { RealWorker } from '../client/helpers/real-worker.ts';
import { serveRegister } from '../registers/helpers/served-register.ts';
import { openScrub, scrubOnPage, tabSaying, visibleText } from './helpers/language-tabs.ts';
import { buildBundles, checkedColumns, chooseFile, launchBrowser } from './helpers/page-fixture.ts';
import { callRows, cliVerdicts, csvOf, workbookOf } from './helpers/register-call-list.ts';

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

/** Registered or called numbers found in an output meant for the operator (none may be). */
const leaks = (text: string, numbers: readonly RegisterNumber[]) => numberLeaks(text, numbers);

describe.each(BUILTIN_PROFILES.map((profile) => [profile.id, profile] as const))(
  'register %s on the scrub page',
  (id, profile) => {
    let worker: RealWorker | undefined;
    afterAll(async () => {
      await worker?.close();
    });

    it('speaks the register’s language and cleans every spelling as the CLI does, printing no number', async () => {
      const dir = await mkdtemp(join(scratch, `${id}-`));
      const generator = REGISTER_PROFILES.find((candidate) => candidate.region === profile.region)!;
      const numbers = registerNumbers(generator, REGISTER_SIZE, 2_000 + id.length);
      expect(numbers.length).toBe(REGISTER_SIZE);
      const registered = numbers.filter((_, i) => i % 2 === 0);

      // Built and served as an operator does: keygen, build --register, serve with the OPRF key, pull.
      const served = await serveRegister(dir, profile, registered, numbers);
      worker = served.worker;
      const { apiKey } = served;

      const rows = callRows(profile, numbers, CALLED);
      const expectedListed = rows.filter((row) => row.registered).map((row) => row.id);
      const expectedClean = rows.filter((row) => !row.registered).map((row) => row.id);
      const spellingOf = new Map(rows.map((row) => [row.id, row.spelling]));
      const named = (ids: string[]) => ids.map((rowId) => spellingOf.get(rowId));
      writeFileSync(join(dir, 'calls.csv'), csvOf(rows));
      writeFileSync(join(dir, 'calls.xlsx'), workbookOf(rows));

      // The status page, to a browser naming no language: the register's first language, all of it.
      const language = profile.languages[0]!;
      const status = await tabSaying(browser, '');
      await status.goto(`${worker.url}/`);
      expect(await status.getAttribute('html', 'lang')).toBe(language);
      if (language !== 'en') expect(englishIn(await visibleText(status))).toEqual([]);
      await status.close();

      // /scrub, to the same browser: the register's first language, the register's languages first.
      const page = await openScrub(browser, worker.url, '', profile.partition !== undefined);
      const logged: string[] = [];
      page.on('console', (message) => logged.push(message.text()));
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await page.getAttribute('#scrub-app', 'data-languages')).toBe(profile.languages.join(' '));
      const strings = PAGE_STRINGS[language];

      // A wrong access key first (nothing evaluated yet): said in the page's language, in its words only.
      await chooseFile(page, { name: 'calls.csv', mimeType: 'text/csv', buffer: csvOf(rows) });
      expect(await checkedColumns(page)).toEqual(['phone']);
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
          browser,
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
