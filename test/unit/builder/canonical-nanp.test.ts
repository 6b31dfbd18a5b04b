import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/fictional-numbers.ts';
import { canonicalNanpE164 } from '../../../src/builder/canonical-nanp.ts';
import { readPhone } from '../../../src/core/phone/normalize.ts';

/** The one reading readPhone gives a canonical number: its E.164 string, keyed as itself (+1 is no shared plan). */
const oneReading = (e164: string) => ({ ok: true, readings: [{ e164, key: e164 }], valid: true });

const REGIONS = ['US', 'CA', 'FR'] as const;

describe('canonicalNanpE164 (the builder fast path for +1 NPA NXX XXXX)', () => {
  it('gives what readPhone gives, for every area code and every leading exchange digit', () => {
    const random = seededRandom(1);
    for (let npa = 200; npa <= 999; npa++) {
      for (let first = 2; first <= 9; first++) {
        const nxx = `${first}${Math.floor(random() * 100)
          .toString()
          .padStart(2, '0')}`;
        const line = Math.floor(random() * 10_000)
          .toString()
          .padStart(4, '0');
        const value = `+1${npa}${nxx}${line}`;
        const region = REGIONS[npa % REGIONS.length]!;
        expect(canonicalNanpE164(value)).toBe(value);
        expect(readPhone(value, region)).toEqual(oneReading(value));
      }
    }
  });

  it('agrees with readPhone wherever it answers, on random values near the NANP shape', () => {
    const nearNanp = fc
      .tuple(
        fc.constantFrom('+1', '+1 ', '1', '+01', '+44', '+'),
        fc.stringMatching(/^\d{8,11}$/),
        fc.constantFrom('', ' ', '-', 'x'),
      )
      .map(([prefix, digits, suffix]) => `${prefix}${digits}${suffix}`);
    fc.assert(
      fc.property(nearNanp, fc.constantFrom(...REGIONS), (value, region) => {
        const fast = canonicalNanpE164(value);
        if (fast !== undefined)
          expect(readPhone(value, region)).toMatchObject({ ok: true, readings: [{ e164: fast, key: fast }] });
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves every other shape to readPhone', () => {
    for (const value of [
      '+12125550123 ',
      '+1 2125550123',
      '12125550123',
      '+11125550123', // NPA starting with 1
      '+10125550123',
      '+12121550123', // NXX starting with 1
      '+12120550123',
      '+1212555012',
      '+121255501234',
      '+4412125550123',
      '(212) 555-0123',
    ]) {
      expect(canonicalNanpE164(value)).toBeUndefined();
    }
  });
});
