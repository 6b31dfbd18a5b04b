/**
 * The scrub page's test bench: real epochs (open, oprf, secret) built by the builder into file stores,
 * each served by `quietlist serve`'s startApiServer, the page's bundles built by scripts/build-browser.mjs,
 * and Debian's Chromium driven by playwright-core. A call list of registered and free numbers in the
 * spellings people and Excel write them.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  generateApiKey,
  hashApiKey,
  parseApiKey,
  writeSubscriber,
} from '../../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../../src/api/quota/memory.ts';
import type { BuildJob, BuildReport } from '../../../../src/builder/run-build.ts';
import { type RunningServer, startApiServer } from '../../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import { FileStore } from '../../../../src/storage/file-store.ts';
import type { ObjectStore } from '../../../../src/storage/object-store.ts';
import { buildInto, type OperatorKeys } from '../../../helpers/build-fixture.ts';
import { type OverseasNumber, overseasNumbers } from '../../../helpers/overseas-numbers.ts';
import { timestampSettings } from '../../../helpers/timestamp-key.ts';

export const CHROMIUM = '/usr/bin/chromium';
export type PageMode = 'open' | 'oprf' | 'secret';

/** Registered: ARCEP fiction numbers 06 39 98 00 10–19, and two generated Réunion mobiles (never printed). */
export function registry(overseas: OverseasNumber[]): string[] {
  const fiction = Array.from({ length: 10 }, (_, i) => `+336399800${10 + i}`);
  return [...fiction, overseas[0]!.e164, overseas[2]!.e164];
}

/** Réunion numbers: [0] and [2] registered, [1] free (overseasNumbers cycles RE, YT, GP…: take RE ones). */
export function reunionNumbers(): OverseasNumber[] {
  return overseasNumbers(15, 1207)
    .filter((n) => n.region === 'RE')
    .slice(0, 3);
}

export interface CallRow {
  name: string;
  phone: string;
  city: string;
  /** What the scrub must say. */
  expect: 'listed' | 'clean' | 'EXCEL_SCIENTIFIC' | 'NOT_A_NUMBER';
}

export function callRows(overseas: OverseasNumber[]): CallRow[] {
  return [
    { name: 'Hélène', phone: '06 39 98 00 12', city: 'Créteil', expect: 'listed' },
    { name: 'Noël', phone: '+33 6 39 98 00 13', city: 'Évry', expect: 'listed' },
    { name: 'Anaïs', phone: '0033639980014', city: 'Nîmes', expect: 'listed' },
    { name: 'Zoé', phone: '06.39.98.00.15', city: 'Sète', expect: 'listed' },
    { name: 'Léo', phone: `0${overseas[0]!.national}`, city: 'Saint-Denis', expect: 'listed' },
    { name: 'Théo', phone: '639980016', city: 'Besançon', expect: 'listed' },
    { name: 'Inès', phone: `+262 ${overseas[2]!.national}`, city: 'Saint-Pierre', expect: 'listed' },
    { name: 'Chloé', phone: '3,37672E+10', city: 'Orléans', expect: 'EXCEL_SCIENTIFIC' },
    { name: 'Maël', phone: '01 99 00 12 34', city: 'Gérardmer', expect: 'clean' },
    { name: 'Jérôme', phone: '06 39 98 00 99', city: 'Angoulême', expect: 'clean' },
    { name: 'Gaël', phone: `0${overseas[1]!.national}`, city: 'Le Port', expect: 'clean' },
    { name: 'Aurélie', phone: 'pas de numéro', city: 'Mâcon', expect: 'NOT_A_NUMBER' },
  ];
}

/** Every way a number of the file could travel: as written, E.164, national, digits only, without the trunk 0. */
export function forbiddenSpellings(rows: CallRow[], overseas: OverseasNumber[]): string[] {
  const out = new Set<string>();
  const add = (value: string) => {
    out.add(value);
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 9) {
      out.add(digits);
      out.add(digits.slice(-9));
    }
  };
  for (const row of rows) if (/\d{2}/.test(row.phone)) add(row.phone);
  for (const n of overseas) {
    add(n.e164);
    add(`0${n.national}`);
    add(`+33${n.national}`);
  }
  for (let i = 10; i < 20; i++) {
    add(`+336399800${i}`);
    add(`06399800${i}`);
    add(`06 39 98 00 ${i}`);
  }
  add('+33199001234');
  add('+33639980099');
  return [...out];
}

