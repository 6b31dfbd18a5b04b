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
import { describeWalkCost, enumerationCost } from '../../../src/core/privacy/open-mode-exposure.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
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
      /one blinded, metered evaluation.*never sees the numbers.*filter alone reveals nothing/,
    );
    expect(statements.get('secret')).toMatch(
      /checks go through this server, which sees the numbers checked/i,
    );
    expect(statements.get('open')).toMatch(/anyone with the filter can test any number offline/i);
    expect(statements.get('open')).toContain(
      `rebuild the list by walking the numbering plan: ${describeWalkCost(enumerationCost('FR'))}`,
    );
  });
});
