/**
 * The scrub page for everyone: every control has an accessible name and is reached with the keyboard
 * (a whole scrub is run from the keyboard), text contrast meets WCAG AA, a phone-sized screen shows it
 * without horizontal scrolling, and the language follows the browser and switches on demand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import {
  buildBundles,
  callRows,
  chooseFile,
  collectDownloads,
  launchBrowser,
  openPage,
  registry,
  reunionNumbers,
  type Served,
  servePage,
  windows1252Csv,
} from './helpers/page-fixture.ts';

const keys = newOperatorKeys();
const overseas = reunionNumbers();
const csv = windows1252Csv(callRows(overseas));
let scratch = '';
let browser: BrowserContext;
let served: Served;

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-access-'));
  served = await servePage(scratch, 'open', keys, registry(overseas));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.server.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The ids (or link texts) focused by pressing Tab `count` times from the top of the page. */
async function tabOrder(page: Page, count: number): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const order: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    order.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return (
          element?.id ||
          element?.dataset.setLang ||
          element?.dataset.copy ||
          element?.textContent?.trim() ||
          ''
        );
      }),
    );
  }
  return order;
}

describe('scrub page accessibility', () => {
  it('names every input, select and button for assistive technology', async () => {
    const page = await browser.newPage();
    await openPage(page, served);
    await chooseFile(page, { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes });
    const unnamed = await page.$$eval('input, select, button, a, summary', (elements) =>
      elements
        // What is hidden cannot be reached; it is named when it is shown (the plan's buttons).
        .filter((element) => element.closest('[hidden]') === null)
        .filter((element) => {
          const control = element as HTMLInputElement;
          const label = [...(control.labels ?? [])].map((l) => l.textContent ?? '').join('');
          const ownText = ['BUTTON', 'A', 'SUMMARY'].includes(element.tagName) ? element.textContent : '';
          const name = `${element.getAttribute('aria-label') ?? ''}${label}${ownText}`;
          return name.trim() === '';
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // The same names as the accessibility tree exposes them.
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toContain('button "Choose the file (CSV or Excel)"');
    expect(tree).toContain('checkbox "Téléphone" [checked]');
    expect(tree).toContain('checkbox "Nom"');
    expect(tree).toContain('button "Clean the list"');
    expect(tree).toContain('Check that this list comes from the operator');
    expect(tree).toContain('radio "every row, marked in a quietlist_status column');
    await page.close();
  });

  it('runs a whole scrub from the keyboard: Tab reaches the file input, the columns, the button and the downloads', async () => {
    const page = await browser.newPage();
    await openPage(page, served);
    const before = await tabOrder(page, 14);
    for (const stop of ['fr', 'en', 'file', 'scrub', 'Check that this list comes from the operator'])
      expect(before).toContain(stop);
    expect(before.indexOf('file')).toBeLessThan(before.indexOf('scrub'));
    // The key check comes after the file and the button, folded.
    expect(before.indexOf('scrub')).toBeLessThan(
      before.indexOf('Check that this list comes from the operator'),
    );
    // A file chooser is the one step a headless browser cannot show: the file is set on the focused input.
    await page.focus('#file');
    await page.setInputFiles('#file', { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes });
    await expect.poll(async () => page.isVisible('#columns')).toBe(true);
    // One stop per column: Nom, Téléphone (ticked), Ville.
    for (const column of ['phone-column-0', 'phone-column-1', 'phone-column-2']) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(column);
    }
    // The output mode: one stop for its radio group (arrows move within it).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mode-drop');
    // "Files to open in Excel" (ticked by default), then the button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('excel-safe');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('scrub');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#downloads:not([hidden])', { timeout: 60_000 });
    const after = await tabOrder(page, 18);
    for (const link of ['download-clean', 'download-listed', 'download-rejects', 'download-receipt'])
      expect(after).toContain(link);
    await page.close();
  });

  it('has text contrast of at least 4.5:1 (WCAG AA) on the page and its buttons', async () => {
    const page = await browser.newPage();
    await openPage(page, served);
    const ratios = await page.$$eval('h1, h2, p, label, button, a, dt, code, small', (elements) => {
      const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const channel = (v: number) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      };
      const background = (element: Element | null): string => {
        for (let e = element; e; e = e.parentElement) {
          const color = getComputedStyle(e).backgroundColor;
          if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
        }
        return 'rgb(255, 255, 255)';
      };
      return elements
        .filter((element) => (element as HTMLElement).offsetParent !== null && element.textContent?.trim())
        .map((element) => {
          const fg = luminance(rgb(getComputedStyle(element).color));
          const bg = luminance(rgb(background(element)));
          return { what: element.tagName, ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) };
        });
    });
    expect(ratios.length).toBeGreaterThan(10);
    expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
    await page.close();
  });

  it('fits a phone screen (390×844) without horizontal scrolling, before and after a scrub', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await openPage(page, served);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await chooseFile(page, { name: 'appels.csv', mimeType: 'text/csv', buffer: csv.bytes });
    await page.click('#scrub');
    await collectDownloads(page);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('scrub page languages', () => {
  it('speaks French to a French browser and switches to English on demand (and back)', async () => {
    const page = await browser.newPage();
    // The browser's language preference, as its Accept-Language header says it (the context's locale is en-US).
    await page.route('**/scrub', (route) =>
      route.continue({
        headers: { ...route.request().headers(), 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
      }),
    );
    await openPage(page, served);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('h1')).toBe('Nettoyer un fichier d’appels avec la liste d’opposition');
    expect(await page.textContent('#epoch-status')).toMatch(
      /^Liste d’opposition du \d+ \p{L}+ \d{4} prête : 12 numéros inscrits\.$/u,
    );
    expect(await page.textContent('#privacy')).toContain('Rien de votre fichier');
    await page.click('[data-set-lang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Clean a call list against the do-not-call list');
    expect(await page.textContent('#epoch-status')).toMatch(
      /^Do-not-call list of .* ready: 12 registered numbers\.$/,
    );
    expect(await page.getAttribute('[data-set-lang="en"]', 'aria-current')).toBe('true');
    // The choice is remembered for the next visit, whatever the browser's preference.
    await page.reload();
    expect(await page.textContent('h1')).toBe('Clean a call list against the do-not-call list');
    await page.click('[data-set-lang="fr"]');
    expect(await page.textContent('label[for="file"]')).toBe('Choisissez le fichier (CSV ou Excel)');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('publishes the full key and its fingerprint, both copyable', async () => {
    const page = await browser.newPage();
    await openPage(page, served);
    const { publicKeyFingerprint } = await import('../../../src/core/epoch/signing.ts');
    const { toBase64 } = await import('../../../src/core/encoding/base64.ts');
    expect(await page.textContent('#public-key')).toBe(toBase64(keys.signingKeys.publicKey));
    expect(await page.textContent('#fingerprint')).toBe(publicKeyFingerprint(keys.signingKeys.publicKey));
    // Folded until a person opens it.
    expect(await page.isVisible('#public-key')).toBe(false);
    await page.click('#verify summary');
    await page.click('#public-key');
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(
      toBase64(keys.signingKeys.publicKey),
    );
    await page.close();
  });
});
