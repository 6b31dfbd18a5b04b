/**
 * The scrub page as the owner of a small company uses it, in French, in Chromium against `quietlist
 * serve` in oprf mode: a file with more new numbers than the day's quota, finished over two days
 * (the server's clock moved) with every evaluation counted by the server and none spent twice; the
 * tab closed in the middle of the evaluations and the page opened again; a wrong and a malformed
 * access key; a PDF; two phone columns. After each, every visible string of the page is looked at for
 * English left untranslated.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { generateApiKey } from '../../../src/api/auth/subscribers.ts';
import { verifyReceipt } from '../../../src/client/receipt/verify-receipt.ts';
import { parseReceipt } from '../../../src/core/receipt/receipt.ts';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import { englishIn } from '../../helpers/english-phrases.ts';
import { startFaultProxy } from '../../helpers/fault-proxy.ts';
import {
  buildBundles,
  checkedColumns,
  chooseFile,
  evaluationsCharged,
  launchBrowser,
  openPage,
  type Served,
  servePage,
} from './helpers/page-fixture.ts';

const DAY_MS = 86_400_000;
const keys = newOperatorKeys();
/** Registered: every third fictional number of the first 300. */
const REGISTERED = Array.from({ length: 100 }, (_, i) => fictionalNumber(i * 3));
let scratch = '';
let browser: BrowserContext;
let offset = 0;
const now = () => Date.now() + offset;

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-people-'));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The pages' requests say what a French browser says (the context's own locale is en-US). */
async function speakFrench(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname === '/' || url.pathname === '/scrub',
    (route) =>
      route.continue({ headers: { ...route.request().headers(), 'accept-language': 'fr-FR,fr;q=0.9' } }),
  );
}

/** A French page: the browser asks for French, as a French company's does. */
async function frenchPage(served: Served): Promise<Page> {
  const page = await browser.newPage();
  await speakFrench(page);
  await openPage(page, served);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  return page;
}

/** Every visible string of the page, the folded key check opened: no English left in it. */
async function expectNoEnglish(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden elements' text
  const text = await page.evaluate(() => document.body.innerText);
  expect(englishIn(text)).toEqual([]);
  // No HTTP status, header or API code reaches a person either.
  expect(text).not.toMatch(/HTTP|Bearer|Authorization|Retry-After|QUOTA_EXCEEDED|UNAUTHORIZED/);
}

