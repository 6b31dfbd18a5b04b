/**
 * What every response of the app carries, and what no URL may carry: security headers on every page
 * (one middleware: api/http/security-headers.ts) and 400 NUMBER_IN_URL for a path or query that holds
 * a phone number (api/http/number-in-url-guard.ts), answered without the path reaching the audit line,
 * through app.request and over a real socket to `quietlist serve`'s server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { createApp } from '../../../src/api/app.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import type { AuditEntry } from '../../../src/api/http/audit.ts';
import { PAGE_CSP } from '../../../src/api/http/security-headers.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { SCRUB_PAGE_CSP } from '../../../src/page/server/scrub-route.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
const audit: AuditEntry[] = [];
const logged: string[] = [];
let directory = '';
let epoch = '';
let app: ReturnType<typeof createApp>;
let server: RunningServer;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'quietlist-hardening-'));
  const store = new FileStore(directory);
  epoch = (await seedEpoch(store, { keys, numbers: syntheticNumbers(300) })).signed.manifest.epoch;
  const deps = {
    store,
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) }),
    quotas: new MemoryQuotaCounter(),
    audit: (entry: AuditEntry) => audit.push(entry),
    log: (line: string) => logged.push(line),
  };
  app = createApp(deps);
  server = await startApiServer({ ...deps, audit: () => {}, log: () => {} }, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('security headers', () => {
  it('every HTML page: its CSP with frame-ancestors none, X-Frame-Options, nosniff, no referrer', async () => {
    for (const [path, policy] of [
      ['/', PAGE_CSP],
      ['/scrub', SCRUB_PAGE_CSP],
    ] as const) {
      const response = await app.request(`http://api.test${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toBe(policy);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(PAGE_CSP).not.toContain('script-src'); // the status page runs no script
  });

  it('the status page answering an error is a page too, with the same headers', async () => {
    const empty = createApp({
      store: new FileStore(await mkdtemp(join(tmpdir(), 'quietlist-empty-'))),
      config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey) }),
      quotas: new MemoryQuotaCounter(),
      audit: () => {},
    });
    const response = await empty.request('http://api.test/');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('JSON, files and errors: nosniff; no page policy', async () => {
    for (const path of [
      '/healthz',
      '/openapi.json',
      '/v1/manifest',
      `/v1/epochs/${epoch}/manifest`,
      '/nope',
    ]) {
      const response = await app.request(`http://api.test${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toBeNull();
    }
  });

  it('over HTTP from `quietlist serve` too', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('a number in a URL', () => {
  const number = fictionalNumber(4242);
  const digits = number.slice(3);
  const paths = [
    `/v1/check/${encodeURIComponent(number)}`,
    `/v1/manifest?number=${encodeURIComponent(spellings(number)[3]!)}`,
    `/${spellings(number)[1]}`,
    `/v1/epochs/${epoch}/${spellings(number)[1]}`,
    `/v1/check?n=${spellings(number)[5]}`,
    `/assets/${spellings(number)[1]}.js`,
  ];

  it('answers 400 NUMBER_IN_URL on any path and method; the audit line names no path, nothing is logged', async () => {
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST']) {
        audit.length = 0;
        const response = await app.request(`http://api.test${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(400);
        if (method !== 'HEAD') {
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe('NUMBER_IN_URL');
          expect(body.error.message).not.toContain(digits);
        }
        expect(audit).toHaveLength(1);
        // A route template at most (/v1/*, /v1/manifest): never the path asked.
        expect(
          audit[0]!.endpoint.startsWith(`${method} /`) || audit[0]!.endpoint === `${method} (unmatched)`,
        ).toBe(true);
        expect(audit[0]!.endpoint).not.toMatch(/\d{3}/);
        expect(audit[0]!.errorCode).toBe('NUMBER_IN_URL');
        expect(JSON.stringify(audit)).not.toContain(digits.slice(-6));
      }
    }
    expect(logged).toEqual([]);
  });

  it('over a raw socket to `quietlist serve`', async () => {
    const port = Number(new URL(server.url).port);
    for (const path of paths) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
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
      expect(raw).toContain('"NUMBER_IN_URL"');
      expect(raw).not.toContain(digits);
    }
  });

  it('leaves the URLs the API uses alone', async () => {
    for (const path of [
      '/v1/manifest',
      `/v1/epochs/${epoch}/manifest`,
      `/v1/epochs/${epoch}/shard-00000.qlbf`,
    ]) {
      expect((await app.request(`http://api.test${path}`)).status, path).toBe(200);
    }
  });
});
