/**
 * The one place where failures become HTTP responses: ApiError as is, Hono's own HTTPExceptions
 * (body limit, malformed JSON) by status, core QuietlistErrors by code, anything else a 500.
 * The body is always `{ error: { code, message } }`; messages come from typed errors or the fixed
 * table, never from request input.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ApiErrorCode } from '../../core/api-errors.ts';
import { type ErrorCode, QuietlistError } from '../../core/errors.ts';
import { ApiError } from './api-error.ts';

/**
 * Every core code, mapped once (pinned by test/unit/errors/error-tables.test.ts). Data that fails
 * verification, or a shard the signed manifest lists but the store lacks, is a server-side integrity
 * failure; a key that does not fit the published epoch is a misconfiguration.
 */
export const API_CODE_BY_ERROR: Readonly<Record<ErrorCode, ApiErrorCode>> = {
  INVALID_ARGUMENT: 'INVALID_REQUEST',
  INPUT_INVALID: 'INVALID_REQUEST',
  DATA_REJECTED: 'INVALID_REQUEST',
  INVALID_CONFIG: 'MISCONFIGURED',
  KEY_INVALID: 'MISCONFIGURED',
  SCHEME_UNSUPPORTED: 'MISCONFIGURED',
  // The server's own epoch is past the register's window: the operator must publish (status pages say so).
  EPOCH_TOO_OLD: 'MISCONFIGURED',
  // Clients only: the server reads additions from its own store.
  ADDITIONS_STALE: 'STORAGE_UNAVAILABLE',
  FORMAT_INVALID: 'INTEGRITY_FAILURE',
  CHECKSUM_MISMATCH: 'INTEGRITY_FAILURE',
  SHARD_MISSING: 'INTEGRITY_FAILURE',
  SIGNATURE_INVALID: 'INTEGRITY_FAILURE',
  MANIFEST_INVALID: 'INTEGRITY_FAILURE',
  NOT_FOUND: 'NOT_FOUND',
  PRECONDITION_FAILED: 'STORAGE_UNAVAILABLE',
  CONFLICT: 'STORAGE_UNAVAILABLE',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  POINTER_EXPIRED: 'POINTER_EXPIRED',
  KEY_RETIRED: 'INTEGRITY_FAILURE',
};

const HTTP_STATUS_CODES: Partial<Record<number, ApiErrorCode>> = {
  400: 'INVALID_JSON', // Hono's validator: "Malformed JSON in request body"
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QuietlistError) return new ApiError(API_CODE_BY_ERROR[error.code], { cause: error });
  if (error instanceof HTTPException)
    return new ApiError(HTTP_STATUS_CODES[error.status] ?? 'INVALID_REQUEST');
  return new ApiError('INTERNAL', { cause: error });
}

export function errorResponse(c: Context, error: ApiError): Response {
  const response = c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
  for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** For app.onError. 5xx causes go to the error log (typed messages only: no input is ever in them). */
export function handleError(error: unknown, c: Context, log: (line: string) => void): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500 && apiError.code !== 'NO_EPOCH') {
    const cause = apiError.cause ?? error;
    const detail =
      cause instanceof QuietlistError
        ? `${cause.code}: ${cause.message}`
        : cause instanceof Error
          ? `${cause.name}: ${cause.message}`
          : 'unknown';
    log(JSON.stringify({ type: 'error', code: apiError.code, detail }));
  }
  return errorResponse(c, apiError);
}

export function notFoundResponse(c: Context): Response {
  return errorResponse(c, new ApiError('NOT_FOUND'));
}
