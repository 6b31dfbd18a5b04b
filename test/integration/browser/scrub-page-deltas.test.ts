/**
 * The scrub page's list cache and deltas in a real headless Chromium (one persistent profile, so
 * IndexedDB survives from one visit to the next) against `quietlist serve`: the first visit downloads
 * every shard; after a night of churn the next visit fetches the changed shards' deltas and not the
 * shards; two nights behind with a corrupt delta, it follows the chain and falls back to that one
 * shard; a new geometry downloads shards whole. After each visit a number registered that night comes
 * back listed and one that expired comes back clean, and the browser holds only the newest epoch.
 * A server with private downloads gets the same through the API key.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import type { BuildReport } from '../../../src/builder/run-build.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { newOperatorKeys } from '../../helpers/build-fixture.ts';
import { buildBundles, launchBrowser, type Operator, operatorFor, publish } from './helpers/page-fixture.ts';

let scratch = '';
let browser: BrowserContext;

beforeAll(async () => {
  buildBundles();
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-scrub-deltas-'));
  browser = await launchBrowser(join(scratch, 'profile'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const HOUR = 3_600_000;

/** 3000 registrations (ARCEP fiction, even indices); each night 10 expire and 10 register. */
const index = (night: number, i: number) => (night * 10 + i) * 2;
const listOfNight = (night: number) =>
  Array.from({ length: 3000 }, (_, i) => fictionalNumber(index(night, i)));

/** An operator and its server over a directory store; nights are published into the store as it runs. */
class Publisher {
  store: FileStore;
  server!: Pick<RunningServer, 'url' | 'close'>;
  apiKey = '';
  lastNight = 0;
  private hour = -48;
  readonly operator: Operator;
  readonly dir: string;
  private constructor(operator: Operator, dir: string) {
    this.operator = operator;
    this.dir = dir;
    this.store = new FileStore(join(dir, 'store'));
  }

  static async start(name: string, settings: Record<string, string> = {}): Promise<Publisher> {
    const keys = newOperatorKeys();
    // A fixed hash key: which shard a number lands in, so whether a night fits the geometry, is the same every run.
    keys.hashKey = new Uint8Array(32).fill(0x5a);
    const operator = await operatorFor('open', keys);
    Object.assign(operator.settings, { POINTER_TTL_SECONDS: '0', ...settings });
    const publisher = new Publisher(operator, join(scratch, name));
    publisher.server = await startApiServer(
      {
        store: publisher.store,
        config: parseApiConfig(operator.settings),
        audit: () => {},
        log: () => {},
        quotas: new MemoryQuotaCounter(),
      },
      { port: 0, host: '127.0.0.1' },
    );
    return publisher;
  }

  /** The night's epoch: the previous geometry kept (deltas) unless a new one is asked for. */
  async night(night: number, newGeometry = false): Promise<BuildReport> {
    const { report, apiKey } = await publish(this.store, this.dir, this.operator, listOfNight(night), {
      now: new Date(Date.now() + this.hour++ * HOUR),
      maxShrink: 1,
      keepEpochs: 10,
      newGeometry,
    });
    this.apiKey = apiKey;
    this.lastNight = night;
    return report;
  }

  epochFile(epoch: string, path: string): string {
    return join(this.dir, 'store', epochPrefix(epoch), path);
  }
}

interface Visit {
  /** Paths of the /v1/epochs/ files the page and its worker requested. */
  files: string[];
  /** The page's line about the download, and the counts behind it (its data attributes). */
  transfer: string;
  counts: { reused: number; patched: number; downloaded: number };
}

