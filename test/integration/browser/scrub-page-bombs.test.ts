/**
 * Spreadsheet bombs in the scrub page's Web Worker (docs/BROWSER.md, "Limits"): in Chromium, the 1.6 MB
 * .xlsx whose sheet inflates to 1.6 GB (its size declared, or understated so that it is inflated as a
 * stream up to the limit) and the 1 KB .ods whose cell repeats a billion times are refused
 * with the command line's one-line message, and the page's renderer process (where the Web Worker runs)
 * keeps a bounded peak RSS (VmHWM, read from /proc on Linux).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_STRINGS, type PageLanguage } from '../../../src/page/shared/strings/index.ts';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import { odsRepeatBomb, xlsxBomb } from '../../helpers/spreadsheet-bombs.ts';
import {
  buildBundles,
  launchBrowser,
  openPage,
  registry,
  reunionNumbers,
  type Served,
  servePage,
} from './helpers/page-fixture.ts';

/** Measured 150-230 MiB for the page's renderer (docs/BROWSER.md); before the limits SheetJS took 3.2 GB. */
const PEAK_BOUND_MIB = 600;

let scratch = '';
let profile = '';
let browser: BrowserContext;
let served: Served;

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-page-bombs-'));
  served = await servePage(scratch, 'open', newOperatorKeys(), registry(reunionNumbers()));
  profile = join(scratch, 'profile');
  browser = await launchBrowser(profile);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.server.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The largest peak RSS of this browser's renderer processes, in MiB (Linux /proc). */
function rendererPeakMiB(): number {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
  const ours = new Set(table.filter((p) => p.args.includes(`--user-data-dir=${profile}`)).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (ours.has(p.ppid) && !ours.has(p.pid)) {
        ours.add(p.pid);
        grew = true;
      }
    }
  }
  const peaks = table
    .filter(
      (p) => ours.has(p.pid) && p.args.includes('--type=renderer') && existsSync(`/proc/${p.pid}/status`),
    )
    .map((p) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1] ?? 0));
  expect(peaks.length).toBeGreaterThan(0);
  return Math.max(...peaks) / 1024;
}

describe('scrub page: spreadsheet bombs', () => {
  it.each([
    [
      'appels.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      () => xlsxBomb(),
      /inflates to more than 100 MiB/,
    ],
    [
      'appels-declared-1kb.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      () => xlsxBomb(1_600_000_000, 1000),
      /inflates to more than 100 MiB/,
    ],
    [
      'appels.ods',
      'application/vnd.oasis.opendocument.spreadsheet',
      () => odsRepeatBomb(1_000_000, 1000),
      /holds more than 1,000,000 cells/,
    ],
  ])('refuses %s in the Web Worker with one line, in bounded memory', async (name, mimeType, make, limit) => {
    const page = await browser.newPage();
    await openPage(page, served);
    const before = rendererPeakMiB();
    await page.setInputFiles('#file', { name, mimeType, buffer: make() });
    // The person reads what to do in the page's language; the limit's one line is the problem's detail.
    await expect
      .poll(async () => page.getAttribute('#file-status', 'data-detail'), { timeout: 60_000 })
      .toMatch(limit);
    expect(await page.getAttribute('#file-status', 'data-detail')).toMatch(
      /save the sheet as CSV and use that file/,
    );
    const language = (await page.getAttribute('html', 'lang')) as PageLanguage;
    expect(await page.textContent('#file-status')).toBe(PAGE_STRINGS[language].problems.workbookTooBig);
    const peak = rendererPeakMiB();
    expect(peak).toBeLessThan(PEAK_BOUND_MIB);
    process.stderr.write(
      `page bomb ${name}: renderer peak RSS ${peak.toFixed(0)} MiB (${before.toFixed(0)} MiB before the file)\n`,
    );
    await page.close();
  });
});
