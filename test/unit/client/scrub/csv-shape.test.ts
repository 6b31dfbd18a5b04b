import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeCsvError,
  isBlankRecord,
  recordText,
  sniffDelimiter,
} from '../../../../src/client/scrub/csv-shape.ts';
import { asUtf8, INVALID_REASONS, invalidStatus, reasonOf } from '../../../../src/client/scrub/row-status.ts';

describe('csv shape', () => {
  it('sniffs the delimiter from the header line only', () => {
    expect(sniffDelimiter(Buffer.from('a;b;c\r\n1,2,3,4,5\n'))).toBe(';');
    expect(sniffDelimiter(Buffer.from('a\tb\n'))).toBe('\t');
    expect(sniffDelimiter(Buffer.from('phone'))).toBe(',');
  });

  it('removes only the line breaks around a record', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.stringMatching(/^[\r\n]*$/),
        fc.stringMatching(/^[\r\n]*$/),
        (body, before, after) => {
          fc.pre(!/^[\r\n]|[\r\n]$/.test(body));
          expect(recordText(`${before}${body}${after}`)).toBe(body);
        },
      ),
    );
    expect(recordText('a,"x\r\ny"\r')).toBe('a,"x\r\ny"');
  });

  it('treats a record of empty fields as blank', () => {
    expect(isBlankRecord(['', '  ', '\t'])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });

  it('turns csv-parse errors into messages without field values', () => {
    const error = Object.assign(new Error('Invalid Opening Quote: value is "0612345678"'), {
      code: 'INVALID_OPENING_QUOTE',
      lines: 12,
    });
    const described = describeCsvError(error);
    expect(described.message).toBe(
      'malformed CSV at line 12: a quote opens in the middle of a field; nothing was written',
    );
    expect(described.message).not.toContain('0612345678');
  });
});

describe('row status', () => {
  it('round-trips every invalid reason through its status byte', () => {
    for (const reason of INVALID_REASONS) expect(reasonOf(invalidStatus(reason))).toBe(reason);
    expect(Math.max(...INVALID_REASONS.map(invalidStatus))).toBeLessThan(256);
  });

  it('decodes non-ASCII latin1 text as UTF-8, leaves ASCII alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(asUtf8(Buffer.from(text, 'utf8').toString('latin1'))).toBe(text);
      }),
    );
  });
});
