/** Blanks collapse exactly as the regular expression the reader replaced with them did. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseBlanks } from '../../../../src/core/phone/phone-reader.ts';

const reference = (raw: string) => raw.trim().replace(/\s+/g, ' ');

describe('collapseBlanks', () => {
  it('equals trim + replace(/\\s+/g, " ") on digits, separators and every kind of blank', () => {
    const unit = fc.constantFrom(
      ...'0123456789+-.()/ \t\n\r\v\f\u00a0\u1680\u2000\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u2011\u0085x'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (raw) => {
        expect(collapseBlanks(raw)).toBe(reference(raw));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(collapseBlanks(raw)).toBe(reference(raw));
      }),
    );
  });

  it('returns a value with single plain spaces as it is', () => {
    for (const raw of ['06 12 34 56 78', '+33 6 12 34 56 78', '0612345678', ' 06 12 ']) {
      expect(collapseBlanks(raw)).toBe(reference(raw));
    }
  });
});
