/** The public status page rendered by a real headless Chromium (Debian's chromium + playwright-core). */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota-memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/base64.ts';
import { publicKeyFingerprint } from '../../../src/core/signing.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`status-page test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!available)('status page in headless Chromium', () => {
  const keys = testKeys();
  let scratch = '';
  let server: RunningServer;
  let browser: BrowserContext;
  let epoch = '';

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'quietlist-page-'));
    const store = new FileStore(join(scratch, 'store'));
    const report = await seedEpoch(store, { keys, numbers: syntheticNumbers(1234), falsePositiveRate: 1e-6 });
    epoch = report.signed.manifest.epoch;
    const config = parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) });
    server = await startApiServer(
      { store, config, audit: () => {}, quotas: new MemoryQuotaCounter() },
      { port: 0, host: '127.0.0.1' },
    );
    browser = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
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
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('shows the epoch, build time, entries, ε, key fingerprint and working links', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toContain('quietlist');
    expect(await page.textContent('#epoch')).toBe(epoch);
    expect(await page.textContent('#entries')).toBe('1,234');
    expect(await page.textContent('#epsilon')).toBe('1e-6 (1 in 1,000,000)');
    expect(await page.textContent('#fingerprint')).toBe(publicKeyFingerprint(keys.signing.publicKey));
    expect(await page.getAttribute('#built time', 'datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const links = await page.$$eval('#links a', (anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(links.some((href) => href.endsWith('/openapi.json'))).toBe(true);
    for (const href of links) {
      const status = await page.evaluate(async (url) => (await fetch(url)).status, href);
      expect(status, href).toBe(200);
    }
    await page.click('text=Latest signed manifest');
    expect(await page.textContent('body')).toContain('"quietlist-manifest"');
    expect(errors).toEqual([]);
  });
});
