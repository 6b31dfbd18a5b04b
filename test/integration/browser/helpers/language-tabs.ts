/**
 * The scrub page as browsers of several languages see it, for the register tests
 * (test/integration/browser/profiles-page.test.ts): a tab asking in a language, the page opened and
 * its list loaded, everything it shows, and a file scrubbed on it.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { chooseFile } from './page-fixture.ts';
import { idsOf } from './register-call-list.ts';

/**
 * A tab whose pages (/ and /scrub) are asked for as a browser saying `acceptLanguage` asks: '' for a
 * browser naming no language (Chromium adds its own en-US when the header is removed, so it is emptied).
 */
export async function tabSaying(browser: BrowserContext, acceptLanguage: string): Promise<Page> {
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
export async function openScrub(
  browser: BrowserContext,
  url: string,
  acceptLanguage: string,
  partitioned: boolean,
): Promise<Page> {
  const page = await tabSaying(browser, acceptLanguage);
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
export async function visibleText(page: Page): Promise<string> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden elements' text
  return page.evaluate(() => document.body.innerText);
}

/** The output `kind` (clean, listed, rejects, receipt) downloaded from the page. */
async function download(page: Page, kind: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
  return readFile((await file.path())!);
}

/** Scrubs `file` on the page with `apiKey`; the ids of the clean, listed and rejected rows. */
export async function scrubOnPage(
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
