import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import {
  isRegionCode,
  maskPhone,
  NORMALIZATION_VERSION,
  type RejectReason,
  readPhone,
} from '../../../../src/core/phone/normalize.ts';

/** The keys of a value's readings, space-separated, or its reject reason. */
const e164Of = (raw: string, region: CountryCode = 'FR') => {
  const result = readPhone(raw, region);
  return result.ok ? result.readings.map((reading) => reading.key).join(' ') : result.reason;
};

/** Blanks and dashes people paste: NBSP, narrow NBSP, thin space, hyphen, en dash, minus. */
const SEPARATORS = [' ', '.', '-', '/', '\u00a0', '\u202f', '\u2009', '\u2010', '\u2013', '\u2212', '  '];

/** Digits cut into groups of 1 to 4 joined by separators: "06 39.98-0012". */
const spelled = (digits: string) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...SEPARATORS)), {
      minLength: digits.length,
      maxLength: digits.length,
    })
    .map((cuts) => {
      let out = '';
      let at = 0;
      for (const [size, separator] of cuts) {
        if (at >= digits.length) break;
        out += (at === 0 ? '' : separator) + digits.slice(at, at + size);
        at += size;
      }
      return out;
    });

interface Plan {
  region: CountryCode;
  callingCode: string;
  /** A national significant number of a possible length for the region. */
  nsn: fc.Arbitrary<string>;
  trunk: string;
}

const PLANS: Plan[] = [
  { region: 'FR', callingCode: '33', nsn: fc.stringMatching(/^[1-9]\d{8}$/), trunk: '0' },
  { region: 'GB', callingCode: '44', nsn: fc.stringMatching(/^7\d{9}$/), trunk: '0' },
  { region: 'BE', callingCode: '32', nsn: fc.stringMatching(/^4\d{8}$/), trunk: '0' },
  { region: 'AU', callingCode: '61', nsn: fc.stringMatching(/^4\d{8}$/), trunk: '0' },
  { region: 'US', callingCode: '1', nsn: fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/), trunk: '1' },
  { region: 'ES', callingCode: '34', nsn: fc.stringMatching(/^[67]\d{8}$/), trunk: '' },
];

