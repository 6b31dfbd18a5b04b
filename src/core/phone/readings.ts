/**
 * The readings of a digit string in a dialling plan (docs/NUMBERS.md, "Readings"). A value a person or
 * a spreadsheet wrote may denote several numbers: `508456350` is +508 45 63 50 with its "+" lost, or
 * 05 08 45 63 50 with its 0 lost; `4915125905092` in Germany is a mobile with its "+" lost or a
 * fixed line of Leer. A registered number checked in a spelling that has several readings must be
 * found under the one the registry holds, so every reading is looked up and the value is listed if
 * any is. The rules, for a value without "+" where rules 2-5 apply:
 *   1. as written: libphonenumber's parse in the plan's region (national spellings, "+", the region's
 *      own international prefix, "+33 (0)6 …");
 *   2. "+" lost: digits that start with a calling code of the plan, read as "+<digits>";
 *   3. an international prefix of the plan ("00", "011") followed by a calling code of the plan, read
 *      as "+<the rest>" (0061 4… in Australia, whose own prefix is 0011); when that reading is valid,
 *      it replaces a reading as written that is not (the national +61 061 4…);
 *   4. the leading 0 a spreadsheet drops, put back ("2 1232 9878" in Italy, where the 0 belongs to the
 *      number), when that makes a number of an assigned range;
 *   5. only when no reading of 1-4 is in an assigned range: the national spelling of another region of
 *      the plan (Saint-Pierre-et-Miquelon's "041 23 45" in the French plan), when assigned.
 * A reading counts when its length is possible for its calling code (isPossible). It is *valid* when
 * its national significant number matches the national number pattern ("min" metadata) of a region of
 * its calling code, or, in a shared plan, of the plan's home code; *assigned* when it matches a number
 * type's ranges ("max" metadata). Neither ever changes a key (numbering-plan.ts keys without metadata):
 * validity tells a value that is a number from one that is not, assignment which repairs to look up.
 */
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/core';
import type { FastPath } from './fast-path.ts';
import { type DiallingPlan, phoneKey, SHARED_PLANS } from './numbering-plan.ts';
import type { PhoneLibrary } from './phone-library.ts';
import type { RejectReason } from './reject-reasons.ts';

/** One number a value may denote: its E.164 string and its key (numbering-plan.ts phoneKey). */
export interface Reading {
  e164: string;
  key: string;
}

/**
 * Every reading of a value, distinct by key, and whether any of them is a valid number. A value with
 * no valid reading is answered "invalid" unless one of its readings is listed (never "not listed").
 */
export type PhoneReadings =
  | { ok: true; readings: readonly Reading[]; valid: boolean }
  | { ok: false; reason: RejectReason };

/** Separators people write between digits: spaces, dots, dashes, parentheses, slashes. */
const SEPARATORS = /[\s().\-/\u2010-\u2015\u2212]/g;
const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
] as const;

export interface ReadingRules {
  /** Readings of a value made of digits, separators and at most a leading "+". */
  read(value: string, plan: DiallingPlan): PhoneReadings;
  /** Whether an E.164 string is a valid number (the national number pattern, see above). */
  isValid(e164: string): boolean;
  /** Whether an E.164 string is in a range of a number type (see above). */
  isAssigned(e164: string): boolean;
  /** Whether a national number is in a range of a number type of this calling code's regions (only). */
  isAssignedTo(code: string, national: string): boolean;
}

/** Tests the national numbers of a calling code against its regions' patterns, compiled once per code. */
function patternTester(
  callingCodes: Record<string, string[]>,
  patternsOf: (region: string, code: string) => string[],
): (code: string, national: string) => boolean {
  const compiled = new Map<string, RegExp | null>();
  return (code, national) => {
    let pattern = compiled.get(code);
    if (pattern === undefined) {
      const sources = (callingCodes[code] ?? []).flatMap((region) =>
        patternsOf(region, code).filter((source) => source !== ''),
      );
      pattern = sources.length === 0 ? null : new RegExp(`^(?:${sources.join('|')})$`);
      compiled.set(code, pattern);
    }
    return pattern?.test(national) ?? false;
  };
}

