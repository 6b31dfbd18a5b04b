/**
 * The shared dialling plan (src/core/phone/numbering-plan.ts): every overseas block that the metadata knows,
 * in every spelling a registry or a call list holds, gives one key: the E.164 number it rings. Numbers
 * here are generated from the metadata's ranges; failures name blocks and spellings, never a number.
 */
import fc from 'fast-check';
import { Metadata } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/max/metadata';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../../src/core/phone/normalize.ts';
import {
  callingCodeOf,
  isAssignedNumber,
  jurisdictionOf,
  resolveSharedPlan,
  SHARED_PLANS,
} from '../../../../src/core/phone/numbering-plan.ts';

const OVERSEAS = SHARED_PLANS.FR!.slice(1) as CountryCode[];
const SUBSCRIBER_TYPES = ['FIXED_LINE', 'MOBILE', 'VOIP'] as const;
const metadata = new Metadata(fullMetadata);

interface PlanView {
  callingCode(): string;
  type(type: string): { pattern(): string | undefined } | undefined;
}
function view(region: string): PlanView {
  metadata.selectNumberingPlan(region as never);
  return (metadata as unknown as { numberingPlan: PlanView }).numberingPlan;
}
const subscriberPatterns = new Map<string, RegExp>();
/** The region's fixed, mobile and VoIP ranges as one pattern (built once per region: tests call it often). */
function subscriberPattern(region: string): RegExp {
  let pattern = subscriberPatterns.get(region);
  if (!pattern) {
    const patterns = SUBSCRIBER_TYPES.flatMap((type) => view(region).type(type)?.pattern() ?? []);
    pattern = new RegExp(`^(?:${patterns.join('|')})$`);
    subscriberPatterns.set(region, pattern);
  }
  return pattern;
}

/** Which overseas calling codes claim a 9-digit national number (more than one: ambiguous). */
function claimants(national: string): Set<string> {
  const codes = new Set<string>();
  for (const region of OVERSEAS)
    if (subscriberPattern(region).test(national)) codes.add(view(region).callingCode());
  return codes;
}

