import fc from 'fast-check';
import { getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import metadataJson from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { createFastPath } from '../../../../src/core/phone/fast-path.ts';
import { INSTALLED_PHONE_LIBRARY } from '../../../../src/core/phone/phone-library.ts';

const { canonical: fastCanonicalE164, national: fastNationalE164 } = createFastPath(INSTALLED_PHONE_LIBRARY);

/** What the full parse makes of a string: the reference the fast path must never contradict. */
function fullParse(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, 'FR');
  return parsed?.isPossible() ? parsed.number : undefined;
}

const callingCodes = Object.keys(
  (metadataJson as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes,
);

/** A fixed-seed generator (mulberry32), so the sample is the same on every run. */
function seededDigits(seed: number): (length: number) => string {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return (length) => {
    let digits = '';
    for (let i = 0; i < length; i++) digits += Math.floor(next() * 10);
    return digits;
  };
}

describe('fastCanonicalE164', () => {
  it('agrees with the full parse whenever it answers: every calling code, length 4..14, first digit 0..9', () => {
    const randomDigits = seededDigits(0x51ee7);
    const answeredCodes = new Set<string>();
    let checks = 0;
    let answered = 0;
    const mismatches: string[] = [];
    for (const code of callingCodes) {
      for (let length = 4; length <= 14; length++) {
        for (let first = 0; first <= 9; first++) {
          for (let sample = 0; sample < 20; sample++) {
            const value = `+${code}${first}${randomDigits(length - 1)}`;
            checks++;
            const fast = fastCanonicalE164(value);
            if (fast === undefined) continue;
            answered++;
            answeredCodes.add(code);
            if (fast !== fullParse(value)) mismatches.push(value);
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(checks).toBe(callingCodes.length * 11 * 10 * 20);
    // Not vacuous: most calling codes and tens of thousands of values go through the fast path.
    expect(answeredCodes.size).toBeGreaterThan(150);
    expect(answered).toBeGreaterThan(50_000);
  });

  it('agrees with the full parse on random canonical-looking strings', () => {
    const canonicalish = fc
      .tuple(fc.constantFrom(...callingCodes), fc.stringMatching(/^\d{1,14}$/))
      .map(([code, rest]) => `+${code}${rest}`);
    fc.assert(
      fc.property(fc.oneof(canonicalish, fc.stringMatching(/^\+?\d{0,17}$/), fc.string()), (value) => {
        const fast = fastCanonicalE164(value);
        if (fast !== undefined) expect(fast).toBe(fullParse(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers for plain canonical numbers and declines everything it is not sure of', () => {
    expect(fastCanonicalE164('+33639980012')).toBe('+33639980012');
    expect(fastCanonicalE164('+34612345678')).toBe('+34612345678');
    expect(fastCanonicalE164('+4930123456')).toBe('+4930123456');
    for (const value of [
      '+330639980012', // trunk 0 after the calling code: the full parse removes it
      '+3363998001', // a length France does not have
      '+33 639980012', // not canonical
      '0639980012', // national
      '+11234567890', // +1 then the NANP trunk digit
      '+0123456789', // no calling code starts with 0
      '+999639980012', // unassigned
      '+3363998001299999', // longer than E.164
      // Calling codes shared with a region whose national prefix is a rewriting pattern (JE, CX, ...)
      '+447700900123',
      '+12025550143',
    ]) {
      expect(fastCanonicalE164(value), value).toBeUndefined();
    }
  });
});

describe('fastNationalE164', () => {
  const regions = getCountries();
  const spell = (digits: string, style: number) =>
    style === 0 ? digits : digits.replace(/(\d\d)(?=\d)/g, style === 1 ? '$1 ' : style === 2 ? '$1.' : '$1-');

  it('agrees with the full parse in the same region whenever it answers: every region, length 4..16, four spellings', () => {
    const randomDigits = seededDigits(0xfa57);
    const answeredRegions = new Set<string>();
    let answered = 0;
    const mismatches: string[] = [];
    for (const region of regions) {
      for (let length = 4; length <= 16; length++) {
        for (let sample = 0; sample < 64; sample++) {
          const value = spell(`0${randomDigits(length - 1)}`, sample % 4);
          const fast = fastNationalE164(value, region);
          if (fast === undefined) continue;
          answered++;
          answeredRegions.add(region);
          const parsed = parsePhoneNumberFromString(value, region);
          if (fast !== (parsed?.isPossible() ? parsed.number : undefined))
            mismatches.push(`${region} ${value}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(answeredRegions.has('FR')).toBe(true);
    expect(answeredRegions.size).toBeGreaterThan(60);
    expect(answered).toBeGreaterThan(12_000);
  });

  it('answers for French national spellings and leaves international prefixes and shared codes to the full parse', () => {
    expect(fastNationalE164('06 39 98 00 01', 'FR')).toBe('+33639980001');
    expect(fastNationalE164('06.39.98.00.01', 'FR')).toBe('+33639980001');
    expect(fastNationalE164('+33 6 39 98 00 01', 'FR')).toBe('+33639980001');
    expect(fastNationalE164('0033639980001', 'FR')).toBeUndefined();
    expect(fastNationalE164('(06) 39 98 00 01', 'FR')).toBeUndefined();
    expect(fastNationalE164('020 7946 0958', 'GB')).toBeUndefined();
  });

  it('never contradicts the full parse on arbitrary French input (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 .+-]{1,20}$/), (value) => {
        const fast = fastNationalE164(value, 'FR');
        if (fast === undefined) return;
        const parsed = parsePhoneNumberFromString(value, 'FR');
        expect(fast).toBe(parsed?.isPossible() ? parsed.number : undefined);
      }),
      { numRuns: 20_000 },
    );
  });
});
