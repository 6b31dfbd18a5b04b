/**
 * Registrations expire after a validity period (Bloctel: 3 years) unless renewed. A row whose date is
 * older than the reference date minus the period is dropped; a later row for the same number renews it
 * (each valid row is inserted, so one valid registration is enough). A date that cannot be read keeps
 * the row, and so does an ambiguous one unless both readings are expired: dropping a registered number
 * would be a false negative, a legal violation for the user. Too many of either refuses the build
 * (run-build.ts), since then the date format is what is wrong.
 */
import { type DateFormat, DEFAULT_DATE_FORMAT, readDate } from './registration-date.ts';

export interface ValidityRule {
  years: number;
  /** YYYY-MM-DD: today unless set, so runs can be reproduced. */
  referenceDate: string;
}

export type DateVerdict = 'valid' | 'expired' | 'unreadable' | 'ambiguous';

export function cutoffDate({ years, referenceDate }: ValidityRule): string {
  const reference = new Date(`${referenceDate}T00:00:00Z`);
  const wholeYears = Math.floor(years);
  const cutoff = new Date(reference);
  cutoff.setUTCFullYear(reference.getUTCFullYear() - wholeYears);
  cutoff.setUTCDate(cutoff.getUTCDate() - Math.round((years - wholeYears) * 365.25));
  return cutoff.toISOString().slice(0, 10);
}

/** The YYYY-MM-DD a date means in the given format (default: ISO or DD/MM/YYYY), if it is one. */
export function isoDateOf(value: string, format: DateFormat = DEFAULT_DATE_FORMAT): string | undefined {
  const date = readDate(value, format);
  return date.kind === 'date' ? date.iso : undefined;
}

export function judgeRegistration(
  registeredOn: string | undefined,
  cutoff: string | undefined,
  format: DateFormat = DEFAULT_DATE_FORMAT,
): DateVerdict {
  if (cutoff === undefined || registeredOn === undefined || registeredOn.trim() === '') return 'valid';
  const date = readDate(registeredOn, format);
  if (date.kind === 'unreadable') return 'unreadable';
  if (date.kind === 'ambiguous') {
    if (date.later < cutoff) return 'expired';
    return date.earlier < cutoff ? 'ambiguous' : 'valid';
  }
  return date.iso < cutoff ? 'expired' : 'valid';
}
