/**
 * One byte per row says what a scrub found: listed, not listed, or why the value is not a number.
 * The classifier is what the builder does to a registered number (the same normalizePhone, the
 * same keyed hash), then a filter lookup; it runs in hashing threads or inline.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { FilterSet } from '../../core/filter-set.ts';
import type { KeyedHasher } from '../../core/keyed-hash.ts';
import { normalizePhone, REJECT_REASON_TEXT, type RejectReason } from '../../core/phone.ts';

export const NOT_LISTED = 0;
export const LISTED = 1;
/** Invalid rows: INVALID_BASE + the reason's index. */
const INVALID_BASE = 2;

export type ScrubRejectReason = RejectReason | 'NO_FIELD';

export const INVALID_REASONS: readonly ScrubRejectReason[] = [
  'EMPTY',
  'NOT_A_NUMBER',
  'INVALID_COUNTRY',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
  'NO_FIELD',
];

export const SCRUB_REASON_TEXT: Record<ScrubRejectReason, string> = {
  ...REJECT_REASON_TEXT,
  NO_FIELD: 'the row has no field in the phone column',
};

export function invalidStatus(reason: ScrubRejectReason): number {
  return INVALID_BASE + INVALID_REASONS.indexOf(reason);
}

export const NO_FIELD = invalidStatus('NO_FIELD');

/** The reason of an invalid status, or undefined for listed / not listed. */
export function reasonOf(status: number): ScrubRejectReason | undefined {
  return status >= INVALID_BASE ? INVALID_REASONS[status - INVALID_BASE] : undefined;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Values arrive decoded as latin1 (so every other byte of the file passes through untouched); a value
 * with non-ASCII bytes is decoded again as UTF-8, which is what the builder reads, so that a number
 * written with Unicode dashes or digits normalises exactly as it would there.
 */
export function asUtf8(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

export function createClassifier(
  filters: FilterSet,
  hasher: KeyedHasher,
  region: CountryCode,
): (value: string | undefined) => number {
  return (value) => {
    if (value === undefined) return NO_FIELD;
    const normalized = normalizePhone(asUtf8(value), region);
    if (!normalized.ok) return invalidStatus(normalized.reason);
    return filters.has(hasher.digest(normalized.e164)) ? LISTED : NOT_LISTED;
  };
}
