/**
 * The failed-authentication limit behind a load balancer (`serve --trust-proxy`), over real HTTP on
 * loopback: with the peer (127.0.0.1) trusted, each forwarded client spends its own budget; with the
 * peer untrusted, X-Forwarded-For changes nothing (a client cannot buy a new budget by forging it);
 * a bad setting is a usage error of `quietlist serve`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../src/api/auth/trusted-proxies.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { startApiServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();
let directory = '';
const BAD_KEY = `ql_${'z'.repeat(12)}_${'A'.repeat(43)}`;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'quietlist-trust-proxy-'));
  await seedEpoch(new FileStore(directory), { keys, numbers: syntheticNumbers(10) });
});

afterAll(() => rm(directory, { recursive: true, force: true }));

async function serverTrusting(setting: string | undefined) {
  return startApiServer(
    {
      store: new FileStore(directory),
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
        AUTH_FAILURES_PER_MINUTE: '2',
      }),
      quotas: new MemoryQuotaCounter(),
      audit: () => {},
      behindProxies: setting === undefined ? undefined : parseTrustProxy(setting),
    },
    { port: 0, host: '127.0.0.1' },
  );
}

async function badKeyFrom(url: string, forwardedFor: string): Promise<number> {
  const response = await fetch(`${url}/v1/check`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${BAD_KEY}`,
      'content-type': 'application/json',
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ numbers: ['+33612000001'] }),
  });
  await response.arrayBuffer();
  return response.status;
}

it('gives each forwarded client its own failure budget when the peer is a trusted proxy', async () => {
  const server = await serverTrusting('127.0.0.1/32');
  try {
    const first = [];
    for (let i = 0; i < 3; i++) first.push(await badKeyFrom(server.url, '198.51.100.1'));
    expect(first).toEqual([401, 401, 429]);
    // Another client behind the same balancer is not slowed by the first one's flood.
    expect(await badKeyFrom(server.url, '198.51.100.2')).toBe(401);
    // A forged entry left of what the proxy appended is not read.
    expect(await badKeyFrom(server.url, '203.0.113.77, 198.51.100.1')).toBe(429);
    // Other spellings of the same address share its budget.
    for (const spelling of ['198.051.100.001', '::ffff:198.51.100.1', '[::FFFF:C633:6401]:4000'])
      expect(await badKeyFrom(server.url, spelling), spelling).toBe(429);
  } finally {
    await server.close();
  }
});

it('ignores X-Forwarded-For from a peer that is not trusted, and without --trust-proxy', async () => {
  for (const setting of ['10.0.0.0/8', undefined]) {
    const server = await serverTrusting(setting);
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await badKeyFrom(server.url, `198.51.100.${10 + i}`));
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await server.close();
    }
  }
});

it('refuses a --trust-proxy that is neither addresses nor a hop count, naming the option', async () => {
  const result = await runCli([
    'serve',
    ...['--store', `file://${directory}`, '--public-key', toBase64(keys.signing.publicKey)],
    ...['--state-dir', join(directory, '..', `${directory.split('/').pop()}-state`), '--port', '0'],
    ...['--trust-proxy', 'balancer.internal'],
  ]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/--trust-proxy: "balancer.internal" is not a hop count/);
  await rm(join(directory, '..', `${directory.split('/').pop()}-state`), { recursive: true, force: true });
});