/** Opens the page (a fresh worker, the same browser profile), waits for `epoch`, records the requests. */
async function visit(page: Page, publisher: Publisher, epoch: string, apiKey?: string): Promise<Visit> {
  const files: string[] = [];
  const record = (request: Request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/v1/epochs/')) files.push(path);
  };
  browser.on('request', record);
  try {
    await page.goto(`${publisher.server.url}/scrub`);
    if (apiKey !== undefined) {
      // Private downloads: the list loads with the key, as the first scrub sends it.
      await expect.poll(() => page.textContent('#epoch-status'), { timeout: 30_000 }).toContain('access key');
      await scrubAndCheck(page, publisher.lastNight, apiKey);
    }
    await expect
      .poll(() => page.getAttribute('#epoch-status', 'data-epoch'), { timeout: 60_000 })
      .toBe(epoch);
    const transfer = (await page.textContent('#epoch-transfer')) ?? '';
    const count = async (name: string) => Number(await page.getAttribute('#epoch-transfer', `data-${name}`));
    const counts = {
      reused: await count('reused'),
      patched: await count('patched'),
      downloaded: await count('downloaded'),
    };
    return { files, transfer, counts };
  } finally {
    browser.off('request', record);
  }
}

/** The call list of night `night`: its newest registration, one that expired that night (after the first), an old one, a free one. */
function callList(night: number): { csv: Buffer; listed: string[]; clean: string[] } {
  const national = (e164: string) => `0${e164.slice(3)}`;
  const rows = [
    { name: 'Newest', phone: national(fictionalNumber(index(night, 2999))), listed: true },
    ...(night > 0
      ? [{ name: 'Expired', phone: national(fictionalNumber(index(night - 1, 0))), listed: false }]
      : []),
    { name: 'Longtime', phone: national(fictionalNumber(index(night, 1500))), listed: true },
    { name: 'Never', phone: national(fictionalNumber(1)), listed: false },
  ];
  const lines = ['Nom;Téléphone;Ville', ...rows.map((row) => `${row.name};${row.phone};Paris`)];
  return {
    csv: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'),
    listed: rows.filter((row) => row.listed).map((row) => row.name),
    clean: rows.filter((row) => !row.listed).map((row) => row.name),
  };
}

/** Scrubs the night's call list in the page and checks who came back listed (names only: no number printed). */
async function scrubAndCheck(page: Page, night: number, apiKey?: string): Promise<void> {
  const list = callList(night);
  await page.setInputFiles('#file', { name: 'appels.csv', mimeType: 'text/csv', buffer: list.csv });
  await expect.poll(() => page.isVisible('#columns'), { timeout: 20_000 }).toBe(true);
  if (apiKey !== undefined) await page.fill('#api-key', apiKey);
  await page.click('#scrub');
  await page.waitForSelector('#downloads:not([hidden])', { timeout: 120_000 });
  const names = async (kind: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
    const text = (await readFile((await download.path())!)).toString('latin1');
    return text
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(';')[0]);
  };
  expect(await names('listed')).toEqual(list.listed);
  expect(await names('clean')).toEqual(list.clean);
}

/** The epochs this browser keeps for the page's origin (read in the page: same origin, same IndexedDB). */
function cachedEpochs(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('quietlist-epochs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('epochs').objectStore('epochs').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            open.result.close();
            resolve(
              (all.result as { signedManifest: Uint8Array }[]).map(
                (record) =>
                  JSON.parse(new TextDecoder().decode(record.signedManifest)).manifest.epoch as string,
              ),
            );
          };
        };
      }),
  );
}

const shardFiles = (files: string[], epoch: string) =>
  files.filter((path) => path.startsWith(`/v1/epochs/${epoch}/`) && path.endsWith('.qlbf'));
const deltaFiles = (files: string[]) => files.filter((path) => path.endsWith('.qldelta'));

