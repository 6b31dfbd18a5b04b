/**
 * From a raw value to its readings in a dialling plan: the one function the builder, the worker and
 * every client share (normalize.ts binds it to the installed libphonenumber-js). Steps, as
 * docs/FORMAT.md §1.1 specifies them: blanks → one space; empty; a canonical or plain national
 * spelling on the fast path; the readings of the value as written (readings.ts); only if none, the
 * value without what spreadsheets, CRMs and forms wrap around numbers (spelling.ts); two numbers in
 * one cell named as such.
 */
import { createFastPath, NO_NUMBER } from './fast-path.ts';
import { type DiallingPlan, phoneKey } from './numbering-plan.ts';
import type { PhoneLibrary } from './phone-library.ts';
import { createReadingRules, type PhoneReadings, type Reading } from './readings.ts';
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

/**
 * Every blank becomes a plain space: libphonenumber-js rejects tabs, thin and narrow no-break spaces.
 * Most values ("06 12 34 56 78") hold no blank but single plain spaces, which the replacement would
 * give back unchanged: they skip it (a regular-expression replace costs about 100 ns a value).
 */
export function collapseBlanks(raw: string): string {
  const value = raw.trim();
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // Blanks are U+0009-000D, U+0020 and characters above U+007F: anything but a lone plain space is replaced.
    if (code < 0x21 || code > 0x7e) {
      if (code !== 0x20 || value.charCodeAt(i + 1) === 0x20) return value.replace(/\s+/g, ' ');
    }
  }
  return value;
}

/** Whether the digits of `value` start with one of `heads` (a loop: no closure per value read). */
function startsWithAny(value: string, heads: readonly string[]): boolean {
  for (const head of heads) if (startsWithDigits(value, head)) return true;
  return false;
}

export interface PhoneReader {
  read(raw: string, plan: DiallingPlan): PhoneReadings;
  /** The fast path's answer alone, undefined where it leaves the value to the full reading (tests, benches). */
  readFast(raw: string, plan: DiallingPlan): PhoneReadings | undefined;
  /** Whether an E.164 string is in a range of a number type the metadata knows (readings.ts). */
  isAssigned(e164: string): boolean;
  /** Whether a national number is in a range of a number type of this calling code's regions. */
  isAssignedTo(code: string, national: string): boolean;
}

/** `fast: false` reads every value the full way: the reference the fast path is proven against. */
export function createPhoneReader(library: PhoneLibrary, options: { fast?: boolean } = {}): PhoneReader {
  const fastPath = createFastPath(library);
  const useFastPath = options.fast ?? true;
  const rules = createReadingRules(library, useFastPath ? fastPath : undefined);

  const readingOf = (e164: string): Reading => ({ e164, key: phoneKey(e164) });

  /**
   * The readings of a canonical "+…" value or of a plain spelling (digits, spaces, dots, dashes,
   * parentheses) when every parse the full reading (readings.ts) makes of it is one the fast path
   * answers, so the answer is the full reading's (test/unit/core/phone/readings.test.ts):
   * - "+" first: the value as written is its only reading (the other rules read digit strings);
   * - rule 3: no international prefix of the plan first; rule 2: no calling code of the plan first;
   * - rule 4, when the digits do not start with a 0 (NANP, Spain, Italy's mobiles): the value with a 0
   *   put back, a second reading when that is an assigned number;
   * - rule 5 (plans of several regions, when no reading is assigned): the other regions' national
   *   readings, each by the fast path. Of a value starting with 0 they strip the same 0 as the home
   *   region's (France and its overseas regions; Italy, San Marino and the Vatican strip none), so they
   *   give its key again and are not computed.
   * Undefined for anything else.
   */
  function fastReading(value: string, plan: DiallingPlan): PhoneReadings | undefined {
    const canonical = fastPath.canonical(value);
    if (canonical !== undefined)
      return { ok: true, readings: [readingOf(canonical)], valid: rules.isValid(canonical) };
    const national = fastPath.national(value, plan.region);
    if (typeof national !== 'string') return undefined;
    if (value.charCodeAt(0) === PLUS)
      return { ok: true, readings: [readingOf(national)], valid: rules.isValid(national) };
    // A "+" after "(": no plain spelling (the full reading refuses its characters).
    if (value.includes('+')) return undefined;
    if (startsWithAny(value, plan.internationalPrefixes) || startsWithAny(value, plan.callingCodes))
      return undefined;
    const readings = [readingOf(national)];
    if (!startsWithDigits(value, '0')) {
      const repaired = fastPath.national(`0${value}`, plan.region);
      if (repaired === undefined) return undefined;
      if (repaired !== NO_NUMBER && rules.isAssigned(repaired)) {
        const reading = readingOf(repaired);
        if (reading.key !== readings[0]!.key) readings.push(reading);
      }
      if (plan.regions.length > 1 && !readings.some((reading) => rules.isAssigned(reading.e164))) {
        for (const region of plan.regions) {
          if (region === plan.region) continue;
          const local = fastPath.national(value, region);
          if (local === undefined) return undefined;
          if (local === NO_NUMBER || !rules.isAssigned(local)) continue;
          const reading = readingOf(local);
          if (!readings.some((known) => known.key === reading.key)) readings.push(reading);
        }
      }
    }
    return { ok: true, readings, valid: readings.some((reading) => rules.isValid(reading.e164)) };
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
    const value = collapseBlanks(raw);
    if (value === '') return { ok: false, reason: 'EMPTY' };
    const fast = useFastPath ? readFastTrimmed(value, plan) : undefined;
    if (fast !== undefined) return fast;
    if (value.length > MAX_RAW_LENGTH) return { ok: false, reason: 'TOO_LONG' };
    const asWritten = readAsWritten(value, plan);
    if (asWritten.ok) return asWritten;
    // Only a value rejected as written is unwrapped (spelling.ts): no reading of a value that has one moves.
    const unwrapped = unwrapPhoneSpelling(value).replace(/\s+/g, ' ');
    const result = unwrapped === value || unwrapped === '' ? asWritten : readAsWritten(unwrapped, plan);
    return result.ok || !holdsSeveralNumbers(value, plan) ? result : { ok: false, reason: 'SEVERAL_NUMBERS' };
  }

  /**
   * The fast path reads "-" as a separator: a leading one takes the full path, which names it; a value
   * too long to look at is refused whatever its characters.
   */
  function readFastTrimmed(value: string, plan: DiallingPlan): PhoneReadings | undefined {
    if (value.length > MAX_RAW_LENGTH || LEADING_MINUS.test(value)) return undefined;
    return fastReading(value, plan);
  }

  return {
    read,
    readFast: (raw, plan) => readFastTrimmed(collapseBlanks(raw), plan),
    isAssigned: rules.isAssigned,
    isAssignedTo: rules.isAssignedTo,
  };
}