/** The rows as a French Excel "CSV (point-virgule)" export: Windows-1252, `;`, CRLF. */
export function windows1252Csv(rows: CallRow[]): { bytes: Buffer; lines: Buffer[] } {
  const encode = (text: string) => Buffer.from(text, 'latin1'); // every character here is in Latin-1
  const lines = [encode('Nom;Téléphone;Ville'), ...rows.map((r) => encode(`${r.name};${r.phone};${r.city}`))];
  return { bytes: Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\r\n')])), lines };
}

/** The rows as an .xlsx with typed cells: a number cell (Excel dropped the leading 0) and a date. */
export function workbookOf(rows: CallRow[]): Buffer {
  const cells: XLSX.CellObject[][] = [
    [
      { t: 's', v: 'Nom' },
      { t: 's', v: 'Téléphone' },
      { t: 's', v: 'Ville' },
      { t: 's', v: 'Rappel' },
    ],
    ...rows.map((r, i): XLSX.CellObject[] => [
      { t: 's', v: r.name },
      /^\d+$/.test(r.phone) && !r.phone.startsWith('0')
        ? { t: 'n', v: Number(r.phone) }
        : { t: 's', v: r.phone },
      { t: 's', v: r.city },
      { t: 'n', v: 46000 + i, z: 'yyyy-mm-dd' },
    ]),
  ];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells, { dense: true }), 'Appels');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export interface Served {
  server: Pick<RunningServer, 'url' | 'close'>;
  epoch: string;
  apiKey: string;
  /** The server's quota counter (Node's servePage only): evaluations counted by the server itself. */
  quotas?: MemoryQuotaCounter;
}

/** The operator's side of one mode: its OPRF key, and the server settings (secrets) it runs with. */
export interface Operator {
  mode: PageMode;
  keys: OperatorKeys;
  oprfKey: { secretKey: Uint8Array };
  settings: Record<string, string>;
}

export async function operatorFor(mode: PageMode, keys: OperatorKeys): Promise<Operator> {
  const backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const settings: Record<string, string> = {
    QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
    ...timestampSettings(keys.signingKeys),
    ...(mode === 'oprf' ? { QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey) } : {}),
    ...(mode === 'secret' ? { QUIETLIST_HASH_KEY: toBase64(keys.hashKey) } : {}),
  };
  return { mode, keys, oprfKey, settings };
}

/** Builds an epoch of `numbers` in the operator's mode into `store`, and adds a subscriber: its API key. */
export async function publish(
  store: ObjectStore,
  scratch: string,
  operator: Operator,
  numbers: string[],
  build: Partial<BuildJob> = {},
  dailyQuota = 100_000,
): Promise<{ epoch: string; apiKey: string; report: BuildReport }> {
  const { mode } = operator;
  const report = await buildInto(store, operator.keys, numbers, {
    mode,
    shardMaxBytes: 4096,
    ...build,
    ...(mode === 'oprf'
      ? {
          hashKey: undefined,
          oprf: {
            backend: await createOprfBackend({ prefer: 'fast' }),
            secretKey: operator.oprfKey.secretKey,
            stateDirectory: mkdtempSync(join(scratch, 'oprf-state-')),
            fullRebuild: false,
          },
        }
      : {}),
  });
  const { key } = generateApiKey();
  await writeSubscriber(store, {
    ...{ version: 1, id: parseApiKey(key)!.id, name: 'browser test', keyHash: await hashApiKey(key) },
    ...{
      scopes: ['download', 'check'],
      dailyQuota,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    },
  });
  return { epoch: report.signed.manifest.epoch, apiKey: key, report };
}

/**
 * An epoch in `mode` served by `quietlist serve` (startApiServer) over a directory store; `now` moves
 * the server's clock (the quota's days), `dailyQuota` is the subscriber's.
 */
