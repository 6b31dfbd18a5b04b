/**
 * How routes describe their answers in /openapi.json: the error codes each operation can send (grouped
 * by status, with the headers those errors carry), and the headers of successful and conditional
 * answers. Routes list codes, not statuses: the status comes from API_ERRORS, the one table, so the
 * document cannot drift from what the server sends (test/integration/api/openapi.test.ts drives every
 * case and checks each answer against this).
 */
import { API_ERRORS, type ApiErrorCode } from '../../core/api-errors.ts';
import { ErrorBody } from './error-body.ts';

export interface HeaderDoc {
  [extension: `x-${string}`]: unknown;
  description: string;
  required?: boolean;
  schema: { type: 'string' | 'integer'; minimum?: number; enum?: string[]; example?: string };
}

const text = (description: string, required = true): HeaderDoc => ({
  description,
  required,
  schema: { type: 'string' },
});
const count = (description: string, required = true): HeaderDoc => ({
  description,
  required,
  schema: { type: 'integer', minimum: 0 },
});

export const HEADERS = {
  noStore: { ...text('Always `no-store`'), schema: { type: 'string', enum: ['no-store'] } },
  cacheControl: text('How long the answer may be cached'),
  etag: text('Strong ETag: send it back in If-None-Match (304) or If-Range'),
  acceptRanges: {
    ...text('`bytes`: single byte ranges are served (206)'),
    schema: { type: 'string', enum: ['bytes'] },
  },
  contentRange: text('`bytes first-last/size` (206), or `bytes */size` (416)'),
  epoch: text('The epoch this file belongs to'),
  retryAfter: count('Seconds to wait before retrying'),
  wwwAuthenticate: text('`Bearer realm="quietlist"`'),
  quotaRemaining: count(
    'Units (numbers or elements) the next request may ask for: the smaller of the two below',
  ),
  quotaRemainingDay: count('Units left today (UTC)'),
  quotaRemainingMonth: count('Units left this month (UTC); absent when the key has no monthly limit', false),
} as const satisfies Record<string, HeaderDoc>;

/** The quota headers of a metered answer (success and 429 QUOTA_EXCEEDED alike). */
export const QUOTA_HEADERS = {
  'X-Quota-Remaining': HEADERS.quotaRemaining,
  'X-Quota-Remaining-Day': HEADERS.quotaRemainingDay,
  'X-Quota-Remaining-Month': HEADERS.quotaRemainingMonth,
};

/** Headers an error response carries beyond `Cache-Control: no-store`, by code. */
const ERROR_HEADERS: Partial<Record<ApiErrorCode, Record<string, HeaderDoc>>> = {
  UNAUTHORIZED: { 'WWW-Authenticate': HEADERS.wwwAuthenticate },
  RATE_LIMITED: { 'Retry-After': HEADERS.retryAfter },
  QUOTA_EXCEEDED: { 'Retry-After': HEADERS.retryAfter, ...QUOTA_HEADERS },
  RANGE_NOT_SATISFIABLE: { 'Content-Range': HEADERS.contentRange },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing or invalid API key',
  403: 'The key lacks the scope',
  404: 'Not found',
  409: 'Conflict with the published list: the OPRF key named is no longer evaluated (pull the latest epoch), or the list takes no live additions',
  413: 'Body too large',
  415: 'Not JSON',
  416: 'Range not satisfiable',
  429: 'Rate limited or quota exhausted: wait Retry-After seconds',
  500: 'A bug, reported in the server log',
  501: 'Mode not supported by this endpoint',
  503: 'Storage unavailable, no epoch, data failed verification or the server is misconfigured',
};

/** Failures of any operation: a dot segment in the raw path (Node), a number in the URL, and a bug. */
export const ANY_OPERATION_ERRORS = [
  'INVALID_PATH',
  'NUMBER_IN_URL',
  'INTERNAL',
] as const satisfies ApiErrorCode[];
/** Failures of loading the current epoch (api/epochs/epoch-cache.ts), which most operations do first. */
export const EPOCH_ERRORS = [
  'NO_EPOCH',
  'STORAGE_UNAVAILABLE',
  'INTEGRITY_FAILURE',
  'STALE_EPOCH',
  'POINTER_EXPIRED',
  'MISCONFIGURED',
] as const satisfies ApiErrorCode[];
/** Failures of requireScope (api/auth/authenticate.ts): the key, its record in storage, the rate limits. */
export const AUTH_ERRORS = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'STORAGE_UNAVAILABLE',
  'INTEGRITY_FAILURE',
] as const satisfies ApiErrorCode[];
/** Failures of a JSON body: size (api/routes/metered-post.ts), media type, syntax, schema (validation.ts). */
export const JSON_BODY_ERRORS = [
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_JSON',
  'INVALID_REQUEST',
] as const satisfies ApiErrorCode[];

export interface ErrorResponseDoc {
  [extension: `x-${string}`]: unknown;
  description: string;
  headers: Record<string, HeaderDoc>;
  content: { 'application/json': { schema: typeof ErrorBody } };
  /** The codes this operation can send with this status (an extension: generators ignore it). */
  'x-error-codes': ApiErrorCode[];
}

/**
 * The error responses of an operation from the codes it can send: one response per status, naming its
 * codes, with the headers every one of them sends marked required.
 */
export function errorResponses(
  ...groups: (readonly ApiErrorCode[] | ApiErrorCode)[]
): Record<number, ErrorResponseDoc> {
  const codes = [...new Set(groups.flat())];
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) {
    const status = API_ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<number, ErrorResponseDoc> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: Record<string, HeaderDoc> = { 'Cache-Control': HEADERS.noStore };
    for (const code of statusCodes) {
      for (const [name, header] of Object.entries(ERROR_HEADERS[code] ?? {})) {
        const everyCodeSendsIt = statusCodes.every((other) => ERROR_HEADERS[other]?.[name]?.required);
        headers[name] = { ...header, required: everyCodeSendsIt };
      }
    }
    responses[status] = {
      description: `${STATUS_TEXT[status] ?? 'Error'}: ${statusCodes.map((code) => `\`${code}\``).join(', ')}`,
      headers,
      content: { 'application/json': { schema: ErrorBody } },
      'x-error-codes': statusCodes,
    };
  }
  return responses;
}

/** 304 for a conditional GET whose If-None-Match matches: no body, the validators again. */
export function notModifiedResponse() {
  return {
    304: {
      description: 'Not modified: If-None-Match matched the ETag (no body)',
      headers: {
        ETag: HEADERS.etag,
        'Cache-Control': HEADERS.cacheControl,
        'Accept-Ranges': HEADERS.acceptRanges,
        'X-Quietlist-Epoch': HEADERS.epoch,
      },
    },
  };
}
