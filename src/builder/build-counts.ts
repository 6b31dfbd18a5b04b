/** What a build counts about its rows: filled per batch (on whichever thread judged it) and summed in order. */
export interface BuildCounts {
  rows: number;
  accepted: number;
  rejected: number;
  expired: number;
  /** Keys entered that an earlier accepted row already entered: exact, counted in pass 2 (fill-shards.ts). */
  duplicates: number;
  /** Distinct keys in the filters: accepted + extraReadings + additions − duplicates. */
  entries: number;
  /** Rows with a valid number and a registration date to judge (0: no date filtering happened). */
  datedRows: number;
  /** Rows with a valid number and an empty date while other rows have one (kept). */
  missingDates: number;
  unreadableDates: number;
  /** Accepted numbers in no range the metadata knows as assigned: kept (stale metadata must not drop one), reported. */
  unassigned: number;
  /** Accepted numbers in the ranges of another calling code of the plan than its home one (+262, +590…), however written (reported only: keys are the home code's). */
  otherPlanCodes: number;
  /** Accepted values with several readings (a "+" or a 0 lost), entered under each (registration-keys.ts). */
  ambiguous: number;
  /** Their readings beyond the first: entries = accepted + extraReadings − duplicates. */
  extraReadings: number;
  /** Dates whose day and month can be swapped, with the verdict depending on which (kept). */
  ambiguousDates: number;
  /** Rows holding bytes that are not valid UTF-8: kept when the phone value itself is intact. */
  invalidEncoding: number;
  /** Digests of a live list's additions folded in (each reading of each addition): entries count them too. */
  additions: number;
}

export function emptyCounts(): BuildCounts {
  return {
    rows: 0,
    accepted: 0,
    rejected: 0,
    expired: 0,
    duplicates: 0,
    entries: 0,
    datedRows: 0,
    missingDates: 0,
    unreadableDates: 0,
    unassigned: 0,
    otherPlanCodes: 0,
    ambiguous: 0,
    extraReadings: 0,
    ambiguousDates: 0,
    invalidEncoding: 0,
    additions: 0,
  };
}

export function addCounts(total: BuildCounts, batch: BuildCounts): void {
  for (const name of Object.keys(total) as (keyof BuildCounts)[]) total[name] += batch[name];
}