/** `fastPath`, when given, answers parses it is proven to answer as the full parse does (fast-path.ts). */
export function createReadingRules(library: PhoneLibrary, fastPath?: FastPath): ReadingRules {
  const { metadata: metadataJson, parsePhoneNumberFromString, validatePhoneNumberLength } = library;
  const callingCodes = (metadataJson as unknown as { country_calling_codes: Record<string, string[]> })
    .country_calling_codes;
  const minPlans = new library.Metadata(metadataJson);
  const maxPlans = new library.Metadata(library.fullMetadata);
  const generalPattern = patternTester(callingCodes, (region, code) => {
    minPlans.selectNumberingPlan((region === '001' ? code : region) as never);
    const plan = (minPlans as unknown as { numberingPlan?: { nationalNumberPattern(): string } })
      .numberingPlan;
    return plan ? [plan.nationalNumberPattern()] : [];
  });
  const typePatterns = patternTester(callingCodes, (region, code) => {
    maxPlans.selectNumberingPlan((region === '001' ? code : region) as never);
    const plan = (
      maxPlans as unknown as { numberingPlan?: { type(t: string): { pattern(): string } | undefined } }
    ).numberingPlan;
    return NUMBER_TYPES.flatMap((type) => plan?.type(type)?.pattern() ?? []);
  });
  /** A shared plan's code → its home code: a number of the plan may be written with any of its codes. */
  const homeOf = new Map<string, string>(
    Object.values(SHARED_PLANS).flatMap((plan) =>
      plan.callingCodes.map((code) => [code, plan.callingCodes[0]!]),
    ),
  );

  function matches(test: (code: string, national: string) => boolean, e164: string): boolean {
    for (let length = 1; length <= 3; length++) {
      const code = e164.slice(1, 1 + length);
      if (callingCodes[code] === undefined) continue;
      const national = e164.slice(1 + length);
      const home = homeOf.get(code);
      return test(code, national) || (home !== undefined && home !== code && test(home, national));
    }
    return false;
  }
  const isValid = (e164: string) => matches(generalPattern, e164);
  const isAssigned = (e164: string) => matches(typePatterns, e164);

  const possible = (parsed: PhoneNumber | undefined) => (parsed?.isPossible() ? parsed.number : undefined);
  const parseIn = (text: string, region: string): string | undefined => {
    const fast = fastPath?.national(text, region);
    if (fast !== undefined) return fast ?? undefined;
    return possible(parsePhoneNumberFromString(text, region as CountryCode, metadataJson));
  };

  function read(value: string, plan: DiallingPlan): PhoneReadings {
    const readings: Reading[] = [];
    const add = (e164: string | undefined) => {
      if (e164 === undefined) return;
      const key = phoneKey(e164);
      if (!readings.some((reading) => reading.key === key)) readings.push({ e164, key });
    };
    const asWritten = parseIn(value, plan.region);
    add(asWritten);
    const digits = value.startsWith('+') ? '' : value.replace(SEPARATORS, '');
    if (/^\d+$/.test(digits)) {
      for (const prefix of ['', ...plan.internationalPrefixes]) {
        for (const code of plan.callingCodes) {
          const head = prefix + code;
          if (digits.length <= head.length || !digits.startsWith(head)) continue;
          const international = parseIn(`+${digits.slice(prefix.length)}`, plan.region);
          // "0061 4…" in Australia is international: its national reading (+61 061 4…) is no number.
          if (
            prefix !== '' &&
            international !== undefined &&
            asWritten !== undefined &&
            isValid(international) &&
            !isValid(asWritten)
          ) {
            const index = readings.findIndex((reading) => reading.e164 === asWritten);
            if (index >= 0) readings.splice(index, 1);
          }
          add(international);
        }
      }
      if (!digits.startsWith('0')) {
        const repaired = parseIn(`0${digits}`, plan.region);
        if (repaired !== undefined && isAssigned(repaired)) add(repaired);
      }
      if (plan.regions.length > 1 && !readings.some((reading) => isAssigned(reading.e164))) {
        for (const region of plan.regions) {
          if (region === plan.region) continue;
          const local = parseIn(value, region);
          if (local !== undefined && isAssigned(local)) add(local);
        }
      }
    }
    if (readings.length > 0)
      return { ok: true, readings, valid: readings.some((reading) => isValid(reading.e164)) };
    const lengthProblem = validatePhoneNumberLength(value, plan.region as CountryCode, metadataJson);
    if (lengthProblem !== undefined) return { ok: false, reason: lengthProblem };
    return {
      ok: false,
      reason: parsePhoneNumberFromString(value, plan.region as CountryCode, metadataJson)
        ? 'INVALID_LENGTH'
        : 'NOT_A_NUMBER',
    };
  }

  return { read, isValid, isAssigned, isAssignedTo: typePatterns };
}
