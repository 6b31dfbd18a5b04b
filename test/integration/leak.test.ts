/**
 * Leak test: the whole pipeline on a known synthetic registry, then every log line, error, audit
 * entry, receipt, reject report and published or cached object is searched for any registered number
 * in any spelling (separators removed, so "06 39 98 00 01" and "+33639980001" both match their
 * national significant digits) and for every key (signing secret, hash key in secret mode, API key)
 * in hex and base64. Secret mode for the served store, so the hash key must appear nowhere; open mode
 * for the scrub path (its key is public by design there); oprf mode end to end over HTTP (build with
 * its private state, `serve` with the OPRF key, pull, scrub --worker with a timestamped receipt, check
 * --worker), so the OPRF key, the state, the evaluation journal and the worker's logs are searched too.
 */

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../scripts/fictional-numbers.ts';
import { createApp } from '../../src/api/app.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import { startApiServer } from '../../src/cli/commands/serve.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { timestampSettingsFrom } from '../helpers/timestamp-key.ts';
import { tempDir } from './client/helpers/client-fixture.ts';

const registered = Array.from({ length: 300 }, (_, i) => fictionalNumber(i));
const free = Array.from({ length: 20 }, (_, i) => fictionalNumber(60_000 + i));
/** National significant digits: present in every spelling once separators are removed. */
const needles = registered.map((e164) => e164.slice(3));
const haystacks: { where: string; text: string }[] = [];
const secrets: { what: string; value: string }[] = [];
let dir = '';

function collect(where: string, text: string | Buffer): void {
  haystacks.push({ where, text: Buffer.isBuffer(text) ? text.toString('latin1') : text });
}

function collectTree(where: string, root: string): number {
  let files = 0;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) files += collectTree(`${where}/${name}`, path);
    else {
      collect(`${where}/${name}`, readFileSync(path));
      files++;
    }
  }
  return files;
}

function keyMaterial(what: string, path: string): void {
  const text = readFileSync(path, 'utf8').trim();
  const bytes = Buffer.from(text, 'base64');
  secrets.push({ what, value: text }, { what: `${what} (hex)`, value: bytes.toString('hex') });
}

