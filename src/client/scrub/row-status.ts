/**
 * One byte per row says what a scrub found: listed, not listed, or why the value is not a number.
 * The verdict itself comes from the shared membership path (core/membership.ts: the builder's
 * normalisation, the epoch's keying, the filter); this file only packs it into a byte, so batches
 * cross thread boundaries as a Uint8Array.
 */

import type { FilterSet } from '../../core/filter/shard-set.ts';
import type { EpochMembership, Verdict } from '../../core/membership.ts';
import { createNumberClassifier } from '../../core/membership.ts';
import { REJECT_REASON_TEXT, REJECT_REASONS, type RejectReason } from '../../core/phone/reject-reasons.ts';
import { asUtf8 } from '../../core/text/latin1.ts';

export { asUtf8 };

export const NOT_LISTED = 0;
export const LISTED = 1;
/** Invalid rows: INVALID_BASE + the reason's index. */
const INVALID_BASE = 2;

/** The row-level reasons: a number's, or a row too short to have the phone column. */
export type ScrubRejectReason = RejectReason | 'NO_FIELD';

export const INVALID_REASONS: readonly ScrubRejectReason[] = [...REJECT_REASONS, 'NO_FIELD'];

export const SCRUB_REASON_TEXT: Record<ScrubRejectReason, string> = {
  ...REJECT_REASON_TEXT,
  NO_FIELD: 'the row has no field in the phone column',
};

export function invalidStatus(reason: ScrubRejectReason): number {
  return INVALID_BASE + INVALID_REASONS.indexOf(reason);
}

export const NO_FIELD = invalidStatus('NO_FIELD');
export const EMPTY = invalidStatus('EMPTY');

/**
 * A number not checked yet: its evaluation was not obtained (the day's quota ran out, the network
 * failed) when the scrub was allowed to finish without it. Its row goes to the "not yet checked"
 * output, never to the clean one.
 */
export const UNCHECKED = 255;

/** The reason of an invalid status, or undefined for listed / not listed / not yet checked. */
export function reasonOf(status: number): ScrubRejectReason | undefined {
  return status >= INVALID_BASE && status !== UNCHECKED ? INVALID_REASONS[status - INVALID_BASE] : undefined;
}

const STATUS_OF: Record<Verdict, number> = {
  listed: LISTED,
  not_listed: NOT_LISTED,
  ...(Object.fromEntries(REJECT_REASONS.map((reason) => [reason, invalidStatus(reason)])) as Record<
    RejectReason,
    number
  >),
};

/** The status byte of a membership verdict. */
export function statusOfVerdict(verdict: Verdict): number {
  return STATUS_OF[verdict];
}

/** Status bytes for a CSV column's values (undefined: the row has no such field). */
export function createRowClassifier(
  membership: EpochMembership,
  filters: FilterSet,
): (value: string | undefined) => number {
  const verdictOf = createNumberClassifier(membership, filters);
  return (value) => (value === undefined ? NO_FIELD : STATUS_OF[verdictOf(asUtf8(value))]);
}