/** Every way a registry or a call list writes the 9-digit national number N of calling code CC. */
function spellingsOf(code: string, national: string): Record<string, string> {
  const pairs = `0${national}`.replace(/^(\d{4})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4');
  return {
    'national, digits': `0${national}`,
    'national, spaced': pairs,
    'national, dotted': pairs.replace(/ /g, '.'),
    'leading zero dropped': national,
    '+CC': `+${code}${national}`,
    '+CC spaced': `+${code} ${national.replace(/^(\d{3})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4')}`,
    '00CC': `00${code}${national}`,
    '+CC (0)': `+${code} (0)${national}`,
    'CC without +': `${code}${national}`,
    '+33': `+33${national}`,
    '+33 (0)': `+33 (0)${national.slice(0, 1)} ${national.slice(1)}`,
    '0033': `0033 ${national}`,
  };
}

/** National numbers of a block, one per 6-digit prefix that a region's subscriber ranges hold. */
function blocksOf(region: string): string[] {
  const pattern = subscriberPattern(region);
  const found: string[] = [];
  for (let prefix = 0; prefix < 1_000_000; prefix++) {
    const head = String(prefix).padStart(6, '0');
    for (const tail of ['000', '555', '999']) {
      if (pattern.test(head + tail)) {
        found.push(head + tail);
        break;
      }
    }
  }
  return found;
}

describe('shared dialling plan: France and its overseas regions', () => {
  it.each(OVERSEAS)(
    'keys every subscriber block of %s under its own calling code, in every spelling',
    (region) => {
      const code = view(region).callingCode();
      const blocks = blocksOf(region).filter((national) => national.length === 9);
      expect(blocks.length, `${region} has subscriber blocks in the metadata`).toBeGreaterThan(10);
      const failures = new Set<string>();
      const ambiguous = new Set<string>();
      for (const national of blocks) {
        const owners = claimants(national);
        const expected = owners.size === 1 ? `+${code}${national}` : `+33${national}`;
        if (owners.size > 1) ambiguous.add(national.slice(0, 3));
        for (const [spelling, raw] of Object.entries(spellingsOf(code, national))) {
          const result = normalizePhone(raw, 'FR');
          if (!result.ok || result.e164 !== expected)
            failures.add(`${region} ${national.slice(0, 4)}… ${spelling}`);
        }
        // A registry built for an overseas region keys national spellings the same way.
        const local = normalizePhone(`0${national}`, region);
        if (!local.ok || local.e164 !== expected)
          failures.add(`${region} ${national.slice(0, 4)}… region ${region}`);
      }
      expect([...failures].slice(0, 20)).toEqual([]);
      // Claimed by several calling codes, and so kept under +33 in every spelling (checked above): only the
      // shared 0806-0809 numbers and a few VoIP blocks (09 39 6-7, 09 76) that the metadata gives to several regions.
      expect([...ambiguous].filter((head) => !/^(?:80[6-9]|939|976)$/.test(head))).toEqual([]);
    },
  );

  it('keeps metropolitan numbers under +33, whatever overseas code they are written with', () => {
    const metropolitan = fc
      .stringMatching(/^[1-7]\d{8}$/)
      .filter((national) => claimants(national).size === 0);
    fc.assert(
      fc.property(
        metropolitan,
        fc.constantFrom('33', '262', '590', '594', '596', '508'),
        (national, code) => {
          const written = normalizePhone(`+${code}${national}`, 'FR');
          const national0 = normalizePhone(`0${national}`, 'FR');
          return (
            written.ok && national0.ok && written.e164 === `+33${national}` && national0.e164 === written.e164
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives a key that depends on the national number only, for every calling code of the plan', () => {
    const codes = [...jurisdictionOf('FR').callingCodes];
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (national) => {
        const keys = new Set(codes.map((code) => resolveSharedPlan(`+${code}${national}`)));
        const key = [...keys][0]!;
        return keys.size === 1 && resolveSharedPlan(key) === key && callingCodeOf(key) !== undefined;
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves calling codes outside shared plans alone', () => {
    for (const e164 of [
      '+447700900123',
      '+12025550143',
      '+61491570156',
      '+687201234',
      '+269 3212345'.replace(' ', ''),
    ])
      expect(resolveSharedPlan(e164)).toBe(e164);
  });
});

describe('shared dialling plan: Italy and San Marino', () => {
  it('keys San Marino lines dialled from Italy as 0549 … under +378, in every spelling', () => {
    const pattern = subscriberPattern('SM');
    const lines = fc.sample(
      fc.stringMatching(pattern).filter((n) => n.startsWith('0549')),
      { seed: 378, numRuns: 50 },
    );
    const failures = lines.flatMap((national, i) =>
      [national, `+39 ${national}`, `0039${national}`, `+378 ${national}`]
        .filter((raw) => {
          const result = normalizePhone(raw, 'IT');
          return !result.ok || result.e164 !== `+378${national}`;
        })
        .map((raw) => `#${i} ${raw.slice(0, 4)}…`),
    );
    expect(failures).toEqual([]);
    expect([...jurisdictionOf('IT').callingCodes].sort()).toEqual(['378', '39']);
  });
});

describe('jurisdiction', () => {
  it('covers the French plan from any of its regions, and a single code elsewhere', () => {
    const french = ['33', '262', '590', '594', '596', '508'];
    for (const region of SHARED_PLANS.FR!) {
      expect([...jurisdictionOf(region).callingCodes].sort()).toEqual([...french].sort());
      expect(jurisdictionOf(region).homeCallingCode).toBe('33');
    }
    expect([...jurisdictionOf('GB').callingCodes]).toEqual(['44']);
    expect([...jurisdictionOf('US').callingCodes]).toEqual(['1']);
  });

  it('tells assigned ranges from unassigned ones, without ever rejecting', () => {
    expect(isAssignedNumber('+33639980012')).toBe(false); // ARCEP's fiction block 06 39 98: never assigned
    expect(isAssignedNumber('+33199001234')).toBe(true);
    expect(isAssignedNumber('+262692123456')).toBe(true); // libphonenumber's example number
    expect(isAssignedNumber('+33999999999')).toBe(true); // FR VoIP 9xx: the whole block
    expect(isAssignedNumber('+262612345678')).toBe(false);
  });
});