export async function servePage(
  scratch: string,
  mode: PageMode,
  keys: OperatorKeys,
  numbers: string[],
  settings: Record<string, string> = {},
  options: { now?: () => number; dailyQuota?: number } = {},
): Promise<Served> {
  const store = new FileStore(mkdtempSync(join(scratch, `store-${mode}-`)));
  const operator = await operatorFor(mode, keys);
  Object.assign(operator.settings, settings);
  const { epoch, apiKey } = await publish(store, scratch, operator, numbers, {}, options.dailyQuota);
  const quotas = new MemoryQuotaCounter();
  const server = await startApiServer(
    {
      store,
      config: parseApiConfig(operator.settings),
      audit: () => {},
      log: () => {},
      quotas,
      ...(options.now ? { now: options.now } : {}),
    },
    { port: 0, host: '127.0.0.1' },
  );
  return { server, epoch, apiKey, quotas };
}

/** Evaluations (units) the server charged to `served`'s key today and over the last 30 days. */
export async function evaluationsCharged(
  served: Served,
  at: number,
): Promise<{ today: number; total: number }> {
  const usage = await served.quotas!.usage(parseApiKey(served.apiKey)!.id, at);
  return { today: usage.today, total: usage.last30Days };
}

/** The bundles, as `npm test` (pretest) builds them; built again here so a targeted run tests the sources. */
export function buildBundles(): void {
  execFileSync(process.execPath, ['scripts/build-browser.mjs', '--quiet'], { stdio: 'inherit' });
}

export async function launchBrowser(profile: string): Promise<BrowserContext> {
  // Not skipped when absent: the page is only tested if a real browser runs it.
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is absent: apt-get install -y chromium (the scrub page tests need it)`);
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    locale: 'en-US',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Forgets what the page kept in this profile for `url`'s origin (IndexedDB): the list, so it downloads
 * it again, and the evaluations, so every number is evaluated again.
 */
export async function forgetCachedList(browser: BrowserContext, page: Page, url: string): Promise<void> {
  const cdp = await browser.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'indexeddb' });
  await cdp.detach();
}

export interface PageOutputs {
  clean: Buffer;
  listed: Buffer;
  rejects: Buffer;
  receipt: Buffer;
  names: Record<string, string>;
}

/** Opens the page, waits for the verified epoch. */
export async function openPage(page: Page, served: Served): Promise<void> {
  const response = await page.goto(`${served.server.url}/scrub`);
  expect(response?.status()).toBe(200);
  await expect
    .poll(async () => page.getAttribute('#epoch-status', 'data-epoch'), { timeout: 30_000 })
    .toBe(served.epoch);
}

/** The phone columns ticked on the page, by their labels. */
export async function checkedColumns(page: Page): Promise<string[]> {
  return page.$$eval('#column-choices input:checked', (boxes) =>
    boxes.map((box) => (box as HTMLInputElement).parentElement?.textContent?.trim() ?? ''),
  );
}

/** Picks a file and waits until the page has read it (its columns shown, or a problem said). */
export async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.setInputFiles('#file', file);
  await expect
    .poll(
      async () =>
        (await page.isVisible('#columns')) ||
        (await page.getAttribute('#file-status', 'data-detail')) !== null,
      {
        timeout: 20_000,
      },
    )
    .toBe(true);
}

/** Picks the file, checks the pre-selected column, scrubs, and downloads the four outputs. */
export async function scrubInPage(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  apiKey?: string,
): Promise<PageOutputs> {
  await chooseFile(page, file);
  expect(await checkedColumns(page)).toEqual(['Téléphone']);
  if (apiKey !== undefined) await page.fill('#api-key', apiKey);
  await page.click('#scrub');
  return collectDownloads(page);
}

export async function collectDownloads(page: Page): Promise<PageOutputs> {
  await page.waitForSelector('#downloads:not([hidden])', { timeout: 120_000 });
  const outputs: Partial<PageOutputs> = { names: {} };
  for (const kind of ['clean', 'listed', 'rejects', 'receipt'] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
    outputs[kind] = await readFile(await download.path());
    outputs.names![kind] = download.suggestedFilename();
  }
  return outputs as PageOutputs;
}
