/**
 * The scrub page with scopes and partitions (docs/FORMAT.md §1.3, §1.4), in Chromium against
 * `quietlist serve`: a Spanish-style register (oprf) shows a channel and a sector to choose, and the
 * clean file holds exactly the numbers not opted out of that channel and sector; a US-style register
 * (oprf) is downloaded for the area codes the API key bought only, and rows of the other area codes
 * go to the rejects (NOT_ENTITLED), never to the clean file; the page then says which parts the key
 * covers. Receipts name the scope and the partitions. Every phone column is checked in the scope
 * chosen, and the count before the check asks one evaluation per number whatever the scope: the same
 * file checked again in another scope asks none.
 */
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKey } from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto, newOperatorKeys, rowsOf } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  rowCovers,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { addSubscriber } from '../client/helpers/real-worker.ts';
import { buildBundles, chooseFile, collectDownloads, launchBrowser } from './helpers/page-fixture.ts';

let scratch = '';
let browser: BrowserContext;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-scopes-'));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const close of closers) await close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** An oprf epoch of `rows` under `register`, served; returns the page's URL and a subscriber's key. */
async function serve(name: string, build: Parameters<typeof buildInto>[3], partitions?: string[]) {
  const keys = newOperatorKeys();
  const backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const store = new FileStore(join(scratch, name));
  await buildInto(store, keys, [], {
    mode: 'oprf',
    hashKey: undefined,
    oprf: {
      backend,
      secretKey: oprfKey.secretKey,
      stateDirectory: mkdtempSync(join(scratch, 'state-')),
      fullRebuild: false,
    },
    ...build,
  });
  const quotas = new MemoryQuotaCounter();
  const server = await startApiServer(
    {
      store,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
        QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
      }),
      audit: () => {},
      log: () => {},
      quotas,
    },
    { port: 0, host: '127.0.0.1' },
  );
  closers.push(() => server.close());
  const apiKey = await addSubscriber(store, 100_000, partitions);
  /** Evaluations charged to the key so far (one per number evaluated). */
  const charged = async () => (await quotas.usage(parseApiKey(apiKey)!.id, Date.now())).last30Days;
  return { url: server.url, apiKey, charged };
}

async function scrubFile(
  url: string,
  apiKey: string,
  csv: string,
  scope?: { channel: string; sector: string },
) {
  const page = await browser.newPage();
  await page.goto(`${url}/scrub`);
  if (scope) {
    await page.waitForSelector('#scope-row:not([hidden])', { timeout: 30_000 });
    await page.selectOption('#scope-channel', scope.channel);
    await page.selectOption('#scope-sector', scope.sector);
  }
  await chooseFile(page, { name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  // Every phone column of the file, each checked in the scope chosen.
  for (const box of await page.$$('#column-choices input')) await box.check();
  await page.waitForSelector('#api-key-row:not([hidden])', { timeout: 30_000 });
  await page.fill('#api-key', apiKey);
  await page.click('#scrub');
  const outputs = await collectDownloads(page);
  const partitionsNote = await page
    .waitForSelector('#partitions-note:not([hidden])', { timeout: 5_000 })
    .then((note) => note.textContent())
    .catch(() => null);
  await page.close();
  return { ...outputs, partitionsNote };
}

describe('the scrub page with scopes and partitions', () => {
  it('a register with channels and sectors: the chosen scope decides the clean file, one evaluation per number', async () => {
    const numbers = spanishNumbers(56, 5);
    const rows = robinsonRows(numbers.slice(0, 24));
    const registered = robinsonRows(numbers.slice(0, 32));
    const { url, apiKey, charged } = await serve('es', {
      region: 'ES',
      register: ES_RULES,
      rows: recordsOf(registered),
    });
    // The built-in register's channels and sectors in the page's language: Spanish words on the
    // Spanish page, English with the register's word beside on the English one.
    for (const [language, expected, foreign] of [
      ['es', ['llamadas telefónicas', 'seguros'], /telephone|insurance/],
      ['en', ['telephone calls (llamadas)', 'insurance (seguros)'], /llamadas telefónicas/],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(`${url}/scrub?lang=${language}`);
      await page.waitForSelector('#scope-row:not([hidden])', { timeout: 30_000 });
      const names = await page.$$eval('#scope-channel option, #scope-sector option', (options) =>
        options.map((option) => option.textContent ?? ''),
      );
      await page.close();
      for (const name of expected) expect(names, language).toContain(name);
      expect(names.join(' '), language).not.toMatch(foreign);
    }
    // Two phone columns: a row is clean only if neither number is opted out of the scope.
    const second = (i: number) => (i % 3 === 0 ? registered[24 + (i % 8)]! : { phone: numbers[32 + i]! });
    const csv = `phone,mobile\n${rows.map((row, i) => `${row.phone},${second(i).phone}`).join('\n')}\n`;
    const covers = (row: { phone: string }, channel: string, sector: string) =>
      'channels' in row && rowCovers(row as (typeof rows)[number], channel, sector);
    for (const [scope, chargedBefore] of [
      [{ channel: 'sms', sector: 'energy' }, 0],
      [{ channel: 'call', sector: 'travel' }, 48],
    ] as const) {
      expect(await charged()).toBe(chargedBefore);
      const outputs = await scrubFile(url, apiKey, csv, scope);
      const clean = (parse(outputs.clean, { columns: true }) as { phone: string }[]).map((row) => row.phone);
      expect(clean).toEqual(
        rows
          .filter(
            (row, i) =>
              !covers(row, scope.channel, scope.sector) && !covers(second(i), scope.channel, scope.sector),
          )
          .map((row) => row.phone),
      );
      const receipt = JSON.parse(outputs.receipt.toString('utf8')) as { scope: unknown; settings: unknown };
      expect(receipt.scope).toEqual(scope);
      expect(receipt.settings).toMatchObject({ columns: ['phone', 'mobile'] });
      // One evaluation per number of the file (24 + 24 distinct), whatever the scope: the second
      // scope's check is answered from the evaluations this browser kept.
      expect(await charged()).toBe(48);
    }
  }, 240_000);

  it('a register sold by area code: the area codes bought only; the others in the rejects', async () => {
    const registered = nanpNumbers(['212', '646', '718'], 6);
    const { url, apiKey } = await serve(
      'us',
      { region: 'US', register: US_RULES, rows: rowsOf(registered) },
      ['212', '718'],
    );
    const calls = [...nanpNumbers(['212', '646', '718'], 3), ...nanpNumbers(['212', '646', '718'], 2, 50)];
    const outputs = await scrubFile(url, apiKey, `phone\n${calls.join('\n')}\n`);
    const clean = (parse(outputs.clean, { columns: true }) as { phone: string }[]).map((row) => row.phone);
    expect(clean).toEqual(calls.filter((n) => !n.startsWith('+1646') && !registered.includes(n)));
    const rejects = parse(outputs.rejects, { columns: true }) as {
      phone: string;
      quietlist_reason: string;
    }[];
    expect(rejects.map((row) => row.phone)).toEqual(calls.filter((n) => n.startsWith('+1646')));
    expect(rejects.every((row) => row.quietlist_reason.startsWith('NOT_ENTITLED'))).toBe(true);
    const receipt = JSON.parse(outputs.receipt.toString('utf8')) as { partitions: string[] };
    expect(receipt.partitions).toEqual(['212', '718']);
    // The page says which parts the key covers, the only ones downloaded.
    expect(outputs.partitionsNote).toContain('212, 718');
  }, 180_000);
});