describe('readPhone', () => {
  it('gives one key for every spelling of a French number', () => {
    const spellings = [
      '06 39 98 00 12',
      '0639980012',
      '+33639980012',
      '+33 6 39 98 00 12',
      '0033 6 39 98 00 12',
      '0033639980012',
      '+33 (0)6 39 98 00 12',
      '+33 (0) 6 39 98 00 12',
      '+33 06 39 98 00 12',
      '06.39.98.00.12',
      '06-39-98-00-12',
      '06 39-98.00 12',
      '(06) 39 98 00 12',
      '  06 39 98 00 12  ',
      '\t06 39 98 00 12\n',
      '\u00a006\u00a039\u00a098\u00a000\u00a012\u00a0',
      '06\u202f39\u202f98\u202f00\u202f12',
      '06\u200939\u200998\u200900\u200912',
      '06\u201039\u201198\u201300\u201412',
      '06\u221239\u221298\u221200\u221212',
      '+33\u00a06\u00a039\u00a098\u00a000\u00a012',
    ];
    for (const spelling of spellings) expect(e164Of(spelling), JSON.stringify(spelling)).toBe('+33639980012');
  });

  it('spells the same number the same way whatever the default region, when it is international', () => {
    for (const region of ['FR', 'GB', 'US', 'DE', 'JP'] as CountryCode[]) {
      expect(e164Of('+33 6 39 98 00 12', region)).toBe('+33639980012');
      expect(e164Of('+1 202 555 0143', region)).toBe('+12025550143');
    }
    expect(e164Of('011 33 6 39 98 00 12', 'US')).toBe('+33639980012');
    expect(e164Of('00 33 6 39 98 00 12', 'GB')).toBe('+33639980012');
  });

  it('normalises random numbers written in many spellings to one E.164 key', () => {
    const plan = fc.constantFrom(...PLANS).chain((p) => p.nsn.map((nsn) => ({ ...p, nsn })));
    const sample = plan.chain((p) =>
      fc.tuple(
        fc.constant(p),
        fc.constantFrom('national', 'plus', 'double-zero', 'plus-trunk'),
        spelled(p.nsn),
        fc.constantFrom('', ' ', '\u00a0', '\t'),
      ),
    );
    fc.assert(
      fc.property(sample, ([p, form, body, blank]) => {
        let raw: string;
        let region = p.region;
        if (form === 'national') raw = `${p.trunk}${body}`;
        else if (form === 'plus') raw = `+${p.callingCode} ${body}`;
        else if (form === 'double-zero') {
          raw = `00 ${p.callingCode} ${body}`;
          region = 'FR'; // 00 is France's international prefix
        } else raw = p.trunk === '0' ? `+${p.callingCode} (0)${body}` : `+${p.callingCode}${body}`;
        // The key of the canonical spelling: +CC NSN itself (FR's too: +33 is the plan's home code).
        const key = e164Of(`+${p.callingCode}${p.nsn}`);
        expect(key).toBe(`+${p.callingCode}${p.nsn}`);
        expect(e164Of(`${blank}${raw}${blank}`, region)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects impossible values with the right reason', () => {
    const cases: [string, RejectReason][] = [
      ['', 'EMPTY'],
      [' \u00a0\t', 'EMPTY'],
      ['abc', 'NOT_A_NUMBER'],
      ['+', 'NOT_A_NUMBER'],
      ['="abc"', 'NOT_A_NUMBER'],
      ['tel:', 'NOT_A_NUMBER'],
      ['0639980012 ext.', 'NOT_A_NUMBER'],
      ['06\u200b39980012', 'NOT_A_NUMBER'], // a zero-width space is not a blank people type
      ['12', 'TOO_SHORT'],
      ['+33 6 39 98', 'TOO_SHORT'],
      ['06 39 98 00 12 3', 'TOO_LONG'],
      ['+33 6 39 98 00 12 34', 'TOO_LONG'],
      ['9'.repeat(65), 'TOO_LONG'],
      ['+44 7700 9001', 'INVALID_LENGTH'],
      ['+999 639980012', 'INVALID_COUNTRY'],
      ['-0199009996', 'LEADING_MINUS'],
      ['- 06 39 98 00 12', 'LEADING_MINUS'],
      ['\u22120639980012', 'LEADING_MINUS'],
      ['+-33639980012', 'LEADING_MINUS'],
      ["'-0639980012", 'LEADING_MINUS'],
      ['---', 'NOT_A_NUMBER'],
      ['-abc', 'NOT_A_NUMBER'],
    ];
    for (const [raw, reason] of cases)
      expect(readPhone(raw), JSON.stringify(raw)).toEqual({ ok: false, reason });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d\s().-]{0,40}$/)), (raw) => {
        const result = readPhone(raw);
        if (result.ok)
          for (const reading of result.readings) expect(reading.e164).toMatch(/^\+[1-9]\d{3,14}$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('maskPhone', () => {
  it('shows at most the last two digits', () => {
    expect(maskPhone('06 39 98 00 12')).toBe('********12');
    expect(maskPhone('+33 6 39 98 00 12')).toBe('*********12');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('abc')).toBe('');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+\d\s().-]{0,80}$/)), (raw) => {
        const masked = maskPhone(raw);
        const digits = raw.replace(/\D/g, '');
        const shown = masked.replace(/\*/g, '');
        expect(masked).toMatch(/^\**\d{0,2}$/);
        expect(shown).toBe(digits.length > 2 ? digits.slice(-2) : '');
        expect(masked.length).toBeLessThanOrEqual(22);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalisation metadata', () => {
  it('records the installed libphonenumber-js version', () => {
    const installed = JSON.parse(
      readFileSync(
        new URL('../../../../node_modules/libphonenumber-js/package.json', import.meta.url),
        'utf8',
      ),
    ) as { version: string };
    expect(NORMALIZATION_VERSION).toBe(installed.version);
  });

  it('recognises region codes', () => {
    expect(isRegionCode('FR')).toBe(true);
    expect(isRegionCode('GB')).toBe(true);
    for (const code of ['fr', 'XX', 'FRA', '']) expect(isRegionCode(code)).toBe(false);
  });
});