/** A French CRM export: `;`, Windows-1252, CRLF; row i calls fictional number `numbers[i]`. */
function callList(numbers: string[]): Buffer {
  const national = (e164: string) => `0${e164.slice(3)}`;
  const lines = ['Nom;Téléphone;Ville', ...numbers.map((e164, i) => `Client ${i};${national(e164)};Créteil`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function download(page: Page, kind: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
  return readFile((await file.path())!);
}

const names = (csv: Buffer) =>
  csv
    .toString('latin1')
    .split('\r\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.split(';')[0]!);

async function scrub(page: Page, file: Buffer, apiKey: string): Promise<void> {
  await chooseFile(page, { name: 'prospects.csv', mimeType: 'text/csv', buffer: file });
  await page.fill('#api-key', apiKey);
  await page.click('#scrub');
}

describe('a file larger than the day’s quota', () => {
  it('is finished over two days: the plan first, then the rows checked today, the rest tomorrow, no evaluation spent twice', async () => {
    offset = 0;
    // 60 distinct numbers, one per row; 40 evaluations a day.
    const numbers = Array.from({ length: 60 }, (_, i) => fictionalNumber(i));
    const served = await servePage(scratch, 'oprf', keys, REGISTERED, {}, { now, dailyQuota: 40 });
    try {
      const page = await frenchPage(served);
      await scrub(page, callList(numbers), served.apiKey);
      // Before spending anything: how many rows today, and when the rest.
      await page.waitForSelector('#plan:not([hidden])', { timeout: 60_000 });
      const plan = (await page.textContent('#plan-text')) ?? '';
      expect(plan).toContain('Ce fichier contient 60 numéros jamais vérifiés');
      expect(plan).toContain('votre abonnement en permet encore 40 aujourd’hui');
      expect(plan).toMatch(
        /Aujourd’hui, la page peut vérifier 40 lignes sur 60\. Les 20 autres lignes pourront être vérifiées à partir du \d+ \p{L}+ \d{4}/u,
      );
      expect(await page.textContent('#plan-continue')).toBe('Vérifier 40 lignes aujourd’hui');
      expect((await evaluationsCharged(served, now())).today).toBe(0);
      await expectNoEnglish(page);

      await page.click('#plan-continue');
      await page.waitForSelector('#downloads:not([hidden])', { timeout: 120_000 });
      expect(await page.getAttribute('#scrub-status', 'data-outcome')).toBe('stopped');
      const status = (await page.textContent('#scrub-status')) ?? '';
      expect(status).toContain(
        'Pas terminé : 40 lignes vérifiées sur 60. 20 lignes n’ont pas encore pu être vérifiées.',
      );
      expect(status).toContain('Le quota de votre abonnement pour aujourd’hui est épuisé.');
      expect(status).toContain(
        'les numéros déjà vérifiés sont conservés dans ce navigateur'.replace('les', 'Les'),
      );
      expect(await page.isVisible('#download-receipt')).toBe(false);
      expect(await page.isVisible('#receipt-later')).toBe(true);
      const clean = names(await download(page, 'clean'));
      const listed = names(await download(page, 'listed'));
      const unchecked = names(await download(page, 'unchecked'));
      // The first 40 rows checked, the 20 others apart; never a clean row that was not checked.
      expect(unchecked).toEqual(numbers.slice(40).map((_, i) => `Client ${40 + i}`));
      expect([...clean, ...listed].sort()).toEqual(
        numbers
          .slice(0, 40)
          .map((_, i) => `Client ${i}`)
          .sort(),
      );
      for (const name of listed) expect(REGISTERED).toContain(numbers[Number(name.split(' ')[1])]);
      expect((await evaluationsCharged(served, now())).today).toBe(40);
      await expectNoEnglish(page);

      // The next day (the server's clock moved past midnight UTC): the same file again.
      offset = DAY_MS;
      await scrub(page, callList(numbers), served.apiKey);
      await expect
        .poll(() => page.getAttribute('#scrub-status', 'data-outcome'), { timeout: 120_000 })
        .toBe('done');
      expect(await page.isVisible('#plan')).toBe(false);
      expect(await page.textContent('#scrub-status')).toBe(
        `Terminé : 60 lignes vérifiées : ${60 - 20} à appeler, 20 sur la liste d’opposition, 0 rejetée.`,
      );
      const charged = await evaluationsCharged(served, now());
      // Only the 20 numbers not evaluated yesterday; over both days, each number once.
      expect(charged.today).toBe(20);
      expect(charged.total).toBe(numbers.length);
      const receipt = await download(page, 'receipt');
      expect(parseReceipt(receipt).counts).toMatchObject({ rows: 60, listed: 20, clean: 40 });
      const verification = await verifyReceipt({
        receiptBytes: receipt,
        operatorKeys: [{ key: keys.signingKeys.publicKey, source: 'the key you gave' }],
      });
      expect(verification.ok).toBe(true);
      await expectNoEnglish(page);
      await page.close();
    } finally {
      offset = 0;
      await served.server.close();
    }
  });
});

describe('the tab closed in the middle of a scrub', () => {
  it('keeps every evaluation it received: opened again, the page asks the server only for the rest', async () => {
    const numbers = Array.from({ length: 3000 }, (_, i) => fictionalNumber(10_000 + i));
    const served = await servePage(scratch, 'oprf', keys, REGISTERED);
    // The page reached through a proxy: the first two batches of 1,000 go through to the server, the
    // third never gets there (the proxy holds it, unanswered) until the tab is closed.
    const proxy = await startFaultProxy(served.server.url);
    let evaluations = 0;
    proxy.decide = (method, path) =>
      method === 'POST' && path === '/v1/oprf/evaluate' && ++evaluations > 2
        ? { kind: 'hang' }
        : { kind: 'pass' };
    const viaProxy: Served = {
      ...served,
      server: { url: proxy.endpoint.replace(/\/$/, ''), close: proxy.close },
    };
    try {
      const first = await frenchPage(viaProxy);
      await scrub(first, callList(numbers), served.apiKey);
      // Evaluating: the page has opened its journal (IndexedDB) by then.
      await expect
        .poll(() => first.getAttribute('#scrub-status', 'data-stage'), { timeout: 120_000 })
        .toBe('evaluate');
      const kept = () =>
        first.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const opening = indexedDB.open('quietlist-evaluations');
              opening.onsuccess = () => {
                const database = opening.result;
                if (!database.objectStoreNames.contains('evaluations')) {
                  database.close();
                  return resolve(-1);
                }
                const count = database.transaction('evaluations').objectStore('evaluations').count();
                count.onsuccess = () => {
                  resolve(count.result);
                  database.close();
                };
                count.onerror = () => resolve(-1);
              };
              opening.onerror = () => resolve(-1);
              opening.onblocked = () => resolve(-1);
            }),
        );
      // Both answers are kept in the browser while the third request waits: then the tab is closed.
      await expect.poll(kept, { timeout: 120_000 }).toBe(2000);
      expect(await first.getAttribute('#scrub-status', 'data-stage')).toBe('evaluate');
      await first.close();
      expect((await evaluationsCharged(served, now())).today).toBe(2000);

      proxy.decide = () => ({ kind: 'pass' });
      const again = await frenchPage(viaProxy);
      await scrub(again, callList(numbers), served.apiKey);
      await expect
        .poll(() => again.getAttribute('#scrub-status', 'data-outcome'), { timeout: 120_000 })
        .toBe('done');
      // 3,000 numbers, 3,000 evaluations over both visits: none spent twice.
      expect((await evaluationsCharged(served, now())).today).toBe(numbers.length);
      expect(await again.textContent('#scrub-status')).toMatch(/^Terminé : 3\u202f000 lignes vérifiées/);
      await expectNoEnglish(again);
      await again.close();
    } finally {
      await proxy.close();
      await served.server.close();
    }
  });
});

describe('what a person gets wrong', () => {
  let served: Served;
  beforeAll(async () => {
    served = await servePage(scratch, 'oprf', keys, REGISTERED);
  });
  afterAll(async () => served?.server.close());

  it('a wrong access key and a malformed one: said in French, without HTTP', async () => {
    const page = await frenchPage(served);
    await scrub(page, callList([fictionalNumber(1), fictionalNumber(2)]), generateApiKey().key);
    await expect
      .poll(() => page.getAttribute('#scrub-status', 'data-outcome'), { timeout: 60_000 })
      .toBe('failed');
    expect(await page.textContent('#scrub-status')).toBe(
      'Le fichier n’a pas pu être nettoyé. Votre clé d’accès n’a pas été acceptée. Vérifiez que vous l’avez copiée en entier ; si le problème persiste, demandez au gestionnaire si elle est toujours valable.',
    );
    await expectNoEnglish(page);
    await page.fill('#api-key', 'ma clé');
    await page.click('#scrub');
    await expect.poll(() => page.textContent('#scrub-status')).toContain('Ce n’est pas une clé d’accès');
    await expectNoEnglish(page);
    await page.close();
  });

  it('a PDF is refused by its content, whatever its name, with what to do', async () => {
    const page = await frenchPage(served);
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    await chooseFile(page, { name: 'prospects.csv', mimeType: 'text/csv', buffer: pdf });
    expect(await page.textContent('#file-status')).toBe(
      'C’est un document PDF, pas un fichier d’appels. Exportez la liste depuis le logiciel qui la contient (votre CRM, Excel) en CSV ou en Excel, puis choisissez ce fichier.',
    );
    expect(await page.isVisible('#columns')).toBe(false);
    await expectNoEnglish(page);
    await page.close();
  });

  it('two phone columns: both checked, a row is clean only if both numbers are, the file says which matched', async () => {
    const page = await frenchPage(served);
    const national = (e164: string) => `0${e164.slice(3)}`;
    const lines = [
      'Nom;Tél. fixe;Tél. portable;Ville',
      `Hélène;${national(fictionalNumber(1))};${national(REGISTERED[5]!)};Créteil`,
      `Noël;${national(fictionalNumber(2))};${national(fictionalNumber(4))};Évry`,
      `Zoé;;${national(fictionalNumber(5))};Sète`,
      `Inès;pas de fixe;${national(fictionalNumber(7))};Nîmes`,
    ];
    await chooseFile(page, {
      name: 'crm.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'),
    });
    expect(await checkedColumns(page)).toEqual(['Tél. fixe', 'Tél. portable']);
    expect(await page.textContent('#columns-found')).toBe(
      'Numéros de téléphone trouvés dans : Tél. fixe, Tél. portable.',
    );
    await page.fill('#api-key', served.apiKey);
    await page.click('#scrub');
    await expect
      .poll(() => page.getAttribute('#scrub-status', 'data-outcome'), { timeout: 60_000 })
      .toBe('done');
    expect(await page.textContent('#scrub-status')).toBe(
      'Terminé : 4 lignes vérifiées : 2 à appeler, 1 sur la liste d’opposition, 1 rejetée.',
    );
    expect((await download(page, 'listed')).toString('latin1').split('\r\n').slice(0, 2)).toEqual([
      'Nom;Tél. fixe;Tél. portable;Ville;quietlist_column',
      expect.stringMatching(/^Hélène;.*;Créteil;Tél\. portable$/),
    ]);
    expect(names(await download(page, 'clean'))).toEqual(['Noël', 'Zoé']);
    // The rejected row's reason, in French on the page.
    expect(await page.$$eval('#reason-list li', (items) => items.map((item) => item.textContent))).toEqual([
      '1 × ce n’est pas un numéro de téléphone',
    ]);
    const receipt = parseReceipt(await download(page, 'receipt'));
    expect(receipt.settings).toMatchObject({ column: 'Tél. fixe', columns: ['Tél. fixe', 'Tél. portable'] });
    await expectNoEnglish(page);
    await page.close();
  });
});

describe('the status page', () => {
  it('in French: what the service is and the way to the scrub page first, no English anywhere', async () => {
    const served = await servePage(scratch, 'oprf', keys, REGISTERED);
    try {
      const page = await browser.newPage();
      await speakFrench(page);
      await page.goto(`${served.server.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('h1')).toBe('La liste d’opposition, vérifiée sans partager vos fichiers');
      expect(await page.textContent('#list-summary')).toMatch(
        /^La liste du \d+ \p{L}+ \d{4} compte 100 numéros inscrits\.$/u,
      );
      await expectNoEnglish(page);
      await page.click('#scrub-link');
      await page.waitForURL(/\/scrub\?lang=fr$/);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await page.close();
    } finally {
      await served.server.close();
    }
  });
});
