/**
 * The one mapping from a worker's error response to a typed error. The worker's body is
 * `{error: {code, message}}` and never holds a number or a key; it is still cut short, and the
 * request's own secrets (the API key) never appear because they are not in `what`. The error keeps
 * the status, the API's code and the wait it asked for, so a client that speaks to people (the scrub
 * page) can say what happened in their words instead of showing the English message.
 */
import { type ApiErrorCode, readApiErrorBody } from '../../core/api-errors.ts';
import { type ErrorCode, QuietlistError } from '../../core/errors.ts';
import { type HttpResult, isRetryableStatus, retryAfterMs } from './fetch-retry.ts';

export class HttpFailure extends QuietlistError {
  readonly status: number;
  /** The API's error code when the body carried one this client knows. */
  readonly apiCode: ApiErrorCode | undefined;
  /** Retry-After, in seconds, when a retryable answer carried one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { status: number; apiCode?: ApiErrorCode; retryAfterSeconds?: number },
  ) {
    super(code, message);
    this.status = details.status;
    this.apiCode = details.apiCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function httpFailure(result: HttpResult, what: string): HttpFailure {
  const body = readApiErrorBody(result.body);
  const { code, message } = body ?? {};
  const retryAfter = result.headers.get('retry-after');
  const retryable = isRetryableStatus(result.status) && retryAfter !== null;
  const detail =
    `${what}: HTTP ${result.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}` +
    (retryable ? ` (retry after ${retryAfter.slice(0, 40)})` : '');
  const waitMs = retryable ? retryAfterMs(retryAfter) : undefined;
  return new HttpFailure(codeForStatus(result.status), detail, {
    status: result.status,
    ...(body?.known ? { apiCode: body.known } : {}),
    ...(waitMs === undefined ? {} : { retryAfterSeconds: Math.ceil(waitMs / 1000) }),
  });
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'KEY_INVALID';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400 || status === 413 || status === 422) return 'INVALID_ARGUMENT';
  return 'STORAGE_UNAVAILABLE';
}