beforeAll(async () => {
  dir = tempDir('quietlist-leak-');
  const rows = registered.map((e164, i) => `${spellings(e164)[i % 8]!.trim()},2026-01-0${(i % 9) + 1}`);
  writeFileSync(join(dir, 'registry.csv'), `phone,registered\n${rows.join('\n')}\nnot a number,2026-01-01\n`);
  expect((await runCli(['keygen', '--out', join(dir, 'keys')])).code).toBe(0);
  keyMaterial('signing secret key', join(dir, 'keys', 'signing.key'));
  keyMaterial('hash key', join(dir, 'keys', 'hash.key'));
  keyMaterial('OPRF key', join(dir, 'keys', 'oprf.key'));
  const publicKey = readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
  const build = (store: string, mode: string) =>
    runCli([
      'build',
      join(dir, 'registry.csv'),
      '--store',
      store,
      '--keys',
      join(dir, 'keys'),
      '--mode',
      mode,
      '--rejects',
      join(dir, `rejects-${mode}.csv`),
      '--shard-max-bytes',
      '2048',
    ]);
  for (const mode of ['secret', 'open']) {
    const result = await build(`file://${join(dir, `store-${mode}`)}`, mode);
    expect(result.code, result.stderr).toBe(0);
    collect(`build ${mode} stdout`, result.stdout);
    collect(`build ${mode} stderr`, result.stderr);
    collect(`rejects ${mode}`, readFileSync(join(dir, `rejects-${mode}.csv`)));
  }

  // The API over the secret-mode store: checks, bad requests, an unknown key.
  const store = new FileStore(join(dir, 'store-secret'));
  const subscriber = generateApiKey();
  secrets.push({ what: 'API key', value: subscriber.key });
  await writeSubscriber(store, {
    version: 1,
    id: subscriber.id,
    name: 'Leak test',
    keyHash: await hashApiKey(subscriber.key),
    scopes: ['check', 'download'],
    dailyQuota: 1_000,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  });
  const app = createApp({
    quotas: new MemoryQuotaCounter(),
    store,
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: publicKey,
      QUIETLIST_HASH_KEY: readFileSync(join(dir, 'keys', 'hash.key'), 'utf8').trim(),
    }),
    audit: (entry) => collect('audit', JSON.stringify(entry)),
    log: (line) => collect('error log', line),
    alert: (entry) => collect('alert', JSON.stringify(entry)),
  });
  const post = async (body: unknown, key = subscriber.key) => {
    const response = await app.request('/v1/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (response.status !== 200) collect(`error response ${response.status}`, await response.text());
  };
  await post({ numbers: registered.slice(0, 100).flatMap((e164) => spellings(e164).slice(0, 3)) });
  await post({ numbers: [...registered.slice(0, 999), ...free.slice(0, 5)] }); // too many: 400
  await post({ numbers: [registered[1], { nested: registered[2] }] });
  await post(`{"numbers": ["${registered[3]}"`);
  await post({ numbers: registered.slice(0, 2000) }); // quota
  await post({ numbers: [registered[4]] }, `${subscriber.key.slice(0, -2)}xx`);
  for (const path of ['/healthz', '/readyz', '/', '/v1/manifest', `/v1/epochs/${registered[5]}/manifest`]) {
    collect(`GET ${path}`, await (await app.request(path)).text());
  }

  // Clients: pull both stores, scrub a call list against the open one (with a receipt).
  for (const mode of ['secret', 'open']) {
    const result = await runCli(
      [
        'pull',
        '--from',
        `file://${join(dir, `store-${mode}`)}`,
        '--public-key',
        publicKey,
        '--cache',
        join(dir, `cache-${mode}`),
      ],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    collect(`pull ${mode} stdout`, result.stdout);
    collect(`pull ${mode} stderr`, result.stderr);
  }
  writeFileSync(
    join(dir, 'calls.csv'),
    `name,phone\n${[...registered.slice(0, 50), ...free].map((n, i) => `c${i},${n}`).join('\n')}\n`,
  );
  const scrub = await runCli(
    [
      'scrub',
      join(dir, 'calls.csv'),
      '--column',
      'phone',
      '--out',
      join(dir, 'clean.csv'),
      '--receipt',
      join(dir, 'receipt.json'),
      '--cache',
      join(dir, 'cache-open'),
    ],
    { cwd: dir },
  );
  expect(scrub.code, scrub.stderr).toBe(0);
  collect('scrub stdout', scrub.stdout);
  collect('scrub stderr', scrub.stderr);
  // The receipt embeds the open epoch's signed manifest, which publishes its hash key by design.
  collect('receipt of the open epoch', readFileSync(join(dir, 'receipt.json')));
  const clean = readFileSync(join(dir, 'clean.csv'), 'utf8');
  expect(needles.some((needle) => clean.includes(needle))).toBe(false); // no registered number kept
  const checked = await runCli(['check', registered[7]!, '--cache', join(dir, 'cache-open')], { cwd: dir });
  collect('check stderr', checked.stderr);
  await oprfPipeline(publicKey, subscriber);
  collectTree('store-secret', join(dir, 'store-secret'));
  collectTree('store-open', join(dir, 'store-open'));
  collectTree('cache-secret', join(dir, 'cache-secret'));
}, 180_000);

