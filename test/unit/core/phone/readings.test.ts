/**
 * The readings of a value (src/core/phone/readings.ts): the rules by example, and the fast path proven
 * to give what the full reading gives (a reader with no fast path at all), on every spelling of the
 * vectors, on every spelling of generated numbers of every register's plan, and on random values; and
 * taken by canonical E.164 and the plain national spelling of every built-in register's plan. Numbers are
 * libphonenumber's example numbers, fictional, or generated (scripts/register-numbers.ts: never printed).
 */
import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import {
  REGISTER_PROFILES,
  registerNumbers,
  registerSpellings,
} from '../../../../scripts/register-numbers.ts';
import { readPhone } from '../../../../src/core/phone/normalize.ts';
import { planOfRegion } from '../../../../src/core/phone/numbering-plan.ts';
import { INSTALLED_PHONE_LIBRARY } from '../../../../src/core/phone/phone-library.ts';
import { createPhoneReader } from '../../../../src/core/phone/phone-reader.ts';
import { createReadingRules } from '../../../../src/core/phone/readings.ts';
import { BUILTIN_PROFILES } from '../../../../src/core/registers/builtin-profiles.ts';
import vectors from '../../../vectors/normalization.json' with { type: 'json' };

const keysOf = (raw: string, region: CountryCode) => {
  const read = readPhone(raw, region);
  return read.ok ? read.readings.map((reading) => reading.key) : read.reason;
};

describe('readings', () => {
  it('reads a lost "+" and a lost 0 both, when both make numbers', () => {
    expect(keysOf('508430123', 'FR')).toEqual(['+33508430123', '+33430123']);
    expect(keysOf('4915123456789', 'DE')).toEqual(['+494915123456789', '+4915123456789']);
    expect(keysOf('2 1234 5678', 'IT')).toEqual(['+39212345678', '+390212345678']);
  });

  it('reads "00" and the plan\'s international prefixes before its calling codes as international', () => {
    expect(keysOf('0061 412 345 678', 'AU')).toEqual(['+61412345678']);
    expect(keysOf('0011 61 412 345 678', 'AU')).toEqual(['+61412345678']);
    expect(keysOf('001 201 555 0123', 'US')).toEqual(['+12015550123']);
    expect(keysOf('011 1 201 555 0123', 'US')).toEqual(['+12015550123']);
    expect(keysOf('001 506 234 5678', 'CA')).toEqual(['+15062345678']);
    // Another country's number after 00 is not the register's: read as the region reads it.
    expect(keysOf('0044 20 7946 0018', 'US')).toBe('TOO_LONG');
  });

  it("reads a number of the plan's other regions in their own national spelling only when nothing else is a number", () => {
    expect(keysOf('043 01 23', 'FR')).toEqual(['+33430123']); // Saint-Pierre-et-Miquelon
    expect(keysOf('0692 12 34 56', 'FR')).toEqual(['+33692123456']);
  });

  it('tells whether any reading is a valid number', () => {
    const invalid = readPhone('+39 212345678', 'IT');
    expect(invalid.ok && invalid.valid).toBe(false);
    const valid = readPhone('2 1234 5678', 'IT');
    expect(valid.ok && valid.valid).toBe(true);
    const overseasWrittenWithHome = readPhone('+33 6 92 12 34 56', 'FR');
    expect(overseasWrittenWithHome.ok && overseasWrittenWithHome.valid).toBe(true);
  });

  it('never takes a leading minus for part of a number', () => {
    for (const raw of [
      '-0199009996',
      '- 01 99 00 99 96',
      '\u22120199009996',
      '="-0199009996"',
      "'-0199009996",
    ])
      expect(keysOf(raw, 'FR'), JSON.stringify(raw)).toBe('LEADING_MINUS');
    expect(keysOf('01-99-00-99-96', 'FR')).toEqual(['+33199009996']);
  });
});

