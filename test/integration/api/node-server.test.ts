/**
 * `quietlist serve` on Node over real HTTP: a file:// store and an s3:// store (the local R2's S3
 * API), subscribers managed by `quietlist keys`, the token-bucket rate limiter, raw-socket traversal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  generateApiKey,
  hashApiKey,
  parseApiKey,
  writeSubscriber,
} from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { keysCommand } from '../../../src/cli/commands/keys.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { S3Store } from '../../../src/storage/s3-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
const listed = syntheticNumbers(2000, 0);
const unlisted = syntheticNumbers(50, 90_000);
let directory = '';
let server: RunningServer;
let store: FileStore;

/** Runs `quietlist keys ...` in-process and returns what it printed. */
async function keysCli(...rawArgs: string[]): Promise<string> {
  let output = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  try {
    await runCommand(keysCommand, { rawArgs: [...rawArgs, '--store', `file://${directory}`] });
  } finally {
    write.mockRestore();
  }
  expect(process.exitCode ?? 0).toBe(0);
  return output;
}

function config(settings: Record<string, string> = {}) {
  return parseApiConfig({
    QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
    SUBSCRIBER_CACHE_SECONDS: '0',
    ...settings,
  });
}

const silent = { audit: () => {}, log: () => {}, quotas: new MemoryQuotaCounter() };

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'quietlist-api-'));
  store = new FileStore(directory);
  await seedEpoch(store, { keys, numbers: listed });
  server = await startApiServer({ store, config: config(), ...silent }, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

async function check(base: string, key: string, numbers: unknown): Promise<Response> {
  return fetch(`${base}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers }),
  });
}

describe('quietlist serve over file://', () => {
  it('keys add → check over HTTP → keys revoke → 401', async () => {
    const added = JSON.parse(
      await keysCli('add', '--name', 'Acme Calls', '--daily-quota', '5000', '--json'),
    ) as {
      id: string;
      key: string;
    };
    expect(added.key).toMatch(/^ql_[a-z0-9]{12}_/);
    const response = await check(server.url, added.key, [...listed.slice(0, 100), ...unlisted]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { status: string }[] };
    expect(body.results.slice(0, 100).every((r) => r.status === 'listed')).toBe(true);
    expect(body.results.slice(100).every((r) => r.status === 'not_listed')).toBe(true);

    const list = await keysCli('list');
    expect(list).toContain(added.id);
    expect(list).toContain('Acme Calls');
    expect(list).not.toContain(added.key);
    await keysCli('revoke', added.id);
    expect((await check(server.url, added.key, listed.slice(0, 1))).status).toBe(401);
    expect(await keysCli('list')).toContain('revoked');
  });

  it('serves filters with Range and 304 over real HTTP', async () => {
    const manifest = (await (await fetch(`${server.url}/v1/manifest`)).json()) as {
      manifest: { epoch: string; shards: { path: string; bytes: number }[] };
    };
    const shard = manifest.manifest.shards[0]!;
    const url = `${server.url}/v1/epochs/${manifest.manifest.epoch}/${shard.path}`;
    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect((await full.arrayBuffer()).byteLength).toBe(shard.bytes);
    const part = await fetch(url, { headers: { range: 'bytes=4-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).readUInt16LE(0)).toBe(1); // format version
    const again = await fetch(url, { headers: { 'if-none-match': full.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers client mistakes with JSON errors, never 500', async () => {
    const { key } = JSON.parse(await keysCli('add', '--name', 'Errors', '--json')) as { key: string };
    const cases: [RequestInit, number, string][] = [
      [
        { method: 'POST', body: '{"numbers":', headers: { 'content-type': 'application/json' } },
        400,
        'INVALID_JSON',
      ],
      [
        {
          method: 'POST',
          body: JSON.stringify({ numbers: [1, 2] }),
          headers: { 'content-type': 'application/json' },
        },
        400,
        'INVALID_REQUEST',
      ],
      [
        {
          method: 'POST',
          body: `{"numbers":["${'0'.repeat(300_000)}"]}`,
          headers: { 'content-type': 'application/json' },
        },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [{ method: 'DELETE' }, 405, 'METHOD_NOT_ALLOWED'],
    ];
    for (const [init, status, code] of cases) {
      const response = await fetch(`${server.url}/v1/check`, {
        ...init,
        headers: { ...(init.headers as object), authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('never serves outside epochs/ for a raw, unnormalised traversal path', async () => {
    const port = new URL(server.url).port;
    for (const path of [
      '/v1/epochs/../../latest.json',
      '/v1/epochs/x/../../subscribers/a.json',
      '/v1/epochs/..%2f..%2flatest.json/x',
    ]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 (400|404)/);
      expect(raw).not.toContain('manifestSha256');
      expect(raw).toContain('"error"');
    }
  });

  it('answers 400 INVALID_PATH for percent-encoded dot segments, which a URL parser would resolve', async () => {
    const port = new URL(server.url).port;
    for (const path of [
      '/v1/epochs/%2e%2e/manifest',
      '/v1/epochs/%2E%2E/manifest',
      '/v1/epochs/.%2e/manifest',
      '/v1/epochs/%2e./manifest',
      '/v1/epochs/%2e/../manifest',
      '/v1/epochs/x/%2e%2e/%2e%2e/latest.json',
      '/v1/epochs/x%2f..%2fmanifest/y',
      '/v1/epochs/x%5c..%5cmanifest/y',
    ]) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw, path).toMatch(/^HTTP\/1\.1 400/);
      expect(raw).toContain('"INVALID_PATH"');
    }
  });

  it('rate limits per subscriber with the token bucket: 429 and Retry-After', async () => {
    const limited = await startApiServer(
      { store, config: config({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_PERIOD_SECONDS: '60' }), ...silent },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      const { key } = JSON.parse(await keysCli('add', '--name', 'Burst', '--json')) as { key: string };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await check(limited.url, key, listed.slice(0, 1))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const response = await check(limited.url, key, listed.slice(0, 1));
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});

describe('quietlist serve over s3:// (local R2 through its S3 API)', () => {
  it('answers checks from an epoch published to S3', async () => {
    const r2 = inject('localR2');
    const s3 = new S3Store({ ...r2, prefix: `api-test-${Date.now()}`, forcePathStyle: true });
    await seedEpoch(s3, { keys, numbers: listed.slice(0, 500) });
    const s3Server = await startApiServer(
      { store: s3, config: config(), ...silent },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      // A subscriber in the same bucket, written through the library the CLI uses.
      const { key } = generateApiKey();
      await writeSubscriber(s3, {
        version: 1,
        id: parseApiKey(key)!.id,
        name: 'S3 test',
        keyHash: await hashApiKey(key),
        scopes: ['check'],
        dailyQuota: 1000,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      });
      const response = await check(s3Server.url, key, [listed[0]!, unlisted[0]!]);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { results: { status: string }[] };
      expect(body.results.map((r) => r.status)).toEqual(['listed', 'not_listed']);
    } finally {
      await s3Server.close();
    }
  });
});
