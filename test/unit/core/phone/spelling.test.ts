/**
 * Wrappers that spreadsheets, CRMs and web forms put around a number: any wrapping of any spelling
 * gives the key of the plain spelling, and unwrapping never changes a key a value already had.
 * Synthetic numbers only (ARCEP's fiction blocks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../../scripts/fictional-numbers.ts';
import { readPhone } from '../../../../src/core/phone/normalize.ts';
import { unwrapPhoneSpelling } from '../../../../src/core/phone/spelling.ts';

const toFullWidth = (value: string) =>
  value.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Each wrapper as a function of a spelling; the spellings below are the plain ones people type. */
const WRAPPERS: [string, (spelling: string) => string][] = [
  ['Excel text formula', (s) => `="${s}"`],
  ["Excel's text prefix", (s) => `'${s}`],
  ['tel: URI', (s) => `tel:${s.replace(/ /g, '-')}`],
  ['tel: URI with a parameter', (s) => `TEL:${s};phone-context=example.com`],
  ['extension', (s) => `${s} ext. 42`],
  ['French extension', (s) => `${s} poste 7`],
  ['full-width characters', toFullWidth],
];

const spellings = (e164: string) => {
  const national = `0${e164.slice(3)}`;
  return [e164, national, national.replace(/(\d\d)(?=\d)/g, '$1 '), `0033${e164.slice(3)}`];
};

describe('unwrapPhoneSpelling', () => {
  it('gives every wrapped spelling the key of the plain one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999 }),
        fc.constantFrom(...WRAPPERS),
        fc.nat(3),
        (index, [, wrap], which) => {
          const e164 = fictionalNumber(index);
          const spelling = spellings(e164)[which]!;
          expect(readPhone(wrap(spelling))).toEqual({
            ok: true,
            readings: [{ e164, key: e164 }],
            valid: true,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads digits that went through a floating-point column', () => {
    const e164 = fictionalNumber(12);
    for (const raw of [`${e164.slice(1)}.0`, `${e164.slice(3)}.0`, `${e164.slice(3)},00`, `${e164}.0`])
      expect(readPhone(raw), 'a floating-point spelling').toEqual({
        ok: true,
        readings: [{ e164, key: e164 }],
        valid: true,
      });
  });

  it('reads scientific notation that kept every digit, and never one that lost digits', () => {
    const e164 = fictionalNumber(34);
    const international = e164.slice(1); // 33 6 39 98 …, 11 digits
    const national = e164.slice(3); // 6 39 98 …, the leading zero dropped by a number column
    const scientific = (digits: string, separator: string, extraZeros = '') =>
      `${digits[0]}${separator}${digits.slice(1)}${extraZeros}E+${String(digits.length - 1).padStart(2, '0')}`;
    for (const raw of [
      scientific(international, '.'),
      scientific(international, ','),
      scientific(national, '.'),
      scientific(national, ',', '00'),
      scientific(national, '.').toLowerCase().replace('+0', ''),
    ])
      expect(readPhone(raw), raw.replace(/\d/g, '#')).toEqual({
        ok: true,
        readings: [{ e164, key: e164 }],
        valid: true,
      });
    // Excel's General format keeps six digits: the number is lost, and said so.
    const rounded = `${international[0]}.${international.slice(1, 6)}E+${international.length - 1}`;
    expect(readPhone(rounded)).toEqual({ ok: false, reason: 'NOT_A_NUMBER' });
    expect(readPhone(`${scientific(national, '.').replace('E', '1E')}`).ok, 'a fraction').toBe(false);
  });

  it('leaves plain spellings as they are, so no key that parsed as written can move', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999 }), fc.nat(3), (index, which) => {
        const spelling = spellings(fictionalNumber(index))[which]!;
        expect(unwrapPhoneSpelling(spelling)).toBe(spelling);
      }),
    );
    // Dots between digit groups are separators, not a decimal point.
    expect(unwrapPhoneSpelling('06 39 98 00.00')).toBe('06 39 98 00.00');
  });

  it('keeps a value that is not a number rejected', () => {
    for (const raw of ['="n/a"', "'", 'tel:', '=""', 'ext. 5', 'x12'])
      expect(readPhone(raw).ok, JSON.stringify(raw)).toBe(false);
  });
});
