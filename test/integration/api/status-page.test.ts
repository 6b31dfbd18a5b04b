/**
 * The public status page rendered by a real headless Chromium (Debian's chromium + playwright-core):
 * one server per publication mode, each page saying what its own mode protects and nothing more.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../../src/core/epoch/signing.ts';
import { enumerationCost, walkMinutes } from '../../../src/core/privacy/open-mode-exposure.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { formatsFor } from '../../../src/page/shared/format.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { buildInto } from '../../helpers/build-fixture.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const CHROMIUM = '/usr/bin/chromium';
const MODES = ['oprf', 'secret', 'open'] as const;
type Mode = (typeof MODES)[number];

describe('status page in headless Chromium', () => {
  const keys = testKeys();
  const publicKey = toBase64(keys.signing.publicKey);
  let scratch = '';
  const servers = new Map<Mode, RunningServer>();
  const epochs = new Map<Mode, string>();
  let browser: BrowserContext;

  async function seed(mode: Mode, store: FileStore): Promise<string> {
    const numbers = syntheticNumbers(1234);
    if (mode !== 'oprf') {
      const report = await seedEpoch(store, { keys, numbers, mode, falsePositiveRate: 1e-6 });
      return report.signed.manifest.epoch;
    }
    const backend = await createOprfBackend({ prefer: 'fast' });
    const report = await buildInto(store, { signingKeys: keys.signing, hashKey: keys.hashKey }, numbers, {
      mode: 'oprf',
      hashKey: undefined,
      oprf: {
        backend,
        secretKey: backend.generateKeyPair().secretKey,
        stateDirectory: mkdtempSync(join(scratch, 'oprf-state-')),
        fullRebuild: false,
      },
      shardMaxBytes: 8192,
    });
    return report.signed.manifest.epoch;
  }

  beforeAll(async () => {
    // Not skipped when absent: the page is only tested if a real browser renders it.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is absent: apt-get install -y chromium (the status-page test needs it)`);
    scratch = await mkdtemp(join(tmpdir(), 'quietlist-page-'));
    for (const mode of MODES) {
      const store = new FileStore(join(scratch, `store-${mode}`));
      epochs.set(mode, await seed(mode, store));
      // A secret-mode epoch is served only with its hash key (else 503 MISCONFIGURED).
      const config = parseApiConfig({
        QUIETLIST_PUBLIC_KEY: publicKey,
        ...(mode === 'secret' ? { QUIETLIST_HASH_KEY: toBase64(keys.hashKey) } : {}),
      });
      servers.set(
        mode,
        await startApiServer(
          { store, config, audit: () => {}, quotas: new MemoryQuotaCounter() },
          { port: 0, host: '127.0.0.1' },
        ),
      );
    }
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
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers.values()) await server.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  async function open(mode: Mode): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${servers.get(mode)!.url}/`);
    expect(response?.status()).toBe(200);
    return { page, errors };
  }

  it('shows the epoch, build time, entries, ε, the signing key (copyable) and working links', async () => {
    const { page, errors } = await open('oprf');
    expect(await page.title()).toContain('quietlist');
    expect(await page.textContent('#epoch')).toBe(epochs.get('oprf'));
    expect(await page.textContent('#entries')).toBe('1,234');
    expect(await page.textContent('#epsilon')).toBe('1e-6 (1 in 1,000,000)');
    expect(await page.textContent('#fingerprint')).toBe(publicKeyFingerprint(keys.signing.publicKey));
    expect(await page.getAttribute('#built time', 'datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The signed pointer's expiry, which the operator renews with every build (docs/OPERATIONS.md).
    expect(await page.getAttribute('#expires time', 'datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // The full key, selected whole by one click, and the pull command that pins it.
    expect(await page.textContent('#public-key')).toBe(publicKey);
    await page.click('#public-key');
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(publicKey);
    expect(await page.textContent('#pull-command')).toBe(
      `npx quietlist pull --from ${servers.get('oprf')!.url} --public-key ${publicKey}`,
    );
    expect(await page.textContent('#pull-fingerprint-command')).toBe(
      `npx quietlist pull --from ${servers.get('oprf')!.url} --public-key ${publicKeyFingerprint(keys.signing.publicKey)}`,
    );

    const links = await page.$$eval('#links a', (anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(links.some((href) => href.endsWith('/openapi.json'))).toBe(true);
    // Followed by the browser's request context: the page's CSP lets the page itself fetch nothing.
    for (const href of links) expect((await page.request.get(href)).status(), href).toBe(200);
    expect(
      await page.evaluate(() =>
        fetch('/healthz').then(
          () => 'fetched',
          () => 'blocked',
        ),
      ),
    ).toBe('blocked');
    await page.click('text=Latest signed manifest');
    expect(await page.textContent('body')).toContain('"quietlist-manifest"');
    expect(errors).toEqual([]);
  });

  it('describes the mode the epoch was built in, and only what that mode keeps', async () => {
    const statements = new Map<Mode, string>();
    for (const mode of MODES) {
      const { page, errors } = await open(mode);
      expect(await page.textContent('#mode')).toBe(mode);
      statements.set(mode, (await page.textContent('#mode-privacy')) ?? '');
      const body = (await page.textContent('body')) ?? '';
      if (mode === 'open') expect(body).not.toMatch(/never leaves the operator/);
      expect(errors).toEqual([]);
    }
    expect(statements.get('oprf')).toMatch(
      /server never sees the numbers checked.*never leaves the operator/,
    );
    expect(statements.get('secret')).toMatch(
      /checks go through this server, which sees the numbers checked/i,
    );
    expect(statements.get('open')).toMatch(/anyone with this list’s files can test any number offline/i);
    // The measured walk of the epoch's plan (FR), in words: all mobiles, then every number.
    const cost = enumerationCost('FR');
    const walk = formatsFor('en').duration(walkMinutes(cost.plan!.mobiles, cost));
    expect(walk).toMatch(/^\d+ (seconds?|minutes?|hours?|days?|years?)$/);
    expect(statements.get('open')).toContain(`all mobile numbers in ${walk} on one computer`);
  });

  it('leads a person to the scrub page first, the technical details below', async () => {
    const { page } = await open('oprf');
    const order = await page.evaluate(() => {
      const at = (selector: string) =>
        [...document.querySelectorAll('body *')].indexOf(document.querySelector(selector)!);
      return { scrub: at('#scrub-link'), epoch: at('#epoch'), fingerprint: at('#fingerprint') };
    });
    expect(order.scrub).toBeLessThan(order.epoch);
    expect(order.scrub).toBeLessThan(order.fingerprint);
    // The scrub link is on the first screen of a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await page.locator('#scrub-link').boundingBox();
    expect(box!.y + box!.height).toBeLessThan(844);
    expect(await page.textContent('#list-summary')).toMatch(
      /^The list of .* holds 1,234 registered numbers\.$/,
    );
    await page.click('#scrub-link');
    await page.waitForURL(/\/scrub\?lang=en$/);
  });

  it('speaks the browser’s language, and switches with its language links', async () => {
    const page = await browser.newPage();
    await page.route(`${servers.get('oprf')!.url}/`, (route) =>
      route.continue({ headers: { ...route.request().headers(), 'accept-language': 'fr-FR,fr;q=0.9' } }),
    );
    await page.goto(`${servers.get('oprf')!.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('#scrub-link')).toBe('Nettoyer un fichier d’appels');
    expect(await page.textContent('#entries')).toBe('1\u202f234');
    await page.click('[data-set-lang=de]');
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('de');
  });
});
