import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  requestWithRetry,
  retryAfterMs,
} from '../../../../src/client/http/fetch-retry.ts';
import { staleEpochWarning } from '../../../../src/client/trust/staleness.ts';

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(400);
    expect(backoffMs(10, policy, () => 1)).toBe(1000);
  });

  it('retries 429 and 5xx only, never 501', () => {
    expect([429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([200, 304, 400, 401, 404, 501].some(isRetryableStatus)).toBe(false);
  });

  it("does not retry an API's 503 that says its configuration is wrong, and retries any other 503", async () => {
    let requests = 0;
    let code = 'MISCONFIGURED';
    const server = createServer((_request, response) => {
      requests++;
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code, message: 'x' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/check`;
    const policy = { ...DEFAULT_RETRY_POLICY, attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
    try {
      const answer = await requestWithRetry(url, { method: 'POST' }, 'check', policy);
      expect([answer.status, requests]).toEqual([503, 1]);
      code = 'STORAGE_UNAVAILABLE';
      requests = 0;
      await requestWithRetry(url, { method: 'POST' }, 'check', policy);
      expect(requests).toBe(3);
    } finally {
      server.close();
    }
  });
});

describe('staleness', () => {
  it('warns past the maximum age only', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const epoch = (createdAt: string) => ({
      epoch: 'E',
      createdAt,
      normalization: { defaultRegion: 'FR' },
      validity: null,
    });
    expect(staleEpochWarning(epoch('2026-10-30T00:00:00Z'), now)).toBeUndefined();
    expect(staleEpochWarning(epoch('2026-10-28T00:00:00Z'), now)).toMatch(/E is 31 days old/);
    expect(staleEpochWarning(epoch('2026-11-20T00:00:00Z'), now, 7)).toMatch(/older than 7 days/);
  });
});
