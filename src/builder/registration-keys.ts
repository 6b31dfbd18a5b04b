/**
 * The keys a registration is entered under (normalisation scheme 3, docs/NUMBERS.md): every reading
 * of its value inside the registry's plan. A registry value normally has one reading; one that has
 * several ("508456350", a "+" or a 0 lost in the export) is entered under each, so that the
 * registered number is found whichever it was (a false positive is the safe side). A value none of
 * whose readings is valid is kept too: stale metadata must never drop a registered number.
 */
import { isAssignedNumber, overseasCodeOf, readPhone } from '../core/phone/normalize.ts';
import { callingCodeOf, type DiallingPlan, type Jurisdiction } from '../core/phone/numbering-plan.ts';
import type { RejectReason } from '../core/phone/reject-reasons.ts';

export type RegistrationKeys =
  | { ok: false; reason: RejectReason | 'OUTSIDE_PLAN' }
  | {
      ok: true;
      /** The strings to hash, one per reading (numbering-plan.ts phoneKey). */
      keys: string[];
      /** In the ranges of another calling code of the plan than its home one (+262, +590…), however written. */
      otherPlanCode: boolean;
      /** In no range the metadata knows as assigned (kept, reported). */
      unassigned: boolean;
    };

export function registrationKeys(
  raw: string,
  plan: DiallingPlan,
  jurisdiction: Jurisdiction | undefined,
): RegistrationKeys {
  const read = readPhone(raw, plan);
  if (!read.ok) return read;
  const readings = jurisdiction
    ? read.readings.filter((reading) => jurisdiction.callingCodes.has(callingCodeOf(reading.e164) ?? ''))
    : read.readings;
  if (readings.length === 0) return { ok: false, reason: 'OUTSIDE_PLAN' };
  return {
    ok: true,
    keys: readings.map((reading) => reading.key),
    otherPlanCode: overseasCodeOf(readings[0]!.e164, plan.callingCodes) !== undefined,
    unassigned: !readings.some((reading) => isAssignedNumber(reading.e164)),
  };
}
