/**
 * The API's public error codes: every failure a client can see, with its HTTP status. Codes are
 * stable (clients branch on them); messages are for people and never hold a phone number or a key.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const API_ERRORS = {
  INVALID_JSON: { status: 400, message: 'the request body is not valid JSON' },
  INVALID_REQUEST: { status: 400, message: 'the request does not match the API schema' },
  TOO_MANY_NUMBERS: { status: 400, message: 'at most 1000 numbers per request' },
  INVALID_ELEMENT: {
    status: 400,
    message: 'an element is not a valid ristretto255 encoding (or is the identity)',
  },
  INVALID_PATH: { status: 400, message: 'the path names no valid epoch or file' },
  UNAUTHORIZED: { status: 401, message: 'a valid API key is required: Authorization: Bearer <key>' },
  FORBIDDEN: { status: 403, message: 'this API key does not have the scope this endpoint needs' },
  NOT_FOUND: { status: 404, message: 'no such resource' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'method not allowed on this resource' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'the request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'send the body as application/json' },
  RANGE_NOT_SATISFIABLE: { status: 416, message: 'the requested range is outside the file' },
  RATE_LIMITED: { status: 429, message: 'too many requests: retry after the delay in Retry-After' },
  QUOTA_EXCEEDED: { status: 429, message: 'daily quota of numbers exhausted: it resets at 00:00 UTC' },
  OPRF_KEY_RETIRED: {
    status: 409,
    message:
      'the OPRF key of the epoch you pulled is no longer evaluated here: pull the latest epoch and retry',
  },
  INTERNAL: { status: 500, message: 'internal error' },
  UNSUPPORTED_MODE: {
    status: 501,
    message: 'this epoch is published in a mode this endpoint does not serve yet',
  },
  NO_EPOCH: { status: 503, message: 'no epoch has been published yet' },
  STORAGE_UNAVAILABLE: { status: 503, message: 'storage is unavailable: retry later' },
  INTEGRITY_FAILURE: {
    status: 503,
    message: 'the published data failed verification (signature or checksum): refusing to answer',
  },
  STALE_EPOCH: {
    status: 503,
    message: 'latest.json names an epoch older than one this server already served: refusing to go back',
  },
  MISCONFIGURED: { status: 503, message: 'the server is misconfigured for the published epoch' },
  TIMESTAMPS_DISABLED: {
    status: 503,
    message:
      'this server holds no timestamp key (QUIETLIST_TIMESTAMP_KEY and QUIETLIST_TIMESTAMP_CERT): it does not countersign receipts',
  },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends HTTPException {
  readonly code: ApiErrorCode;
  readonly headers: Record<string, string>;

  constructor(
    code: ApiErrorCode,
    options: { message?: string; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(API_ERRORS[code].status, {
      message: options.message ?? API_ERRORS[code].message,
      cause: options.cause,
    });
    this.code = code;
    this.headers = options.headers ?? {};
  }
}
