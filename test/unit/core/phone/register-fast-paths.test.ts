/**
 * The fast path of every built-in register's plan (US/CA NANP, UK, ES, IT, BE, AU, FR) against the full
 * reading (a reader with no fast path), on many shapes: a false negative starts wherever the two give
 * different keys. For each plan, a grid of leading digits × lengths × spellings (plain digits, pairs
 * with spaces, dots, dashes, "(abc) def…"), with no head, "+", "+<code>", the calling code, the trunk
 * 0 and the international prefix in front; and the plan's generated valid numbers damaged as files
 * damage them (a digit dropped, added or changed, a 0 or a 1 put before them). Values are never
 * printed: a mismatch names its shape and index.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/fictional-numbers.ts';
import { REGISTER_PROFILES, registerNumbers } from '../../../../scripts/register-numbers.ts';
import { planOfRegion } from '../../../../src/core/phone/numbering-plan.ts';
import { INSTALLED_PHONE_LIBRARY } from '../../../../src/core/phone/phone-library.ts';
import { createPhoneReader } from '../../../../src/core/phone/phone-reader.ts';

const fastReader = createPhoneReader(INSTALLED_PHONE_LIBRARY);
const fullReader = createPhoneReader(INSTALLED_PHONE_LIBRARY, { fast: false });

const REGISTER_PLANS: readonly CountryCode[] = ['US', 'CA', 'GB', 'ES', 'IT', 'BE', 'AU', 'FR'];

const SPELLINGS: readonly ((digits: string) => string)[] = [
  (digits) => digits,
  (digits) => digits.replace(/(\d\d)(?=\d)/g, '$1 '),
  (digits) => digits.replace(/(\d\d\d)(?=\d)/g, '$1.'),
  (digits) => digits.replace(/(\d\d\d\d)(?=\d)/g, '$1-'),
  (digits) => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
];

interface Shapes {
  values: string[];
  names: string[];
}

function gridShapes(region: CountryCode, random: () => number): Shapes {
  const plan = planOfRegion(region);
  const heads = [
    '',
    '+',
    `+${plan.callingCodes[0]}`,
    plan.callingCodes[0]!,
    '0',
    plan.internationalPrefixes[0]!,
  ];
  const digit = () => String(Math.floor(random() * 10));
  const shapes: Shapes = { values: [], names: [] };
  for (let lead = 0; lead < 100; lead++) {
    for (let length = 4; length <= 13; length++) {
      for (let fill = 0; fill < 3; fill++) {
        let digits = String(lead).padStart(2, '0');
        while (digits.length < length) digits += digit();
        for (const [spelling, spell] of SPELLINGS.entries()) {
          const head = (lead + length + fill + spelling) % heads.length;
          shapes.values.push(`${heads[head]!}${spell(digits)}`);
          shapes.names.push(
            `lead ${lead}, length ${length}, fill ${fill}, spelling ${spelling}, head ${head}`,
          );
        }
      }
    }
  }
  return shapes;
}

function damagedShapes(region: CountryCode, random: () => number): Shapes {
  const profile = REGISTER_PROFILES.find((candidate) => candidate.id === region)!;
  const shapes: Shapes = { values: [], names: [] };
  const add = (value: string, name: string) => {
    shapes.values.push(value);
    shapes.names.push(name);
  };
  for (const [index, number] of registerNumbers(profile, 120, 97).entries()) {
    const national = number.national.replace(/\D/g, '');
    const position = 1 + Math.floor(random() * (national.length - 1));
    const other = String((Number(national[position]) + 1 + Math.floor(random() * 9)) % 10);
    for (const [damage, digits] of [
      ['last dropped', national.slice(0, -1)],
      ['one added', `${national}${Math.floor(random() * 10)}`],
      ['one changed', national.slice(0, position) + other + national.slice(position + 1)],
      ['first changed', `${(Number(national[0]) + 1) % 10}${national.slice(1)}`],
      ['0 before', `0${national}`],
      ['1 before', `1${national}`],
      ['nsn alone', number.nsn],
    ] as const) {
      for (const [spelling, spell] of SPELLINGS.entries())
        add(spell(digits), `number ${index}, ${damage}, spelling ${spelling}`);
      add(
        `+${number.callingCode}${damage === 'nsn alone' ? number.nsn : digits}`,
        `number ${index}, ${damage}, +CC`,
      );
    }
  }
  return shapes;
}

describe.each(REGISTER_PLANS)('the fast path of the %s plan', (region) => {
  const plan = planOfRegion(region);
  const random = seededRandom(region.charCodeAt(0) * 256 + region.charCodeAt(1));

  it.each([
    ['a grid of leading digits, lengths, spellings and heads', gridShapes],
    ['its valid numbers damaged', damagedShapes],
  ] as const)('reads %s exactly as the full reading does', (_, shapesOf) => {
    const { values, names } = shapesOf(region, random);
    const differ: string[] = [];
    let answered = 0;
    for (const [index, value] of values.entries()) {
      const fast = fastReader.readFast(value, plan);
      if (fast === undefined) continue;
      answered++;
      if (JSON.stringify(fast) !== JSON.stringify(fullReader.read(value, plan))) differ.push(names[index]!);
      // The whole reader, fast path first, gives what the fast path alone gave.
      if (JSON.stringify(fastReader.read(value, plan)) !== JSON.stringify(fast))
        differ.push(`${names[index]!}, read`);
    }
    expect(differ.slice(0, 10)).toEqual([]);
    // Not vacuous: hundreds of shapes take the fast path (most of the grid is no number of the plan).
    expect(answered).toBeGreaterThan(Math.max(250, values.length * 0.05));
  });
});
