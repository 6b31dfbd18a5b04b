/** Authenticated JSON POSTs to the worker's metered endpoints (/v1/check, /v1/oprf/evaluate), with retries. */
import { QuietlistError } from '../../core/errors.ts';
import { describeLocation } from '../../core/location.ts';
import {
  DEFAULT_RETRY_POLICY,
  type HttpResult,
  type RetryHooks,
  type RetryPolicy,
  requestWithRetry,
} from './fetch-retry.ts';

/** The endpoint URL under the worker's base URL; credentials in the URL are refused (they would be logged). */
export function workerEndpoint(url: string, path: string): string {
  const base = new URL(url);
  if (base.username || base.password) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      'put no credentials in the worker URL: use $QUIETLIST_API_KEY or --api-key-file',
    );
  }
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
}

export function describeBatch(endpoint: string, batch: number, batches: number): string {
  return `POST ${describeLocation(endpoint)} (batch ${batch + 1} of ${batches})`;
}

export function postToWorker(
  endpoint: string,
  apiKey: string,
  body: unknown,
  what: string,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks?: RetryHooks,
): Promise<HttpResult> {
  return requestWithRetry(
    endpoint,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    },
    what,
    retry,
    hooks,
  );
}
