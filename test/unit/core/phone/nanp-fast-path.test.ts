/**
 * North American numbers on the phone core's fast path (a US or Canadian register exports
 * "+12125550123"; call lists write "(212) 555-0123"). Before, every +1 number took libphonenumber-js's
 * full parse (about 10 µs) and the builder kept a fast path of its own for this one shape; the core's
 * fast path now answers both spellings, for every area code, exactly as the full reading does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/fictional-numbers.ts';
import { planOfRegion } from '../../../../src/core/phone/numbering-plan.ts';
import { INSTALLED_PHONE_LIBRARY } from '../../../../src/core/phone/phone-library.ts';
import { createPhoneReader } from '../../../../src/core/phone/phone-reader.ts';

const REGIONS = ['US', 'CA', 'FR'] as const;
const fastReader = createPhoneReader(INSTALLED_PHONE_LIBRARY);
const fullReader = createPhoneReader(INSTALLED_PHONE_LIBRARY, { fast: false });

describe('NANP numbers on the fast path', () => {
  it('reads +1 NPA NXX XXXX and (NPA) NXX-XXXX fast, as the full reading does, for every area code and leading exchange digit', () => {
    const random = seededRandom(1);
    for (let npa = 200; npa <= 999; npa++) {
      for (let first = 2; first <= 9; first++) {
        const nxx = `${first}${Math.floor(random() * 100)
          .toString()
          .padStart(2, '0')}`;
        const line = Math.floor(random() * 10_000)
          .toString()
          .padStart(4, '0');
        const e164 = `+1${npa}${nxx}${line}`;
        const plan = planOfRegion(REGIONS[npa % REGIONS.length]!);
        const fast = fastReader.readFast(e164, plan);
        expect(fast).toMatchObject({ ok: true, readings: [{ e164, key: e164 }] });
        expect(fast).toEqual(fullReader.read(e164, plan));
        if (plan.region === 'FR') continue;
        const national = `(${npa}) ${nxx}-${line}`;
        expect(fastReader.readFast(national, plan)).toEqual(fullReader.read(national, plan));
        expect(fastReader.read(national, plan)).toMatchObject({ ok: true, readings: [{ e164 }] });
      }
    }
  });

  it('agrees with the full reading wherever it answers, on random values near the NANP shape', () => {
    const nearNanp = fc
      .tuple(
        fc.constantFrom('+1', '+1 ', '1', '+01', '+44', '+', '', '(', '0'),
        fc.stringMatching(/^\d{8,11}$/),
        fc.constantFrom('', ' ', '-', 'x', ')'),
      )
      .map(([prefix, digits, suffix]) => `${prefix}${digits}${suffix}`);
    fc.assert(
      fc.property(nearNanp, fc.constantFrom(...REGIONS), (value, region) => {
        const plan = planOfRegion(region);
        const fast = fastReader.readFast(value, plan);
        if (fast !== undefined) expect(fast).toEqual(fullReader.read(value, plan));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the full reading what a trunk digit, a lost "+" or a wrong length may change', () => {
    const us = planOfRegion('US');
    for (const value of [
      '+11125550123', // NPA starting with 1: the parse of "+1…" strips the trunk 1
      '+1212555012',
      '+121255501234',
      '12125550123', // "+" lost, or the trunk 1: two rules of the reading
      '1-212-555-0123',
      '011 1 212 555 0123',
    ]) {
      expect(fastReader.readFast(value, us), value).toBeUndefined();
    }
  });
});
