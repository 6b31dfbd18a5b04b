/**
 * The API's public error codes, one table for both ends: the server answers with them
 * (src/api/errors/), the CLI, the library and the scrub page read them. Every failure a client can see
 * has a code and an HTTP status; codes are stable (clients branch on them), and messages are for people
 * and never hold a phone number or a key. A body is always `{"error": {"code", "message"}}`, read by
 * `readApiErrorBody` here and nowhere else. Runtime-neutral: Workers, Node and browsers share it.
 */

export const API_ERRORS = {
  INVALID_JSON: { status: 400, message: 'the request body is not valid JSON' },
  INVALID_REQUEST: { status: 400, message: 'the request does not match the API schema' },
  TOO_MANY_NUMBERS: { status: 400, message: 'at most 1000 numbers per request' },
  INVALID_ELEMENT: {
    status: 400,
    message: 'an element is not a valid ristretto255 encoding (or is the identity)',
  },
  INVALID_PATH: { status: 400, message: 'the path names no valid epoch or file' },
  INVALID_SCOPE: {
    status: 400,
    message: "the scope names a channel or sector this epoch's register does not declare",
  },
  NUMBER_IN_URL: {
    status: 400,
    message:
      'the URL holds what looks like a phone number: numbers go in a POST body only (URLs are kept in logs)',
  },
  UNAUTHORIZED: { status: 401, message: 'a valid API key is required: Authorization: Bearer <key>' },
  FORBIDDEN: { status: 403, message: 'this API key does not have the scope this endpoint needs' },
  PARTITION_NOT_ENTITLED: {
    status: 403,
    message: 'this API key is not entitled to that partition (area code) of the list',
  },
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
  LIST_NOT_LIVE: {
    status: 409,
    message: 'this list takes no live additions (its epoch announces no additions key): build it with --live',
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
  POINTER_EXPIRED: {
    status: 503,
    message:
      'latest.json has expired and nothing was accepted before it: the operator must build or run `quietlist renew`',
  },
  MISCONFIGURED: { status: 503, message: 'the server is misconfigured for the published epoch' },
  ADDITIONS_DISABLED: {
    status: 503,
    message: 'this server holds no additions key (QUIETLIST_ADDITIONS_KEY): it does not take live additions',
  },
  TIMESTAMPS_DISABLED: {
    status: 503,
    message:
      'this server holds no timestamp key (QUIETLIST_TIMESTAMP_KEY and QUIETLIST_TIMESTAMP_CERT): it does not countersign receipts',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}

/** An error body as a client reads it. */
export interface ApiErrorBody {
  /** The code as sent, cut to 64 characters: a newer server may send one this client does not know. */
  code: string;
  /** The code when this client knows it. */
  known?: ApiErrorCode;
  /** The message, cut to 300 characters (it is shown to people, and the body came from the network). */
  message?: string;
}

/** The longest error body a client reads (client/http/download-limits.ts reads no more of one). */
export const MAX_API_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The `{error: {code, message}}` of an API answer, or undefined when the body is not one (a proxy's HTML
 * page, a truncated body, anything larger than an error body can be).
 */
export function readApiErrorBody(body: Uint8Array): ApiErrorBody | undefined {
  if (body.length > MAX_API_ERROR_BODY_BYTES) return undefined;
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = (JSON.parse(new TextDecoder().decode(body)) as { error?: typeof error } | null)?.error;
  } catch {
    return undefined;
  }
  if (typeof error !== 'object' || error === null || typeof error.code !== 'string') return undefined;
  const code = error.code.slice(0, 64);
  const message = typeof error.message === 'string' ? error.message.slice(0, 300) : undefined;
  return {
    code,
    ...(isApiErrorCode(code) ? { known: code } : {}),
    ...(message === undefined ? {} : { message }),
  };
}
