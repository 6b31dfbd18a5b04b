/**
 * Registrations expire after a validity period (Bloctel: 3 years) unless renewed. A row whose date is
 * older than the reference date minus the period is dropped; a later row for the same number renews it
 * (each valid row is inserted, so one valid registration is enough). A date that cannot be read keeps
 * the row: dropping a registered number would be a false negative, a legal violation for the user.
 */
export interface ValidityRule {
  years: number;
  /** YYYY-MM-DD: today unless set, so runs can be reproduced. */
  referenceDate: string;
}

export type DateVerdict = 'valid' | 'expired' | 'unreadable';

export function cutoffDate({ years, referenceDate }: ValidityRule): string {
  const reference = new Date(`${referenceDate}T00:00:00Z`);
  const wholeYears = Math.floor(years);
  const cutoff = new Date(reference);
  cutoff.setUTCFullYear(reference.getUTCFullYear() - wholeYears);
  cutoff.setUTCDate(cutoff.getUTCDate() - Math.round((years - wholeYears) * 365.25));
  return cutoff.toISOString().slice(0, 10);
}

/** ISO dates and timestamps (2024-03-01, 2024-03-01T10:00:00Z) and French dates (01/03/2024). */
export function isoDateOf(value: string): string | undefined {
  const text = value.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  let iso: string | undefined;
  if (match) iso = `${match[1]}-${match[2]}-${match[3]}`;
  match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (match) iso = `${match[3]}-${match[2]}-${match[1]}`;
  if (iso === undefined) return undefined;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

export function judgeRegistration(registeredOn: string | undefined, cutoff: string | undefined): DateVerdict {
  if (cutoff === undefined || registeredOn === undefined || registeredOn.trim() === '') return 'valid';
  const iso = isoDateOf(registeredOn);
  if (iso === undefined) return 'unreadable';
  return iso < cutoff ? 'expired' : 'valid';
}
