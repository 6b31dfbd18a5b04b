/**
 * The one reader of the API's error bodies, used by every client: it reads what the server writes,
 * keeps unknown codes as sent, cuts what it shows, and never throws on what the network hands it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_ERRORS, isApiErrorCode, readApiErrorBody } from '../../../src/core/api-errors.ts';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('API error bodies', () => {
  it('reads every code of the table as the server writes it', () => {
    for (const [code, { message }] of Object.entries(API_ERRORS)) {
      expect(readApiErrorBody(bytes({ error: { code, message } }))).toEqual({ code, known: code, message });
    }
  });

  it('keeps a code it does not know (a newer server) without calling it known, and cuts long fields', () => {
    expect(readApiErrorBody(bytes({ error: { code: 'FROM_THE_FUTURE' } }))).toEqual({
      code: 'FROM_THE_FUTURE',
    });
    const long = readApiErrorBody(bytes({ error: { code: 'X'.repeat(500), message: 'm'.repeat(5000) } }));
    expect(long?.code).toHaveLength(64);
    expect(long?.message).toHaveLength(300);
    expect(isApiErrorCode('toString')).toBe(false);
    expect(isApiErrorCode('MISCONFIGURED')).toBe(true);
  });

  it('answers undefined for what is not an error body', () => {
    for (const body of [
      '<html>502 Bad Gateway</html>',
      '{"error": {"code": 503}}',
      '{"error": "MISCONFIGURED"}',
      '{"error": null}',
      'null',
      '[]',
      '{"error": {"code": "MISCONFIG',
      '',
    ]) {
      expect(readApiErrorBody(bytes(body)), body).toBeUndefined();
    }
    const huge = bytes({ error: { code: 'INTERNAL', message: 'x'.repeat(70_000) } });
    expect(readApiErrorBody(huge)).toBeUndefined();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        const read = readApiErrorBody(body);
        if (read) expect(typeof read.code).toBe('string');
      }),
    );
  });
});
