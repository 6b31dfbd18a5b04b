/**
 * The guards between a build and its publish: a broken export (too many rejected rows, bytes that are
 * not UTF-8, no entry, a list that shrank too much, dates in another format) stops the build with a
 * one-line DATA_REJECTED naming the flag that accepts it, so an empty or truncated list never replaces a
 * good one (it would answer registered numbers "not listed"). Smaller doubts become warnings.
 */
import type { Manifest } from '../core/epoch/manifest.ts';
import { QuietlistError } from '../core/errors.ts';
import type { ProfileScopes, RegisterScopes } from '../core/registers/profile.ts';
import type { BuildCounts } from './build-filters.ts';
import { DEFAULT_DATE_FORMAT } from './input/registration-date.ts';
import type { BuildJob } from './run-build.ts';

/** The export holds more rejected rows than the build accepts: callers can say which and where. */
export class TooManyRejectsError extends QuietlistError {
  constructor(message: string) {
    super('DATA_REJECTED', message);
  }
}

/** The export's rows and entries against the job's limits and the previous epoch's size. */
export function checkSanity(counts: BuildCounts, previous: Manifest | null, job: BuildJob): void {
  if (counts.rows > 0 && counts.rejected / counts.rows > job.maxRejectRate) {
    throw new TooManyRejectsError(
      `${counts.rejected} of ${counts.rows} rows rejected (more than ${formatShare(job.maxRejectRate)}): nothing published`,
    );
  }
  if (counts.invalidEncoding > 0 && counts.invalidEncoding / counts.rows > job.maxRejectRate) {
    throw new QuietlistError(
      'DATA_REJECTED',
      `${counts.invalidEncoding} of ${counts.rows} rows hold bytes that are not UTF-8 (more than ${formatShare(job.maxRejectRate)}): nothing published; is the export Windows-1252? pass --encoding windows-1252`,
    );
  }
  if (counts.entries === 0 && !job.allowEmpty) {
    throw new QuietlistError(
      'DATA_REJECTED',
      previous
        ? 'the export holds no valid number: nothing published; pass --allow-empty to publish an empty list on purpose'
        : 'the export holds no valid number and the store has no epoch yet: nothing published (an empty list answers "not listed" for everyone); pass --allow-empty to publish it on purpose',
    );
  }
  if (previous && counts.entries < previous.counts.entries * (1 - job.maxShrink)) {
    throw new QuietlistError(
      'DATA_REJECTED',
      `entries fell from ${previous.counts.entries} to ${counts.entries} (more than ${formatShare(job.maxShrink)}): nothing published; pass --max-shrink to accept`,
    );
  }
}

/** Unreadable or ambiguous dates above the threshold mean the date format is wrong, not a few typos. */
export function checkDates(counts: BuildCounts, examples: number[], job: BuildJob): void {
  const bad = counts.unreadableDates + counts.ambiguousDates;
  const limit = job.maxBadDateRate ?? DEFAULT_MAX_BAD_DATE_RATE;
  if (bad === 0 || bad / counts.datedRows <= limit) return;
  const format = (job.dateFormat ?? DEFAULT_DATE_FORMAT).label;
  throw new QuietlistError(
    'DATA_REJECTED',
    `${bad} of ${counts.datedRows} registration dates cannot be judged as ISO 8601 or ${format} (${counts.unreadableDates} unreadable, ${counts.ambiguousDates} ambiguous; more than ${formatShare(limit)}), e.g. lines ${examples.join(', ')}: nothing published; pass --date-format, or --max-bad-date-rate to accept`,
  );
}

export const DEFAULT_MAX_BAD_DATE_RATE = 0.01;

/** What the build report warns of: missing dates, rows kept without one. */
export function buildWarnings(counts: BuildCounts, job: BuildJob): string[] {
  const warnings: string[] = [];
  if (job.validity && counts.datedRows === 0 && counts.rows > 0) {
    warnings.push(
      'no registration date was read (no date column found, or it is empty): expired registrations are kept; pass --date-column NAME, or --no-expiry to build without dates on purpose',
    );
  }
  if (counts.missingDates > 0)
    warnings.push(`${counts.missingDates} row(s) with an empty registration date were kept`);
  return warnings;
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 0)}%`;
}

/**
 * The scopes an export is read with (`exportScopes`: the profile's, with aliases) must declare exactly
 * the codes the manifest signs, in the same order: a row's scope digests are made of the codes read,
 * and a client looks up the signed ones. Without them, the signed scopes (codes only).
 */
export function exportScopesOf(
  signed: RegisterScopes,
  exportScopes: ProfileScopes | undefined,
): ProfileScopes {
  if (exportScopes === undefined) return signed;
  const codes = (scopes: RegisterScopes) =>
    JSON.stringify([scopes.channels.map((c) => c.code), scopes.sectors.map((s) => s.code)]);
  if (codes(exportScopes) !== codes(signed)) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `the channels and sectors the export is read with (${codes(exportScopes)}) are not the register's (${codes(signed)}): give the profile the register's rules were taken from`,
    );
  }
  return exportScopes;
}
