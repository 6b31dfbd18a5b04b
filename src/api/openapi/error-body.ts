/**
 * The one error body every failing answer carries, as /openapi.json describes it: its `code` is an enum
 * of every code the server sends, taken from API_ERRORS so the document cannot name a code the server
 * never sends (or miss one it does).
 */
import { z } from '@hono/zod-openapi';
import { API_ERRORS, type ApiErrorCode } from '../../core/api-errors.ts';

/** Every code the API sends: the keys of API_ERRORS, the one table of public errors (core/api-errors.ts). */
export const ERROR_CODES = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({
        description: 'Stable: clients branch on it (docs/API.md, "Errors")',
        example: 'INVALID_REQUEST',
      }),
      message: z.string().openapi({ description: 'For people; never holds a number or a key' }),
    }),
  })
  .openapi('Error');
