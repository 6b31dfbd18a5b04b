/**
 * From a raw value to its readings in a dialling plan: the one function the builder, the worker and
 * every client share (normalize.ts binds it to the installed libphonenumber-js). Steps, as
 * docs/FORMAT.md §1.1 specifies them: blanks → one space; empty; a canonical or plain national
 * spelling on the fast path; the readings of the value as written (readings.ts); only if none, the
 * value without what spreadsheets, CRMs and forms wrap around numbers (spelling.ts); two numbers in
 * one cell named as such.
 */
import { createFastPath } from './fast-path.ts';
import { type DiallingPlan, phoneKey } from './numbering-plan.ts';
import type { PhoneLibrary } from './phone-library.ts';
import { createReadingRules, type PhoneReadings } from './readings.ts';
import { unwrapPhoneSpelling } from './spelling.ts';

/** Longest raw value looked at; anything longer cannot be a phone number and is not parsed. */
const MAX_RAW_LENGTH = 64;
/** Digits, an optional leading "+", and the separators people write: spaces, dots, dashes, parentheses, slashes. */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/\u2010-\u2015\u2212]+$/;
/**
 * A leading minus: Excel reads "-0199009996" as the negative number -199009996 (and "=-…", "+-…" as
 * formulas). Rejected with its own reason rather than stripped: nothing says the "-" was damage and
 * not a sign the value is something else, and the row must not be written back as a number.
 */
const LEADING_MINUS = /^\+?\s*[-\u2212].*\d/;
/** Between two numbers in one cell: "/", ";", ",", "|", "&", a line break, " - ", " ou ", " or ", " et ", " and ". */
const NUMBER_LIST_SEPARATOR = /\s*[/;,|&\n]\s*|\s+(?:-|ou|or|et|and)\s+/i;

const PLUS = 0x2b;
const ZERO = 0x30;

/** Whether the digits of `value` (separators skipped) start with `digits`. */
function startsWithDigits(value: string, digits: string): boolean {
  let matched = 0;
  for (let i = 0; i < value.length && matched < digits.length; i++) {
    const code = value.charCodeAt(i);
    if (code < ZERO || code > ZERO + 9) continue;
    if (code !== digits.charCodeAt(matched)) return false;
    matched++;
  }
  return matched === digits.length;
}

export interface PhoneReader {
  read(raw: string, plan: DiallingPlan): PhoneReadings;
  /** Whether an E.164 string is in a range of a number type the metadata knows (readings.ts). */
  isAssigned(e164: string): boolean;
  /** Whether a national number is in a range of a number type of this calling code's regions. */
  isAssignedTo(code: string, national: string): boolean;
}

export function createPhoneReader(library: PhoneLibrary): PhoneReader {
  const fastPath = createFastPath(library);
  const rules = createReadingRules(library, fastPath);

  /**
   * The one reading of a canonical "+…" value, or of a valid plain national spelling that starts with
   * a 0 (so no calling code: rule 2; no 0 to put back: rule 4) and with no international prefix of the
   * plan (rule 3): the full reading would give the same answer (test/unit/core/phone/readings.test.ts).
   */
  function fastReading(value: string, plan: DiallingPlan): PhoneReadings | undefined {
    const canonical = fastPath.canonical(value);
    if (canonical !== undefined)
      return {
        ok: true,
        readings: [{ e164: canonical, key: phoneKey(canonical) }],
        valid: rules.isValid(canonical),
      };
    const national = fastPath.national(value, plan.region);
    if (national === undefined) return undefined;
    if (value.charCodeAt(0) !== PLUS) {
      if (value.charCodeAt(0) !== ZERO) return undefined;
      if (plan.internationalPrefixes.some((prefix) => startsWithDigits(value, prefix))) return undefined;
    }
    if (!rules.isValid(national)) return undefined;
    return { ok: true, readings: [{ e164: national, key: phoneKey(national) }], valid: true };
  }

  function readAsWritten(value: string, plan: DiallingPlan): PhoneReadings {
    if (!PHONE_CHARACTERS.test(value)) return { ok: false, reason: 'NOT_A_NUMBER' };
    if (LEADING_MINUS.test(value)) return { ok: false, reason: 'LEADING_MINUS' };
    return rules.read(value, plan);
  }

  /**
   * "06 12 34 56 78 / 01 23 45 67 89", as CRMs keep a landline and a mobile in one field: every part is a
   * number of its own. Still rejected (which one would the row be called on?), but named for what it is.
   * "06/12/34/56/78" is no list: its parts are not numbers.
   */
  function holdsSeveralNumbers(value: string, plan: DiallingPlan): boolean {
    const parts = value.split(NUMBER_LIST_SEPARATOR).filter((part) => part.trim() !== '');
    return parts.length >= 2 && parts.every((part) => read(part, plan).ok);
  }

  function read(raw: string, plan: DiallingPlan): PhoneReadings {
    // Every blank becomes a plain space: libphonenumber-js rejects tabs, thin and narrow no-break spaces.
    const value = raw.trim().replace(/\s+/g, ' ');
    if (value === '') return { ok: false, reason: 'EMPTY' };
    // The fast path reads "-" as a separator: a leading one takes the full path, which names it.
    const fast = LEADING_MINUS.test(value) ? undefined : fastReading(value, plan);
    if (fast !== undefined) return fast;
    if (value.length > MAX_RAW_LENGTH) return { ok: false, reason: 'TOO_LONG' };
    const asWritten = readAsWritten(value, plan);
    if (asWritten.ok) return asWritten;
    // Only a value rejected as written is unwrapped (spelling.ts): no reading of a value that has one moves.
    const unwrapped = unwrapPhoneSpelling(value).replace(/\s+/g, ' ');
    const result = unwrapped === value || unwrapped === '' ? asWritten : readAsWritten(unwrapped, plan);
    return result.ok || !holdsSeveralNumbers(value, plan) ? result : { ok: false, reason: 'SEVERAL_NUMBERS' };
  }

  return { read, isAssigned: rules.isAssigned, isAssignedTo: rules.isAssignedTo };
}
