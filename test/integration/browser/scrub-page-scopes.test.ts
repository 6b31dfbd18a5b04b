/**
 * The scrub page with scopes and partitions (docs/FORMAT.md §1.3, §1.4), in Chromium against
 * `quietlist serve`: a Spanish-style register (oprf) shows a channel and a sector to choose, and the
 * clean file holds exactly the numbers not opted out of that channel and sector; a US-style register
 * (oprf) is downloaded for the area codes the API key bought only, and rows of the other area codes
 * go to the rejects (NOT_ENTITLED), never to the clean file. Receipts name the scope and the partitions.
 */
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { buildBundles, collectDownloads, launchBrowser } from './helpers/page-fixture.ts';

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
  const server = await startApiServer(
    {
      store,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
        QUIETLIST_OPRF_KEY: toBase64(oprfKey.secretKey),
      }),
      audit: () => {},
      log: () => {},
      quotas: new MemoryQuotaCounter(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  closers.push(() => server.close());
  return { url: server.url, apiKey: await addSubscriber(store, 100_000, partitions) };
}

async function scrubFile(
  url: string,
  apiKey: string,
  csv: string,
  scope?: { channel: string; sector: string },
) {
  const page = await browser.newPage();
  await page.goto(`${url}/scrub`);
  await page.fill('#api-key', apiKey).catch(() => undefined);
  if (scope) {
    await page.waitForSelector('#scope-row:not([hidden])', { timeout: 30_000 });
    await page.selectOption('#scope-channel', scope.channel);
    await page.selectOption('#scope-sector', scope.sector);
  }
  await page.setInputFiles('#file', { name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect.poll(async () => page.isEnabled('#column'), { timeout: 20_000 }).toBe(true);
  await page.evaluate(() => {
    (document.getElementById('api-key-row') as HTMLElement).hidden = false;
  });
  await page.fill('#api-key', apiKey);
  await page.click('#scrub');
  const outputs = await collectDownloads(page);
  await page.close();
  return outputs;
}

describe('the scrub page with scopes and partitions', () => {
  it('a register with channels and sectors: the chosen scope decides the clean file', async () => {
    const rows = robinsonRows(spanishNumbers(24, 5));
    const { url, apiKey } = await serve('es', { region: 'ES', register: ES_RULES, rows: recordsOf(rows) });
    const csv = `phone\n${rows.map((row) => row.phone).join('\n')}\n`;
    const outputs = await scrubFile(url, apiKey, csv, { channel: 'sms', sector: 'energy' });
    const clean = (parse(outputs.clean, { columns: true }) as { phone: string }[]).map((row) => row.phone);
    expect(clean).toEqual(rows.filter((row) => !rowCovers(row, 'sms', 'energy')).map((row) => row.phone));
    const receipt = JSON.parse(outputs.receipt.toString('utf8')) as { scope: unknown };
    expect(receipt.scope).toEqual({ channel: 'sms', sector: 'energy' });
  }, 180_000);

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
  }, 180_000);
});
