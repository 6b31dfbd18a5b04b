/**
 * HTTP requests that ride out a busy or flaky worker: network failures, a body cut off half-way, 429
 * and 5xx are retried with exponential backoff and jitter, waiting exactly what `Retry-After` asks
 * when the server says (up to a bound: a client told to come back in an hour should fail, not hang).
 */
import { type ApiErrorCode, readApiErrorBody } from '../../core/api-errors.ts';
import { StorageError } from '../../core/errors.ts';

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

/**
 * Sends the request and reads the whole body, retrying as above. Returns the last response, which may
 * still be an error status (non-retryable, or retryable after the last attempt): the caller maps it.
 * `what` names the request in messages; it must hold no credentials.
 */
export async function requestWithRetry(
  url: string,
  init: RequestInit,
  what: string,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
): Promise<HttpResult> {
  const sleep = hooks.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.attempts;
    let delay: number;
    let reason: string;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
      const asked = retryAfterMs(response.headers.get('retry-after'));
      // A server asking for a longer wait than we are allowed gets its answer returned, not a hang.
      const tooLong = asked !== undefined && asked > policy.maxRetryAfterMs;
      if (!isRetryableStatus(response.status) || last || tooLong) {
        return {
          status: response.status,
          headers: response.headers,
          body: new Uint8Array(await response.arrayBuffer()),
        };
      }
      if (response.status === 503 && isJson(response.headers)) {
        // A quietlist API that says its own configuration is wrong will say it again: no retries.
        const body = new Uint8Array(await response.arrayBuffer());
        const known = readApiErrorBody(body)?.known;
        if (known && PERMANENT_API_ERRORS.has(known)) {
          return { status: response.status, headers: response.headers, body };
        }
      } else await response.body?.cancel().catch(() => undefined);
      delay = asked ?? backoffMs(attempt, policy);
      reason = `HTTP ${response.status}`;
    } catch (error) {
      reason = describeNetworkError(error);
      if (last) {
        throw retriesExhausted(what, attempt, reason, error);
      }
      delay = backoffMs(attempt, policy);
    }
    hooks.onRetry?.({ what, attempt, delayMs: delay, reason });
    await sleep(delay);
  }
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
