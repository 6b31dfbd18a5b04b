/**
 * ApiError: a failure the API answers with one of its public codes (src/core/api-errors.ts, the table
 * the server and the clients share) and that code's HTTP status. Messages are for people and never
 * hold a phone number or a key.
 */
import { HTTPException } from 'hono/http-exception';
import { API_ERRORS, type ApiErrorCode } from '../../core/api-errors.ts';

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