describe('the fast path', () => {
  const rules = createReadingRules(INSTALLED_PHONE_LIBRARY);
  const REGIONS: CountryCode[] = ['FR', 'RE', 'GB', 'BE', 'AU', 'DE', 'IT', 'US', 'ES', 'CA'];
  const spelled = fc
    .tuple(
      fc.constantFrom('', '0', '00', '+', '+33', '+262', '+39', '+1', '+61'),
      fc.stringMatching(/^[0-9]{4,13}$/),
      fc.constantFrom(' ', '.', '-', ''),
    )
    .map(([head, digits, separator]) => `${head}${digits.replace(/(\d\d)(?=\d)/g, `$1${separator}`)}`);

  const fullReader = createPhoneReader(INSTALLED_PHONE_LIBRARY, { fast: false });
  const fastReader = createPhoneReader(INSTALLED_PHONE_LIBRARY);

  it('answers exactly what the full reading answers, for every region (property)', () => {
    fc.assert(
      fc.property(spelled, fc.constantFrom(...REGIONS), (value, region) => {
        expect(readPhone(value, region)).toEqual(rules.read(value, planOfRegion(region)));
        expect(readPhone(value, region)).toEqual(fullReader.read(value, planOfRegion(region)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers exactly what the full reading answers on every spelling of the vectors', () => {
    const cases = vectors.cases as { input: string; region: string }[];
    const differ = cases.filter(({ input, region }) => {
      const plan = planOfRegion(region as CountryCode);
      return JSON.stringify(fastReader.read(input, plan)) !== JSON.stringify(fullReader.read(input, plan));
    });
    expect(differ.map(({ region }, index) => `${region} case ${index}`)).toEqual([]);
    expect(
      cases.filter(({ input, region }) => fastReader.readFast(input, planOfRegion(region as CountryCode)))
        .length,
    ).toBeGreaterThan(30);
  });

  it.each(REGISTER_PROFILES.map((profile) => [profile.id, profile] as const))(
    '%s: every spelling of generated numbers reads as the full reading reads it',
    (_, profile) => {
      const plan = planOfRegion(profile.region as CountryCode);
      const differ: string[] = [];
      for (const [index, number] of registerNumbers(profile, 150, 41).entries()) {
        for (const [name, value] of Object.entries(registerSpellings(profile, number))) {
          if (JSON.stringify(fastReader.read(value, plan)) !== JSON.stringify(fullReader.read(value, plan)))
            differ.push(`number ${index}, ${name}`);
        }
      }
      expect(differ).toEqual([]);
    },
  );

  // Issue 23: every plan of the built-in registers gets a fast path for the two spellings a register
  // holds, canonical E.164 and the plain national one (Google's national format, and its digits).
  const builtinPlans = [...new Set(BUILTIN_PROFILES.map((profile) => profile.region))];
  it.each(builtinPlans)(
    '%s: canonical E.164 and the plain national spelling take the fast path',
    (region) => {
      const profile = REGISTER_PROFILES.find((candidate) => candidate.id === region)!;
      const plan = planOfRegion(region as CountryCode);
      // The plan's numbers its home region writes nationally (France's overseas ones too: 0692 …).
      const home = registerNumbers(profile, 300, 59).filter(
        (number) => registerSpellings(profile, number).national !== undefined,
      );
      const slow = { e164: 0, national: 0, digits: 0 };
      for (const number of home) {
        const spellings = registerSpellings(profile, number);
        if (!fastReader.readFast(number.e164, plan)) slow.e164++;
        if (!fastReader.readFast(spellings.national!, plan)) slow.national++;
        if (!fastReader.readFast(spellings['national, digits']!, plan)) slow.digits++;
      }
      expect(home.length).toBeGreaterThan(100);
      expect(slow.e164).toBe(0);
      // Italy's mobiles that start with 39 may be a number with its "+" lost (rule 2): the full reading's.
      const allowed = region === 'IT' ? Math.ceil(home.length * 0.1) : 0;
      expect(slow.national).toBeLessThanOrEqual(allowed);
      expect(slow.digits).toBeLessThanOrEqual(allowed);
    },
  );
});