/** oprf mode over HTTP: build (private state), serve with the OPRF key, pull, scrub --worker, check --worker. */
async function oprfPipeline(publicKey: string, subscriber: { id: string; key: string }): Promise<void> {
  const apiKey = subscriber.key;
  const built = await runCli([
    'build',
    join(dir, 'registry.csv'),
    '--store',
    `file://${join(dir, 'store-oprf')}`,
    '--keys',
    join(dir, 'keys'),
    '--oprf-state',
    join(dir, 'oprf-state'),
    '--rejects',
    join(dir, 'rejects-oprf.csv'),
  ]);
  expect(built.code, built.stderr).toBe(0);
  collect('build oprf stdout', built.stdout);
  collect('build oprf stderr', built.stderr);
  collect('rejects oprf', readFileSync(join(dir, 'rejects-oprf.csv')));
  const store = new FileStore(join(dir, 'store-oprf'));
  await writeSubscriber(store, {
    version: 1,
    id: subscriber.id,
    name: 'Leak test (oprf)',
    keyHash: await hashApiKey(apiKey),
    scopes: ['check', 'download'],
    dailyQuota: 100_000,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  });
  const server = await startApiServer(
    {
      store,
      quotas: new MemoryQuotaCounter(),
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: publicKey,
        QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim(),
        ...timestampSettingsFrom(join(dir, 'keys')),
      }),
      audit: (entry) => collect('oprf audit', JSON.stringify(entry)),
      log: (line) => collect('oprf error log', line),
      alert: (entry) => collect('oprf alert', JSON.stringify(entry)),
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    const env = { QUIETLIST_API_KEY: apiKey };
    const cache = join(dir, 'cache-oprf');
    const pulled = await runCli(['pull', '--from', server.url, '--public-key', publicKey, '--cache', cache], {
      cwd: dir,
      env,
    });
    expect(pulled.code, pulled.stderr).toBe(0);
    collect('pull oprf', pulled.stdout + pulled.stderr);
    const scrubbed = await runCli(
      [
        'scrub',
        join(dir, 'calls.csv'),
        '--column',
        'phone',
        '--out',
        join(dir, 'clean-oprf.csv'),
        '--receipt',
        join(dir, 'receipt-oprf.json'),
        '--cache',
        cache,
        '--worker',
        server.url,
      ],
      { cwd: dir, env },
    );
    expect(scrubbed.code, scrubbed.stderr).toBe(0);
    collect('scrub oprf', scrubbed.stdout + scrubbed.stderr);
    collect('receipt oprf', readFileSync(join(dir, 'receipt-oprf.json')));
    const clean = readFileSync(join(dir, 'clean-oprf.csv'), 'utf8');
    expect(needles.some((needle) => clean.includes(needle))).toBe(false);
    const checked = await runCli(['check', registered[9]!, '--cache', cache, '--worker', server.url], {
      cwd: dir,
      env,
    });
    expect(checked.code, checked.stderr).toBe(0);
    collect('check oprf stderr', checked.stderr); // stdout echoes the number the user typed, by design
    collectTree('store-oprf', join(dir, 'store-oprf'));
    collectTree('cache-oprf', cache);
    collectTree('oprf-state', join(dir, 'oprf-state'));
  } finally {
    await server.close();
  }
}

describe('leak test', () => {
  it('finds no registered number in any spelling in logs, errors, audit, receipts, reports or objects', () => {
    const found: string[] = [];
    for (const { where, text } of haystacks) {
      const digits = text.replace(/[\s.\-()/]/g, '');
      for (const needle of needles) if (digits.includes(needle)) found.push(`${where}: …${needle.slice(-2)}`);
    }
    expect(haystacks.length).toBeGreaterThan(40);
    expect(found).toEqual([]);
    // The detector itself finds them where they are (the call list, the registry in every spelling).
    for (const file of ['calls.csv', 'registry.csv']) {
      const digits = readFileSync(join(dir, file), 'utf8').replace(/[\s.\-()/]/g, '');
      expect(needles.filter((needle) => digits.includes(needle)).length).toBeGreaterThanOrEqual(50);
    }
  });

  it('finds no key: signing secret, secret-mode hash key, API key', () => {
    const found: string[] = [];
    for (const { where, text } of haystacks) {
      for (const { what, value } of secrets) {
        // The open store and its cache publish the hash key by design (open mode).
        if (what.startsWith('hash key') && /open/.test(where)) continue;
        if (text.includes(value)) found.push(`${where}: ${what}`);
      }
    }
    expect(found).toEqual([]);
    console.log(
      `leak test: ${haystacks.length} texts, ${haystacks.reduce((n, h) => n + h.text.length, 0)} characters searched`,
    );
  });
});
