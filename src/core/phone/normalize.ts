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
import { QuietlistError } from '../errors.ts';
import { fastCanonicalE164, fastNationalE164 } from './fast-path.ts';
import { jurisdictionOf, resolveSharedPlan } from './numbering-plan.ts';
import type { RejectReason } from './reject-reasons.ts';
import { unwrapPhoneSpelling } from './spelling.ts';

export { REJECT_REASON_TEXT, type RejectReason } from './reject-reasons.ts';

export const NORMALIZATION_LIBRARY = 'libphonenumber-js';
/** Kept equal to the installed libphonenumber-js version by a unit test; recorded in every manifest. */
export const NORMALIZATION_VERSION = '1.13.16';
export const DEFAULT_REGION: CountryCode = 'FR';
/**
 * The normalisation rule's version, recorded in every manifest. It changes whenever a spelling may
 * get another key: builders re-key the whole list, and clients refuse epochs of another scheme
 * instead of answering with a mismatched rule. 1: libphonenumber-js alone (first release);
 * 2: shared dialling plans resolved (numbering-plan.ts), international numbers without their "+".
 */
export const NORMALIZATION_SCHEME = 2;

/** The scheme an epoch was keyed with: manifests of the first release do not record it (scheme 1). */
export function schemeOf(manifest: { normalization: { scheme?: number } }): number {
  return manifest.normalization.scheme ?? 1;
}

/**
 * Answering for an epoch keyed under another rule could turn a registered number "free", so every
 * reader that normalises numbers for an epoch refuses it instead, saying who must act.
 */
export function assertSchemeApplies(manifest: { epoch: string; normalization: { scheme?: number } }): void {
  const scheme = schemeOf(manifest);
  if (scheme === NORMALIZATION_SCHEME) return;
  throw new QuietlistError(
    'SCHEME_UNSUPPORTED',
    scheme > NORMALIZATION_SCHEME
      ? `epoch ${manifest.epoch} uses normalisation scheme ${scheme}, newer than this quietlist's (${NORMALIZATION_SCHEME}): update quietlist`
      : `epoch ${manifest.epoch} uses normalisation scheme ${scheme}, which keys overseas numbers differently; the operator must rebuild it with a current quietlist (scheme ${NORMALIZATION_SCHEME})`,
  );
}

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
  if (fast !== undefined) return { ok: true, e164: resolveSharedPlan(fast) };
  if (value.length > MAX_RAW_LENGTH) return { ok: false, reason: 'TOO_LONG' };
  const asWritten = parseAsWritten(value, region);
  if (asWritten.ok) return asWritten;
  // Only a value rejected as written is unwrapped (spelling.ts): no key of scheme 2 moves.
  const unwrapped = unwrapPhoneSpelling(value).replace(/\s+/g, ' ');
  const result = unwrapped === value || unwrapped === '' ? asWritten : parseAsWritten(unwrapped, region);
  return result.ok || !holdsSeveralNumbers(value, region) ? result : { ok: false, reason: 'SEVERAL_NUMBERS' };
}

/** Between two numbers in one cell: "/", ";", ",", "|", "&", a line break, " - ", " ou ", " or ", " et ", " and ". */
const NUMBER_LIST_SEPARATOR = /\s*[/;,|&\n]\s*|\s+(?:-|ou|or|et|and)\s+/i;

/**
 * "06 12 34 56 78 / 01 23 45 67 89", as CRMs keep a landline and a mobile in one field: every part is a
 * number of its own. Still rejected (which one would the row be called on?), but named for what it is.
 * "06/12/34/56/78" is no list: its parts are not numbers.
 */
function holdsSeveralNumbers(value: string, region: CountryCode): boolean {
  const parts = value.split(NUMBER_LIST_SEPARATOR).filter((part) => part.trim() !== '');
  return parts.length >= 2 && parts.every((part) => normalizePhone(part, region).ok);
}

function parseAsWritten(value: string, region: CountryCode): NormalizeResult {
  if (!PHONE_CHARACTERS.test(value)) return { ok: false, reason: 'NOT_A_NUMBER' };
  const parsed = parsePhoneNumberFromString(value, region);
  if (parsed?.isPossible()) return { ok: true, e164: resolveSharedPlan(parsed.number) };
  const withoutPlus = internationalWithoutPlus(value, region);
  if (withoutPlus !== undefined) return { ok: true, e164: resolveSharedPlan(withoutPlus) };
  const lengthProblem = validatePhoneNumberLength(value, region);
  if (lengthProblem === undefined) return { ok: false, reason: parsed ? 'INVALID_LENGTH' : 'NOT_A_NUMBER' };
  return { ok: false, reason: lengthProblem };
}

/**
 * "262692123456": a number of the region's plan written with its calling code but without "+" or
 * "00", as spreadsheets leave "+262 692 …" (they read the "+" as a sign). libphonenumber-js does this
 * for the region's own code only; a shared plan has several. Only tried when no national reading
 * is possible, so it never changes the key of a number that parses.
 */
function internationalWithoutPlus(value: string, region: CountryCode): string | undefined {
  const digits = value.replace(/[\s().\-/\u2010-\u2015\u2212]/g, '');
  if (!/^[1-9]\d{7,14}$/.test(digits)) return undefined;
  for (const code of jurisdictionOf(region).callingCodes) {
    if (!digits.startsWith(code)) continue;
    const parsed = parsePhoneNumberFromString(`+${digits}`);
    if (parsed?.isPossible()) return parsed.number;
  }
  return undefined;
}

/** At most the last two digits of a raw value, for reject reports: "********78". */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return '*'.repeat(Math.min(digits.length - 2, 20)) + digits.slice(-2);
}
