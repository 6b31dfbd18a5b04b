/**
 * What one value is once its lookups are answered. A value is listed if any of its readings is; a
 * value none of whose readings is valid is "invalid" unless one is listed, and one with a reading out
 * of reach is NOT_ENTITLED unless another is listed: never "not listed" unless every reading was
 * looked at. The common results are
 * frozen and shared, so most answers allocate nothing.
 */
import { REJECT_REASON_TEXT, type RejectReason } from '../phone/reject-reasons.ts';
import type { KeyedValue } from './keyed-readings.ts';

export type CheckResult =
  | { status: 'listed' | 'not_listed' }
  | { status: 'invalid'; reason: RejectReason; message: string };

/** What one value is: listed, not listed, or why it is not a phone number (or cannot be answered). */
export type Verdict = 'listed' | 'not_listed' | RejectReason;

const LISTED: CheckResult = Object.freeze({ status: 'listed' });
const NOT_LISTED: CheckResult = Object.freeze({ status: 'not_listed' });
const INVALID: Record<'NO_VALID_READING' | 'NOT_ENTITLED', CheckResult> = {
  NO_VALID_READING: Object.freeze({
    status: 'invalid',
    reason: 'NO_VALID_READING',
    message: REJECT_REASON_TEXT.NO_VALID_READING,
  }),
  NOT_ENTITLED: Object.freeze({
    status: 'invalid',
    reason: 'NOT_ENTITLED',
    message: REJECT_REASON_TEXT.NOT_ENTITLED,
  }),
};

/**
 * Listed if any reading is; otherwise NOT_ENTITLED if a reading could not be looked up, not listed if
 * a reading is valid, else invalid: a value is never "not listed" unless every reading was looked at.
 */
export function verdictOf(listed: boolean, keyed: Pick<KeyedValue, 'valid' | 'unanswerable'>): Verdict {
  if (listed) return 'listed';
  if (keyed.unanswerable) return 'NOT_ENTITLED';
  return keyed.valid ? 'not_listed' : 'NO_VALID_READING';
}

/** The API's and check's answer for a verdict (the shared frozen object where there is one). */
export function resultOf(verdict: Verdict): CheckResult {
  if (verdict === 'listed') return LISTED;
  if (verdict === 'not_listed') return NOT_LISTED;
  if (verdict === 'NO_VALID_READING' || verdict === 'NOT_ENTITLED') return INVALID[verdict];
  return { status: 'invalid', reason: verdict, message: REJECT_REASON_TEXT[verdict] };
}
