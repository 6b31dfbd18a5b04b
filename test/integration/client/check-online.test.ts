/**
 * check --online against a worker that is busy: 429 and 503 are retried with backoff honouring
 * Retry-After; a wait longer than allowed (a daily quota) fails with the worker's own message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../../src/client/http/fetch-retry.ts';
import { checkOnline } from '../../../src/client/online/online-check.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { type StandInWorker, startStandInWorker } from './helpers/stand-in-worker.ts';

afterAll(removeTempDirs);

const RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 5,
  maxDelayMs: 50,
  maxRetryAfterMs: 3_000,
  timeoutMs: 5_000,
};
let worker: StandInWorker;

beforeAll(async () => {
  worker = await startStandInWorker(new FileStore(tempDir()));
  worker.check = (numbers) => ({
    epoch: '20261128T020000Z-abc',
    falsePositiveRate: 1e-6,
    results: numbers.map((n) =>
      n.startsWith('+')
        ? { status: 'not_listed' }
        : { status: 'invalid', reason: 'NOT_A_NUMBER', message: 'not a phone number' },
    ),
  });
});
afterAll(() => worker.close());

describe('check --online', () => {
  it('sends the API key as a bearer token and splits into batches of 1,000', async () => {
    worker.requests.length = 0;
    worker.fault = undefined;
    const numbers = Array.from({ length: 2001 }, (_, i) => `+3319900${String(i).padStart(4, '0')}`);
    const report = await checkOnline(numbers, { url: worker.url, apiKey: 'ql_key', retry: RETRY });
    expect(report.results).toHaveLength(2001);
    expect(report.epochs).toEqual(['20261128T020000Z-abc']);
    expect(worker.requests.map((r) => JSON.parse(r.body!).numbers.length)).toEqual([1000, 1000, 1]);
    expect(worker.requests.every((r) => r.authorization === 'Bearer ql_key')).toBe(true);
  });

  it('waits what Retry-After asks on 429, backs off on 503, then succeeds', async () => {
    worker.requests.length = 0;
    const answers = [
      { kind: 'status' as const, status: 429, headers: { 'retry-after': '1' } },
      { kind: 'status' as const, status: 503 },
    ];
    worker.fault = () => answers.shift();
    const retries: { delayMs: number; reason: string }[] = [];
    const started = Date.now();
    const report = await checkOnline(['+33199000001', 'x'], {
      url: worker.url,
      apiKey: 'ql_key',
      retry: RETRY,
      hooks: { onRetry: ({ delayMs, reason }) => retries.push({ delayMs, reason }) },
    });
    expect(report.results.map((r) => r.status)).toEqual(['not_listed', 'invalid']);
    expect(retries[0]).toEqual({ delayMs: 1000, reason: 'HTTP 429' });
    expect(retries[1]?.reason).toBe('HTTP 503');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(worker.requests).toHaveLength(3);
  });

  it("gives up on a Retry-After beyond the limit with the worker's message, and after the last attempt", async () => {
    worker.fault = () => ({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '36000' },
      body: { error: { code: 'QUOTA_EXCEEDED', message: 'daily quota exhausted' } },
    });
    await expect(
      checkOnline(['+33199000001'], { url: worker.url, apiKey: 'k', retry: RETRY }),
    ).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(/HTTP 429 QUOTA_EXCEEDED: daily quota exhausted \(retry after 36000\)/),
    });
    worker.requests.length = 0;
    worker.fault = () => ({ kind: 'status', status: 502 });
    await expect(
      checkOnline(['+33199000001'], { url: worker.url, apiKey: 'k', retry: RETRY }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/HTTP 502/),
    });
    expect(worker.requests).toHaveLength(RETRY.attempts);
  });

  it('never puts the numbers or the key in an error', async () => {
    worker.fault = () => ({
      kind: 'status',
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', message: 'bad body' } },
    });
    const error = (await checkOnline(['+33199001234'], {
      url: worker.url,
      apiKey: 'ql_secret_key',
      retry: RETRY,
    }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/HTTP 400 INVALID_REQUEST: bad body/);
    expect(error.message).not.toMatch(/199001234|ql_secret_key/);
  });

  it('with lists, refuses an answer that leaves out a list asked, and more lists than the worker takes', async () => {
    worker.fault = undefined;
    const saved = worker.check;
    // A worker answering for one list when two were asked must not pass as "not listed" for both.
    worker.check = (numbers) => ({
      epoch: 'e1',
      falsePositiveRate: 1e-6,
      results: numbers.map(() => ({ status: 'not_listed' })),
      lists: [{ list: 'default', epoch: 'e1', falsePositiveRate: 1e-6, results: [] }],
    });
    try {
      const error = (await checkOnline(['+33199001234'], {
        url: worker.url,
        apiKey: 'k',
        retry: RETRY,
        lists: ['default', 'acme'],
      }).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/the answer does not give each list asked \(default, acme\)/);
    } finally {
      worker.check = saved;
    }
    const nine = Array.from({ length: 9 }, (_, i) => `list${i}`);
    await expect(
      checkOnline(['+33199001234'], { url: worker.url, apiKey: 'k', retry: RETRY, lists: nine }),
    ).rejects.toThrow(/the worker checks 1 to 8 lists at once \(9 given\)/);
  });
});
