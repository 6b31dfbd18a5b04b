/**
 * The validation hook for every route: a request that fails its schema becomes an ApiError whose
 * message names the field and the rule, never the value (which could be a phone number).
 */
import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ApiError } from '../errors/api-error.ts';
import { MAX_NUMBERS_PER_CHECK } from './check-schemas.ts';

/**
 * A member name is request input too: it is named only when it looks like a field name (letters,
 * digits, `_`, `-`, at most 40, no run of digits long enough to be part of a phone number).
 */
function fieldName(key: string): string {
  return /^[A-Za-z_][\w-]{0,39}$/.test(key) && !/\d{4}/.test(key) ? `"${key}"` : '(a name that is not shown)';
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  switch (issue.code) {
    case 'invalid_type':
      return `${path}: expected ${issue.expected}`;
    case 'too_big':
      return `${path}: too ${issue.origin === 'string' ? 'long' : 'many items'} (maximum ${String(issue.maximum)})`;
    case 'too_small':
      return `${path}: too ${issue.origin === 'string' ? 'short' : 'few items'} (minimum ${String(issue.minimum)})`;
    case 'invalid_format':
      return `${path}: invalid format`;
    case 'unrecognized_keys':
      return `${path}: unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map(fieldName).join(', ')}`;
    default:
      return `${path}: invalid value`;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const issues: z.core.$ZodIssue[] = result.error.issues;
  if (result.target === 'param') throw new ApiError('INVALID_PATH');
  const tooMany = issues.some(
    (issue) => issue.code === 'too_big' && issue.origin === 'array' && issue.path.join('.') === 'numbers',
  );
  if (tooMany) {
    throw new ApiError('TOO_MANY_NUMBERS', {
      message: `at most ${MAX_NUMBERS_PER_CHECK} numbers per request`,
    });
  }
  throw new ApiError('INVALID_REQUEST', {
    message: `invalid request: ${issues.slice(0, 5).map(describe).join('; ')}`,
  });
};
