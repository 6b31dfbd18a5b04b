/**
 * Phone normalisation to E.164: the one function the builder, the worker and every client share, so a
 * number registered in any spelling and checked in any other gives the same key (a mismatch would be a
 * false negative). libphonenumber-js with its "min" metadata decides; `isPossible()` (length rules) is
 * the acceptance test rather than `isValid()` (number-range patterns), because ranges change between
 * metadata versions and a registered number rejected by stale ranges would silently become "not listed".
 */
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';
import { fastCanonicalE164, fastNationalE164 } from './phone-fast-path.ts';
import type { RejectReason } from './reject-reasons.ts';

export { REJECT_REASON_TEXT, type RejectReason } from './reject-reasons.ts';

export const NORMALIZATION_LIBRARY = 'libphonenumber-js';
/** Kept equal to the installed libphonenumber-js version by a unit test; recorded in every manifest. */
export const NORMALIZATION_VERSION = '1.13.16';
export const DEFAULT_REGION: CountryCode = 'FR';

export type NormalizeResult = { ok: true; e164: string } | { ok: false; reason: RejectReason };

/** Longest raw value looked at; anything longer cannot be a phone number and is not parsed. */
const MAX_RAW_LENGTH = 64;
/** Digits, an optional leading "+", and the separators people write: spaces, dots, dashes, parentheses, slashes. */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/\u2010-\u2015\u2212]+$/;

/** A region the metadata knows (an international test parse would accept any two letters). */
export function isRegionCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

export function normalizePhone(raw: string, region: CountryCode = DEFAULT_REGION): NormalizeResult {
  // Every blank becomes a plain space: libphonenumber-js rejects tabs, thin and narrow no-break spaces.
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, reason: 'EMPTY' };
  const fast = fastCanonicalE164(value) ?? fastNationalE164(value, region);
  if (fast !== undefined) return { ok: true, e164: fast };
  if (value.length > MAX_RAW_LENGTH) return { ok: false, reason: 'TOO_LONG' };
  if (!PHONE_CHARACTERS.test(value)) return { ok: false, reason: 'NOT_A_NUMBER' };
  const parsed = parsePhoneNumberFromString(value, region);
  if (parsed?.isPossible()) return { ok: true, e164: parsed.number };
  const lengthProblem = validatePhoneNumberLength(value, region);
  if (lengthProblem === undefined) return { ok: false, reason: parsed ? 'INVALID_LENGTH' : 'NOT_A_NUMBER' };
  return { ok: false, reason: lengthProblem };
}

/** At most the last two digits of a raw value, for reject reports: "********78". */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return '*'.repeat(Math.min(digits.length - 2, 20)) + digits.slice(-2);
}
