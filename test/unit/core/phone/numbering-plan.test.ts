/**
 * Shared dialling plans (src/core/phone/numbering-plan.ts, normalisation scheme 3): every overseas
 * block that the metadata knows, in every spelling a registry or a call list holds, is found under
 * one key, +33 and its national significant number. Numbers here are generated from the metadata's
 * ranges; failures name blocks and spellings, never a number.
 */
import fc from 'fast-check';
import { Metadata } from 'libphonenumber-js/core';
import fullMetadata from 'libphonenumber-js/max/metadata';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { isAssignedNumber, readPhone } from '../../../../src/core/phone/normalize.ts';
import {
  callingCodeOf,
  jurisdictionOf,
  phoneKey,
  planOfRegion,
  SHARED_PLANS,
} from '../../../../src/core/phone/numbering-plan.ts';

const OVERSEAS = SHARED_PLANS.FR!.regions.slice(1) as CountryCode[];
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

const keysOf = (raw: string, region: CountryCode = 'FR') => {
  const read = readPhone(raw, region);
  return read.ok ? read.readings.map((reading) => reading.key) : [];
};

describe('shared plans', () => {
  it('are hand-kept, and agree with the metadata: each region has a calling code of its plan', () => {
    for (const plan of Object.values(SHARED_PLANS)) {
      const codes = new Set(plan.regions.map((region) => view(region).callingCode()));
      expect([...codes].sort()).toEqual([...plan.callingCodes].sort());
    }
    expect(SHARED_PLANS.FR!.callingCodes[0]).toBe('33');
    expect(SHARED_PLANS.IT!.callingCodes[0]).toBe('39');
  });

  it('key every number of a calling code of the plan as +<home code><national number>, with no metadata', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(SHARED_PLANS)),
        fc.stringMatching(/^[0-9]\d{3,11}$/),
        fc.nat(),
        (plan, national, pick) => {
          const code = plan.callingCodes[pick % plan.callingCodes.length]!;
          const key = phoneKey(`+${code}${national}`);
          return key === `+${plan.callingCodes[0]}${national}` && phoneKey(key) === key;
        },
      ),
      { numRuns: 5000 },
    );
    for (const e164 of ['+447700900123', '+12025550143', '+61491570156', '+687201234', '+2693212345'])
      expect(phoneKey(e164)).toBe(e164);
  });
});

describe('shared dialling plan: France and its overseas regions', () => {
  it.each(OVERSEAS)(
    'finds every subscriber block of %s under +33 and its national number, in every spelling',
    (region) => {
      const code = view(region).callingCode();
      const blocks = blocksOf(region).filter((national) => national.length === 9);
      expect(blocks.length, `${region} has subscriber blocks in the metadata`).toBeGreaterThan(10);
      const failures = new Set<string>();
      let ambiguous = 0;
      for (const national of blocks) {
        const expected = `+33${national}`;
        for (const [spelling, raw] of Object.entries(spellingsOf(code, national))) {
          const keys = keysOf(raw);
          if (!keys.includes(expected)) failures.add(`${region} ${national.slice(0, 4)}… ${spelling}`);
          if (keys.length > 1) ambiguous++;
        }
        // A registry built for an overseas region reads national spellings the same way.
        if (!keysOf(`0${national}`, region).includes(expected))
          failures.add(`${region} ${national.slice(0, 4)}… region ${region}`);
      }
      expect([...failures].slice(0, 20)).toEqual([]);
      // Only a 9-digit number starting with a calling code of the plan has two readings (none overseas).
      expect(ambiguous).toBe(0);
    },
  );

  it("keys Saint-Pierre-et-Miquelon's 6-digit numbers under +33 too, and reads them with a lost '+'", () => {
    const pattern = subscriberPattern('PM');
    const lines = fc.sample(
      fc.stringMatching(pattern).filter((n) => n.length === 6),
      { seed: 508, numRuns: 40 },
    );
    for (const [i, national] of lines.entries()) {
      for (const raw of [`+508 ${national}`, `00508${national}`, `508${national}`])
        expect(keysOf(raw), `#${i}`).toContain(`+33${national}`);
    }
  });
});

describe('shared dialling plan: Italy and San Marino', () => {
  it('keys San Marino lines dialled from Italy as 0549 … like their +378 spelling, in every spelling', () => {
    const pattern = subscriberPattern('SM');
    const lines = fc.sample(
      fc.stringMatching(pattern).filter((n) => n.startsWith('0549')),
      { seed: 378, numRuns: 50 },
    );
    const failures = lines.flatMap((national, i) =>
      [national, `+39 ${national}`, `0039${national}`, `+378 ${national}`, `00378 ${national}`]
        .filter((raw) => keysOf(raw, 'IT').join() !== `+39${national}`)
        .map((raw) => `#${i} ${raw.slice(0, 4)}…`),
    );
    expect(failures).toEqual([]);
    expect([...jurisdictionOf('IT').callingCodes].sort()).toEqual(['378', '39']);
  });
});

describe('dialling plans and jurisdictions', () => {
  it('cover the French plan from any of its regions, and a single code elsewhere', () => {
    const french = ['33', '262', '590', '594', '596', '508'];
    for (const region of SHARED_PLANS.FR!.regions) {
      expect([...jurisdictionOf(region).callingCodes].sort()).toEqual([...french].sort());
      expect(jurisdictionOf(region).homeCallingCode).toBe('33');
    }
    expect([...jurisdictionOf('GB').callingCodes]).toEqual(['44']);
    expect([...jurisdictionOf('US').callingCodes]).toEqual(['1']);
    expect(jurisdictionOf('VA').homeCallingCode).toBe('39');
  });

  it('read "00" before the plan\'s calling codes, and the region\'s own plain prefix', () => {
    expect(planOfRegion('FR').internationalPrefixes).toEqual(['00']);
    expect(planOfRegion('US').internationalPrefixes).toEqual(['00', '011']);
    expect(planOfRegion('AU').internationalPrefixes).toEqual(['00']); // 0011 is the parse's own (a pattern)
    expect(planOfRegion('CA').callingCodes).toEqual(['1']);
    expect(callingCodeOf('+61491570156')).toBe('61');
  });

  it('tells assigned ranges from unassigned ones, without ever rejecting', () => {
    expect(isAssignedNumber('+33639980012')).toBe(false); // ARCEP's fiction block 06 39 98: never assigned
    expect(isAssignedNumber('+33199001234')).toBe(true);
    expect(isAssignedNumber('+262692123456')).toBe(true); // libphonenumber's example number
    expect(isAssignedNumber('+33999999999')).toBe(true); // FR VoIP 9xx: the whole block
    expect(isAssignedNumber('+262612345678')).toBe(true); // +33 6 12 …: a metropolitan mobile written with +262
    expect(isAssignedNumber('+262012345678')).toBe(false);
  });
});
