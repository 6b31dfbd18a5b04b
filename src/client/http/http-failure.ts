/**
 * The one mapping from a worker's error response to a typed error. The worker's body is
 * `{error: {code, message}}` and never holds a number or a key; it is still cut short, and the
 * request's own secrets (the API key) never appear because they are not in `what`.
 */
import { readApiErrorBody } from '../../core/api-errors.ts';
import { type ErrorCode, QuietlistError } from '../../core/errors.ts';
import { type HttpResult, isRetryableStatus } from './fetch-retry.ts';

export function httpFailure(result: HttpResult, what: string): QuietlistError {
  const { code, message } = readApiErrorBody(result.body) ?? {};
  const retryAfter = result.headers.get('retry-after');
  const detail =
    `${what}: HTTP ${result.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}` +
    (isRetryableStatus(result.status) && retryAfter ? ` (retry after ${retryAfter.slice(0, 40)})` : '');
  return new QuietlistError(codeForStatus(result.status), detail);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'KEY_INVALID';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400 || status === 413 || status === 422) return 'INVALID_ARGUMENT';
  return 'STORAGE_UNAVAILABLE';
}
