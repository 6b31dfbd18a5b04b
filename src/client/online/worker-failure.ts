/**
 * A worker's error answer to a metered POST (/v1/check, /v1/oprf/evaluate), named for what it is. The
 * HTTP status alone (http/http-failure.ts) makes every 5xx a storage outage (exit 3, "retry later"),
 * which is wrong when the worker says its own configuration is wrong: `503 MISCONFIGURED` (it lacks the
 * epoch's OPRF or hash key) and `501 UNSUPPORTED_MODE` will not heal by retrying, and only the operator
 * can fix them. Those become INVALID_CONFIG (exit 1) with a message that says whose configuration it is.
 */
import { type ApiErrorCode, readApiErrorBody } from '../../core/api-errors.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { HttpResult } from '../http/fetch-retry.ts';
import { httpFailure } from '../http/http-failure.ts';

const OPERATOR_CONFIGURATION: Readonly<Partial<Record<ApiErrorCode, string>>> = {
  MISCONFIGURED:
    "the worker's own configuration does not fit its published epoch: its operator must fix it (retrying will not help)",
  UNSUPPORTED_MODE: 'this worker does not serve that kind of check for its published epoch',
};

export function workerFailure(result: HttpResult, what: string): QuietlistError {
  const failure = httpFailure(result, what);
  const known = readApiErrorBody(result.body)?.known;
  const hint = known && OPERATOR_CONFIGURATION[known];
  return hint
    ? new QuietlistError('INVALID_CONFIG', `${failure.message}; ${hint}`, { cause: failure })
    : failure;
}
