/**
 * Any failure of the Web Worker, named for the person: the API's own code when the server answered
 * with one (core/api-errors.ts), else what the page knows it to be (the list failed its signature, no
 * connection, the file is a PDF…). The English message goes along as `detail`, for the console only.
 */
import { isApiErrorCode } from '../../core/api-errors.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { PageProblem } from '../shared/page-problem.ts';
import type { ProblemKey } from '../shared/strings/en.ts';

/** A failure the page itself detected, already named. */
export class PageFailure extends Error {
  readonly problem: PageProblem;
  constructor(problem: PageProblem, detail?: string) {
    super(detail ?? ('key' in problem ? problem.key : problem.code));
    this.problem = { ...problem, ...(detail ? { detail } : {}) };
  }
}

export function pageFailure(key: ProblemKey, detail?: string): PageFailure {
  return new PageFailure({ kind: 'problem', key }, detail);
}

/** Typed client failures the page names itself, by their code (src/core/errors.ts). */
const BY_CODE: Partial<Record<ErrorCode, ProblemKey>> = {
  SIGNATURE_INVALID: 'listInvalid',
  CHECKSUM_MISMATCH: 'listInvalid',
  MANIFEST_INVALID: 'listInvalid',
  FORMAT_INVALID: 'listInvalid',
  SHARD_MISSING: 'listInvalid',
  EPOCH_TOO_OLD: 'listTooOld',
  SCHEME_UNSUPPORTED: 'pageOutdated',
  CONFLICT: 'listChanged',
  STORAGE_UNAVAILABLE: 'network',
  INPUT_INVALID: 'fileNotCsv',
};

/** The HTTP answer behind an error (client/http/http-failure.ts), along its causes. */
function httpDetails(
  error: unknown,
): { status: number; apiCode?: string; retryAfterSeconds?: number } | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { status?: unknown; apiCode?: unknown; retryAfterSeconds?: unknown };
    if (typeof candidate.status === 'number') {
      return {
        status: candidate.status,
        ...(typeof candidate.apiCode === 'string' ? { apiCode: candidate.apiCode } : {}),
        ...(typeof candidate.retryAfterSeconds === 'number'
          ? { retryAfterSeconds: candidate.retryAfterSeconds }
          : {}),
      };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function describeFailure(error: unknown, now: () => number = Date.now): PageProblem {
  if (error instanceof PageFailure) return error.problem;
  const detail = (error as Error)?.message ?? String(error);
  const http = httpDetails(error);
  if (http?.apiCode !== undefined && isApiErrorCode(http.apiCode)) {
    const until =
      http.apiCode === 'QUOTA_EXCEEDED' && http.retryAfterSeconds !== undefined
        ? new Date(now() + http.retryAfterSeconds * 1000).toISOString()
        : undefined;
    return { kind: 'api', code: http.apiCode, ...(until ? { until } : {}), detail };
  }
  // An answer that is not the API's own (a proxy's page, a gateway error): the server is away.
  if (http !== undefined) return { kind: 'problem', key: 'serverUnavailable', detail };
  if (error instanceof QuietlistError) {
    if (error.code === 'KEY_INVALID') return { kind: 'api', code: 'UNAUTHORIZED', detail };
    const key = BY_CODE[error.code];
    if (key) return { kind: 'problem', key, detail };
  }
  // fetch itself failed: no connection, the server down, a CORS or CSP refusal.
  if (error instanceof TypeError && /fetch|network|load/i.test(detail))
    return { kind: 'problem', key: 'network', detail };
  return { kind: 'problem', key: 'unexpected', detail };
}
