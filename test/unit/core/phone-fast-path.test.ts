import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import metadataJson from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { fastCanonicalE164 } from '../../../src/core/phone-fast-path.ts';

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
