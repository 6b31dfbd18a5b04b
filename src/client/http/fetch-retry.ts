/**
 * HTTP requests that ride out a busy or flaky worker: network failures, a body cut off half-way, 429
 * and 5xx are retried with exponential backoff and jitter, waiting exactly what `Retry-After` asks
 * when the server says (up to a bound: a client told to come back in an hour should fail, not hang).
 * One loop (withRetries) serves every request: whole answers here, resumed downloads
 * (resumable-download.ts) and the worker's POSTs (worker-post.ts). Every body is read with a limit.
 */
import { type ApiErrorCode, readApiErrorBody } from '../../core/api-errors.ts';
import { QuietlistError, StorageError } from '../../core/errors.ts';
import { readCappedBody, readErrorBody } from './capped-body.ts';
import { API_ANSWER_LIMIT, type BodyLimit } from './download-limits.ts';

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the last response is returned instead. */
  maxRetryAfterMs: number;
  /** Per attempt, body included. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
  timeoutMs: 120_000,
};

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, for progress messages (never with request bodies). */
  onRetry?: (info: { what: string; attempt: number; delayMs: number; reason: string }) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRetryableStatus(status: number): boolean {
  // 501 Not Implemented is permanent by definition; every other 5xx may heal.
  return status === 429 || (status >= 500 && status !== 501);
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if neither. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** One attempt's verdict: the result, or why to try again (and how long to wait, when the server said). */
export type AttemptOutcome<T> = { result: T } | { retry: string; delayMs?: number };

/**
 * The one retry loop of every request the client makes (downloads, resumed downloads, posts): runs
 * `attempt` until it gives a result, waiting between attempts with backoff (or what the server asked).
 * An error thrown by an attempt is a network failure to retry, unless `isFinal` says it is a verdict
 * (by default: a typed QuietlistError, such as a refused answer). After the last attempt a network
 * failure becomes STORAGE_UNAVAILABLE naming `what` (never with credentials).
 */
export async function withRetries<T>(
  what: string,
  policy: RetryPolicy,
  hooks: RetryHooks,
  attempt: (last: boolean) => Promise<AttemptOutcome<T>>,
  isFinal: (error: unknown) => boolean = (error) => error instanceof QuietlistError,
): Promise<T> {
  const sleep = hooks.sleep ?? sleepFor;
  for (let number = 1; ; number++) {
    const last = number >= policy.attempts;
    let delay: number;
    let reason: string;
    try {
      const outcome = await attempt(last);
      if ('result' in outcome) return outcome.result;
      reason = outcome.retry;
      delay = outcome.delayMs ?? backoffMs(number, policy);
    } catch (error) {
      if (isFinal(error)) throw error;
      reason = describeNetworkError(error);
      if (last) throw retriesExhausted(what, number, reason, error);
      delay = backoffMs(number, policy);
    }
    hooks.onRetry?.({ what, attempt: number, delayMs: delay, reason });
    await sleep(delay);
  }
}

/**
 * Whether an answer that is not the one sought is worth another attempt: a retryable status, before
 * the last attempt, and no `Retry-After` longer than the policy waits for (a server asking for an hour
 * gets its answer returned, not a hang). The retry, or null: the answer is final.
 */
export function retryForAnswer(
  response: Response,
  policy: RetryPolicy,
  last: boolean,
): { retry: string; delayMs?: number } | null {
  if (!isRetryableStatus(response.status) || last) return null;
  const asked = retryAfterMs(response.headers.get('retry-after'));
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return null;
  return { retry: `HTTP ${response.status}`, ...(asked !== undefined ? { delayMs: asked } : {}) };
}

/**
 * Sends the request and reads the body, retrying as above. Returns the last response, which may
 * still be an error status (non-retryable, or retryable after the last attempt): the caller maps it.
 * A 2xx body longer than `limit` is refused as it streams (capped-body.ts), never retried; an error
 * body is read up to 64 KiB. `what` names the request in messages; it must hold no credentials.
 */
export function requestWithRetry(
  url: string,
  init: RequestInit,
  what: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
  limit: BodyLimit = API_ANSWER_LIMIT,
): Promise<HttpResult> {
  return withRetries(what, policy, hooks, async (last) => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
    const ok = response.status >= 200 && response.status < 300;
    const retry = ok ? null : retryForAnswer(response, policy, last);
    if (!retry) {
      const body = ok ? await readCappedBody(response, limit, what) : await readErrorBody(response);
      return { result: { status: response.status, headers: response.headers, body } };
    }
    if (response.status === 503 && isJson(response.headers)) {
      // A quietlist API that says its own configuration is wrong will say it again: no retries.
      const body = await readErrorBody(response);
      const known = readApiErrorBody(body)?.known;
      if (known && PERMANENT_API_ERRORS.has(known)) {
        return { result: { status: response.status, headers: response.headers, body } };
      }
    } else await response.body?.cancel().catch(() => undefined);
    return retry;
  });
}

/** The API's 503 codes that no retry heals (src/core/api-errors.ts): only the operator can fix them. */
const PERMANENT_API_ERRORS: ReadonlySet<ApiErrorCode> = new Set(['MISCONFIGURED']);

function isJson(headers: Headers): boolean {
  return headers.get('content-type')?.includes('json') ?? false;
}

/** The network kept failing: a storage outage to retry later (exit 3), naming the request and why. */
export function retriesExhausted(
  what: string,
  attempt: number,
  reason: string,
  error: unknown,
): StorageError {
  return new StorageError('STORAGE_UNAVAILABLE', `${what} failed after ${attempt} attempt(s): ${reason}`, {
    cause: error,
  });
}

export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if ((error as Error)?.name === 'TimeoutError') return 'timed out';
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
