/**
 * One answer from several lists' answers to the same value (POST /v1/check with `lists`, `check --list
 * a,b`; `scrub --list a,b` applies the same order to its status bytes): listed when any list lists it,
 * naming which; otherwise the first list's "invalid" when one could not answer it (a partition the key
 * does not hold, no valid reading in that list's plan), so a value one list could not check is never
 * passed as clean; otherwise not listed.
 */
import type { CheckResult } from '../membership.ts';

export type CombinedResult = CheckResult & { lists: string[] };

export function combineListAnswers(
  answers: readonly { list: string; result: CheckResult }[],
): CombinedResult {
  const listing = answers.filter(({ result }) => result.status === 'listed').map(({ list }) => list);
  if (listing.length > 0) return { status: 'listed', lists: listing };
  const invalid = answers.find(({ result }) => result.status === 'invalid')?.result;
  return invalid ? { ...invalid, lists: [] } : { status: 'not_listed', lists: [] };
}

/** Per value, the combined answer of every list (each list's results in the values' order). */
export function combineListResults(
  perList: readonly { list: string; results: readonly CheckResult[] }[],
): CombinedResult[] {
  return (perList[0]?.results ?? []).map((_, i) =>
    combineListAnswers(perList.map(({ list, results }) => ({ list, result: results[i]! }))),
  );
}
