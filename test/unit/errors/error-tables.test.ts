/**
 * Every core error code has one HTTP answer and one exit code. The tables are pinned here in full:
 * changing what a client or a script sees for a failure must be a deliberate edit of this file too.
 */
import { describe, expect, it } from 'vitest';
import { API_CODE_BY_ERROR, toApiError } from '../../../src/api/errors/error-mapping.ts';
import { EXIT_BY_CODE, exitCodeFor } from '../../../src/cli/exit-codes.ts';
import { API_ERRORS } from '../../../src/core/api-errors.ts';
import { type ErrorCode, QuietlistError } from '../../../src/core/errors.ts';

const PINNED: Record<ErrorCode, { api: string; status: number; exit: number }> = {
  INVALID_ARGUMENT: { api: 'INVALID_REQUEST', status: 400, exit: 1 },
  INVALID_CONFIG: { api: 'MISCONFIGURED', status: 503, exit: 1 },
  KEY_INVALID: { api: 'MISCONFIGURED', status: 503, exit: 1 },
  SCHEME_UNSUPPORTED: { api: 'MISCONFIGURED', status: 503, exit: 2 },
  EPOCH_TOO_OLD: { api: 'MISCONFIGURED', status: 503, exit: 2 },
  ADDITIONS_STALE: { api: 'STORAGE_UNAVAILABLE', status: 503, exit: 2 },
  FORMAT_INVALID: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
  CHECKSUM_MISMATCH: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
  SHARD_MISSING: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
  SIGNATURE_INVALID: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
  MANIFEST_INVALID: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
  INPUT_INVALID: { api: 'INVALID_REQUEST', status: 400, exit: 2 },
  DATA_REJECTED: { api: 'INVALID_REQUEST', status: 400, exit: 2 },
  NOT_FOUND: { api: 'NOT_FOUND', status: 404, exit: 3 },
  STORAGE_UNAVAILABLE: { api: 'STORAGE_UNAVAILABLE', status: 503, exit: 3 },
  PRECONDITION_FAILED: { api: 'STORAGE_UNAVAILABLE', status: 503, exit: 4 },
  CONFLICT: { api: 'STORAGE_UNAVAILABLE', status: 503, exit: 4 },
  POINTER_EXPIRED: { api: 'POINTER_EXPIRED', status: 503, exit: 2 },
  KEY_RETIRED: { api: 'INTEGRITY_FAILURE', status: 503, exit: 2 },
};

describe('error tables', () => {
  it('map every core code to the pinned API code, HTTP status and exit code, and nothing else', () => {
    expect(Object.keys(API_CODE_BY_ERROR).sort()).toEqual(Object.keys(PINNED).sort());
    expect(Object.keys(EXIT_BY_CODE).sort()).toEqual(Object.keys(PINNED).sort());
    for (const [code, expected] of Object.entries(PINNED) as [ErrorCode, (typeof PINNED)[ErrorCode]][]) {
      const error = new QuietlistError(code, 'a failure');
      const api = toApiError(error);
      expect({ code, api: api.code, status: api.status }).toEqual({
        code,
        api: expected.api,
        status: expected.status,
      });
      expect(API_ERRORS[api.code].status).toBe(expected.status);
      expect({ code, exit: exitCodeFor(error) }).toEqual({ code, exit: expected.exit });
    }
  });

  it('gives anything untyped a 500 and exit 70', () => {
    expect(toApiError(new Error('boom')).status).toBe(500);
    expect(exitCodeFor(new Error('boom'))).toBe(70);
  });
});