describe('the list cache and deltas', () => {
  it('downloads every shard once, then deltas, falls back on a corrupt delta and a new geometry', async () => {
    const publisher = await Publisher.start('public');
    const page = await browser.newPage();
    try {
      // Visit 1: an empty cache, every shard downloaded.
      const first = (await publisher.night(0)).signed.manifest;
      const fresh = await visit(page, publisher, first.epoch);
      expect(shardFiles(fresh.files, first.epoch).length).toBe(first.shards.length);
      expect(fresh.counts).toEqual({ reused: 0, patched: 0, downloaded: first.shards.length });
      expect(fresh.transfer).toMatch(/^[\d.]+ kB downloaded\. The list is kept in this browser/);
      expect(await cachedEpochs(page)).toEqual([first.epoch]);

      // A night of churn: the changed shards come as deltas, the others from the cache.
      const second = await publisher.night(1);
      expect(second.geometry).toEqual({ kept: true });
      const changed = second.signed.manifest.shards.filter((shard) => shard.delta);
      expect(changed.length).toBeGreaterThan(0);
      const nightly = await visit(page, publisher, second.signed.manifest.epoch);
      const epoch2 = second.signed.manifest.epoch;
      expect(deltaFiles(nightly.files).sort()).toEqual(
        changed.map((shard) => `/v1/epochs/${epoch2}/${shard.delta!.path}`).sort(),
      );
      expect(shardFiles(nightly.files, epoch2)).toEqual([]);
      expect(nightly.counts).toEqual({
        reused: second.signed.manifest.shards.length - changed.length,
        patched: changed.length,
        downloaded: 0,
      });
      expect(nightly.transfer).toMatch(/^Updated with the latest changes: [\d.]+ kB downloaded\.$/);
      await scrubAndCheck(page, 1);
      expect(await cachedEpochs(page)).toEqual([epoch2]);

      // Two nights behind, and the last night's first delta corrupt: the chain is followed through the
      // epoch in between, and that one shard is downloaded whole.
      await publisher.night(2);
      const fourth = await publisher.night(3);
      const epoch4 = fourth.signed.manifest.epoch;
      const broken = fourth.signed.manifest.shards.find((shard) => shard.delta)!;
      const bytes = await readFile(publisher.epochFile(epoch4, broken.delta!.path));
      bytes[bytes.length - 10]! ^= 0xff;
      await writeFile(publisher.epochFile(epoch4, broken.delta!.path), bytes);
      const behind = await visit(page, publisher, epoch4);
      expect(behind.files).toContain(`/v1/epochs/${fourth.signed.manifest.previous!.epoch}/manifest`);
      expect(behind.files).toContain(`/v1/epochs/${epoch4}/${broken.delta!.path}`);
      expect(shardFiles(behind.files, epoch4)).toEqual([`/v1/epochs/${epoch4}/${broken.path}`]);
      const afterTwo = behind.counts;
      expect(afterTwo.downloaded).toBe(1);
      expect(afterTwo.patched).toBeGreaterThan(0);
      await scrubAndCheck(page, 3);
      expect(await cachedEpochs(page)).toEqual([epoch4]);

      // A new geometry: no deltas, the shards downloaded whole.
      const renewed = (await publisher.night(4, true)).signed.manifest;
      expect(renewed.shards.some((shard) => shard.delta)).toBe(false);
      const whole = await visit(page, publisher, renewed.epoch);
      expect(deltaFiles(whole.files)).toEqual([]);
      const full = whole.counts;
      expect(full.patched).toBe(0);
      expect(full.downloaded).toBe(shardFiles(whole.files, renewed.epoch).length);
      expect(full.downloaded).toBeGreaterThan(renewed.shards.length / 2);
      await scrubAndCheck(page, 4);
      expect(await cachedEpochs(page)).toEqual([renewed.epoch]);
    } finally {
      await page.close();
      await publisher.server.close();
    }
  }, 300_000);

  it('patches from deltas on a server with private downloads, through the API key', async () => {
    const publisher = await Publisher.start('private', { PUBLIC_DOWNLOADS: 'false' });
    const page = await browser.newPage();
    try {
      const first = (await publisher.night(0)).signed.manifest;
      const fresh = await visit(page, publisher, first.epoch, publisher.apiKey);
      expect(shardFiles(fresh.files, first.epoch).length).toBe(first.shards.length);

      const second = (await publisher.night(1)).signed.manifest;
      const changed = second.shards.filter((shard) => shard.delta);
      const nightly = await visit(page, publisher, second.epoch, publisher.apiKey);
      expect(deltaFiles(nightly.files).length).toBe(changed.length);
      expect(shardFiles(nightly.files, second.epoch)).toEqual([]);
      expect(nightly.counts.patched).toBe(changed.length);
    } finally {
      await page.close();
      await publisher.server.close();
    }
  }, 300_000);
});
