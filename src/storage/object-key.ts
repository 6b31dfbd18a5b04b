/**
 * Object-key rules shared by every store. Keys are '/'-separated relative paths; the rules are strict
 * enough that a key can never escape a FileStore's directory and means the same thing on S3.
 */
import { QuietlistError } from '../core/errors.ts';

/** FileStore's temporary and lock files end like this; keys may not, so they never collide. */
export const RESERVED_NAME_PATTERN = /\.ql-(?:tmp-[0-9a-f]+|lock|stale-[0-9a-f]+)$/;

const MAX_KEY_BYTES = 1024; // S3 and R2 limit

function checkSegments(what: string, value: string, segments: string[]): void {
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `${what} ${JSON.stringify(value)} has an empty, "." or ".." segment`,
      );
    }
    if (RESERVED_NAME_PATTERN.test(segment)) {
      throw new QuietlistError('INVALID_ARGUMENT', `${what} ${JSON.stringify(value)} uses a reserved name`);
    }
  }
}

function checkCharacters(what: string, value: string): void {
  if (value.startsWith('/')) {
    throw new QuietlistError('INVALID_ARGUMENT', `${what} ${JSON.stringify(value)} must be relative`);
  }
  // Backslashes are separators on Windows; control characters break file names and logs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(value)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${what} ${JSON.stringify(value)} contains a backslash or a control character`,
    );
  }
  if (new TextEncoder().encode(value).length > MAX_KEY_BYTES) {
    throw new QuietlistError('INVALID_ARGUMENT', `${what} is longer than ${MAX_KEY_BYTES} bytes`);
  }
}

/** Throws QuietlistError('INVALID_ARGUMENT') unless `key` is a valid object key. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key === '') {
    throw new QuietlistError('INVALID_ARGUMENT', 'object key must be a non-empty string');
  }
  checkCharacters('object key', key);
  checkSegments('object key', key, key.split('/'));
}

/**
 * A list prefix follows the key rules, except that it may be empty, end with '/' ("epochs/") or end
 * in the middle of a segment ("epochs/2026").
 */
export function assertValidPrefix(prefix: string): void {
  if (typeof prefix !== 'string') {
    throw new QuietlistError('INVALID_ARGUMENT', 'list prefix must be a string');
  }
  if (prefix === '') return;
  checkCharacters('list prefix', prefix);
  const segments = prefix.split('/');
  if (prefix.endsWith('/')) segments.pop();
  checkSegments('list prefix', prefix, segments);
}

/** Byte-wise (UTF-8) order, the order S3 lists keys in. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const encoder = new TextEncoder();
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const d = x[i]! - y[i]!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
