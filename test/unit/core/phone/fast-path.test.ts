import fc from 'fast-check';
import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import metadataJson from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { createFastPath, type FastParse } from '../../../../src/core/phone/fast-path.ts';
import { INSTALLED_PHONE_LIBRARY } from '../../../../src/core/phone/phone-library.ts';

const { canonical: fastCanonicalE164, national: fastNationalE164 } = createFastPath(INSTALLED_PHONE_LIBRARY);

/** What the full parse makes of a string: the reference the fast path must never contradict. */
function fullParse(value: string, region: CountryCode = 'FR'): string | undefined {
  const parsed = parsePhoneNumberFromString(value, region);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** A fast answer as the full parse gives it: NO_NUMBER (null) is "no possible number". */
const asParsed = (fast: FastParse) => fast ?? undefined;

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
    for (const value of [
      '+33639980012',
      '+34612345678',
      '+4930123456',
      '+12025550143', // NANP: "1" is the only national prefix the parse of "+1…" strips
      '+447700900123', // GB first among +44's regions: Jersey's rewriting pattern is not applied
      '+441632960123', // a UK number of 9 digits after the code's: the parse finds it British
      '+44140412345', // 9 digits no region of +44 claims: the main region's (GB's) lengths decide
      '+390612345678', // Italy keeps its 0
      '+61412345678',
      '+262692123456',
    ]) {
      expect(fastCanonicalE164(value), value).toBe(value);
    }
    for (const value of [
      '+330639980012', // trunk 0 after the calling code: the full parse removes it
      '+3363998001', // a length France does not have
      '+33 639980012', // not canonical
      '0639980012', // national
      '+11234567890', // +1 then the NANP trunk digit
      '+4402079460958', // +44 then the UK's trunk 0
      '+61183112345678', // Australia's carrier prefix 1831
      '+0123456789', // no calling code starts with 0
      '+999639980012', // unassigned
      '+3363998001299999', // longer than E.164
    ]) {
      expect(fastCanonicalE164(value), value).toBeUndefined();
    }
  });
});

describe('fastNationalE164', () => {
  const regions = getCountries();
  const spell = (digits: string, style: number) =>
    style === 0
      ? digits
      : style === 4
        ? `(${digits.slice(0, 3)}) ${digits.slice(3)}`
        : digits.replace(/(\d\d)(?=\d)/g, style === 1 ? '$1 ' : style === 2 ? '$1.' : '$1-');

  it('agrees with the full parse in the same region whenever it answers: every region, length 4..16, first digit 0..9, five spellings', () => {
    const randomDigits = seededDigits(0xfa57);
    const answeredRegions = new Set<string>();
    let answered = 0;
    let none = 0;
    const mismatches: string[] = [];
    for (const region of regions) {
      for (let length = 4; length <= 16; length++) {
        for (let sample = 0; sample < 40; sample++) {
          const value = spell(`${sample % 10}${randomDigits(length - 1)}`, sample % 5);
          const fast = fastNationalE164(value, region);
          if (fast === undefined) continue;
          answered++;
          if (fast === null) none++;
          answeredRegions.add(region);
          if (asParsed(fast) !== fullParse(value, region)) mismatches.push(`${region} ${value}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    for (const region of ['FR', 'US', 'CA', 'GB', 'ES', 'IT', 'BE', 'AU'])
      expect(answeredRegions).toContain(region);
    expect(answeredRegions.size).toBeGreaterThan(200);
    expect(answered).toBeGreaterThan(60_000);
    // "No possible number" is answered too (rule 4 of the readings asks it of every value without a 0).
    expect(none).toBeGreaterThan(10_000);
  });

  it("answers for the registers' plain national spellings and leaves international prefixes to the full parse", () => {
    const answers: [string, CountryCode, string][] = [
      ['06 39 98 00 01', 'FR', '+33639980001'],
      ['06.39.98.00.01', 'FR', '+33639980001'],
      ['(06) 39 98 00 01', 'FR', '+33639980001'],
      ['+33 6 39 98 00 01', 'FR', '+33639980001'],
      ['(202) 555-0143', 'US', '+12025550143'],
      ['202-555-0143', 'CA', '+12025550143'],
      ['020 7946 0958', 'GB', '+442079460958'],
      ['912 34 56 78', 'ES', '+34912345678'],
      ['06 1234 5678', 'IT', '+390612345678'],
      ['02 123 45 67', 'BE', '+3221234567'],
      ['0412 345 678', 'AU', '+61412345678'],
    ];
    for (const [value, region, e164] of answers) {
      expect(fastNationalE164(value, region), `${region} ${value}`).toBe(e164);
      expect(fullParse(value, region), `${region} ${value}`).toBe(e164);
    }
    expect(fastNationalE164('02125550143', 'US')).toBeNull(); // a 0 put back: 11 digits, no NANP number
    for (const [value, region] of [
      ['0033639980001', 'FR'], // international prefix
      ['011 33 6 39 98 00 01', 'US'],
      ['1 202 555 0143', 'US'], // the region's calling code first: maybe international without "+"
      ['0018 3112 3456', 'AU'],
    ] as const) {
      expect(fastNationalE164(value, region), `${region} ${value}`).toBeUndefined();
    }
  });

  it.each(['FR', 'US', 'GB', 'IT', 'AU'] as const)(
    'never contradicts the full parse on arbitrary input in %s (property)',
    (region) => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9 .()+-]{1,20}$/), (value) => {
          const fast = fastNationalE164(value, region);
          if (fast !== undefined) expect(asParsed(fast)).toBe(fullParse(value, region));
        }),
        { numRuns: 10_000 },
      );
    },
  );
});
