/**
 * One answer from several lists' answers to the same value (POST /v1/check with `lists`, `check --list
 * a,b`; `scrub --list a,b` applies the same order to its status bytes):
 *
 * 1. listed when any list lists it, naming which;
 * 2. else NOT_ENTITLED when a list could not answer it (a partition of a list sold by area code the key
 *    or the cache does not hold): that list may hold the number, so it is never passed as clean;
 * 3. else not listed when a list read it as a number and does not list it: a list that found the value
 *    invalid (too short in its plan, another country) looked up every reading and lists none, so it
 *    cannot hold it, and a call list mixing two plans' lists is answered by the plan that reads it;
 * 4. else (every list found it invalid) the first list's reason.
 */
import type { CheckResult } from '../membership.ts';
import type { RejectReason } from '../phone/reject-reasons.ts';

export type CombinedResult = CheckResult & { lists: string[] };

/** Reasons that mean "this list could not answer", not "this is not a number": never not listed. */
export const UNANSWERED: readonly RejectReason[] = ['NOT_ENTITLED'];

export function combineListAnswers(
  answers: readonly { list: string; result: CheckResult }[],
): CombinedResult {
  const listing = answers.filter(({ result }) => result.status === 'listed').map(({ list }) => list);
  if (listing.length > 0) return { status: 'listed', lists: listing };
  const results = answers.map(({ result }) => result);
  const unanswered = results.find(
    (result) => result.status === 'invalid' && UNANSWERED.includes(result.reason),
  );
  if (unanswered) return { ...unanswered, lists: [] };
  if (results.some((result) => result.status === 'not_listed')) return { status: 'not_listed', lists: [] };
  return { ...results[0]!, lists: [] };
}

/** Per value, the combined answer of every list (each list's results in the values' order). */
export function combineListResults(
  perList: readonly { list: string; results: readonly CheckResult[] }[],
): CombinedResult[] {
  return (perList[0]?.results ?? []).map((_, i) =>
    combineListAnswers(perList.map(({ list, results }) => ({ list, result: results[i]! }))),
  );
}
