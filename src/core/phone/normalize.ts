/**
 * Phone numbers to keys: the one reader the builder, the worker and every client share, so a number
 * registered in any spelling and checked in any other is found (a mismatch would be a false negative).
 * `readPhone` gives every reading of a value in the register's dialling plan (docs/NUMBERS.md); the
 * builder enters each, and a client answers "listed" if any is listed. libphonenumber-js with its
 * "min" metadata parses; `isPossible()` (length rules) decides whether a reading counts, and the
 * national number patterns only whether a value is a number at all, because ranges change between
 * metadata versions: a key never depends on them (numbering-plan.ts).
 */
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/min';
import { QuietlistError } from '../errors.ts';
import { type DiallingPlan, planOfRegion } from './numbering-plan.ts';
import { INSTALLED_PHONE_LIBRARY } from './phone-library.ts';
import { createPhoneReader } from './phone-reader.ts';
import type { PhoneReadings } from './readings.ts';

export type { PhoneReadings, Reading } from './readings.ts';
export { REJECT_REASON_TEXT, type RejectReason } from './reject-reasons.ts';

export const NORMALIZATION_LIBRARY = 'libphonenumber-js';
/** Kept equal to the installed libphonenumber-js version by a unit test; recorded in every manifest. */
export const NORMALIZATION_VERSION = '1.13.16';
export const DEFAULT_REGION: CountryCode = 'FR';
/**
 * The normalisation rule's version, recorded in every manifest. It changes whenever a spelling may
 * get another key: builders re-key the whole list, and clients refuse epochs of another scheme
 * instead of answering with a mismatched rule. 1: libphonenumber-js alone (first release);
 * 2: shared dialling plans resolved by the metadata's ranges, international numbers without their "+";
 * 3: inside a shared plan the key is the plan and the national significant number (no metadata), and
 * every reading of an ambiguous value is entered and looked up.
 */
export const NORMALIZATION_SCHEME = 3;

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
      : `epoch ${manifest.epoch} uses normalisation scheme ${scheme}, which keys numbers differently; the operator must rebuild it with a current quietlist (scheme ${NORMALIZATION_SCHEME})`,
  );
}

const installedReader = createPhoneReader(INSTALLED_PHONE_LIBRARY);

/**
 * Every reading of `raw` in a dialling plan (a region stands for its plan: planOfRegion), or why it is
 * not a phone number. Never throws.
 */
export function readPhone(raw: string, plan: DiallingPlan | CountryCode = DEFAULT_REGION): PhoneReadings {
  return installedReader.read(raw, typeof plan === 'string' ? planOfRegion(plan) : plan);
}

/**
 * Whether the metadata knows a number as assigned (a range of a number type of its calling code, or
 * of its plan's home code). Only reported by the builder, never used to reject or to key: stale
 * metadata must not drop a registered number.
 */
export function isAssignedNumber(e164: string): boolean {
  return installedReader.isAssigned(e164);
}

/**
 * Which other calling code of a shared plan's than its home one holds a reading in its ranges (an
 * overseas number, whatever code it was written with): reported by the builder, never part of a key.
 */
export function overseasCodeOf(e164: string, callingCodes: readonly string[]): string | undefined {
  // A plan of one calling code has no overseas numbers (and its ranges need not be tested).
  if (callingCodes.length < 2) return undefined;
  const home = callingCodes[0];
  const code = callingCodes.find((candidate) => e164.startsWith(`+${candidate}`));
  if (home === undefined || code === undefined) return undefined;
  const national = e164.slice(1 + code.length);
  // A number of the home code's ranges is not overseas (and most rows are: test those first).
  if (installedReader.isAssignedTo(home, national)) return undefined;
  return callingCodes.slice(1).find((other) => installedReader.isAssignedTo(other, national));
}

/** A region the metadata knows (an international test parse would accept any two letters). */
export function isRegionCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);
}

/** At most the last two digits of a raw value, for reject reports: "********78". */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return '*'.repeat(Math.min(digits.length - 2, 20)) + digits.slice(-2);
}
