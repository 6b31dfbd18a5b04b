/**
 * Why a row was rejected or flagged: the normaliser's reasons (src/core/phone/normalize.ts) and the input-level
 * ones found while reading the export. Each has a stable code (the summary's `rejectCodes`) and a text
 * (the reject report's `reason`; " (row kept)" is added for a flag that keeps the row).
 */
import { REJECT_REASON_TEXT, type RejectReason } from '../../core/phone/normalize.ts';

export type InputRejectReason =
  | 'INVALID_ENCODING'
  | 'LINE_TOO_LONG'
  | 'UNTERMINATED_QUOTE'
  | 'MALFORMED_QUOTING'
  | 'MISSING_FIELD'
  | 'INVALID_JSON'
  | 'NOT_A_JSON_OBJECT'
  | 'NO_PHONE_FIELD';

/**
 * A possible number of a calling code the registry does not cover (a UK number in Bloctel's export),
 * or outside its partition rule (docs/FORMAT.md §1.4); a channel or sector code the register does not
 * declare (docs/REGISTERS.md).
 */
export type PlanRejectReason = 'OUTSIDE_PLAN' | 'UNKNOWN_CHANNEL' | 'UNKNOWN_SECTOR';

/** Flags on a kept row: a registration date that cannot be judged for sure. */
export type DateFlag = 'UNREADABLE_DATE' | 'AMBIGUOUS_DATE';

export type BuildRejectReason = RejectReason | InputRejectReason | PlanRejectReason | DateFlag;

export const INPUT_REJECT_REASON_TEXT: Record<InputRejectReason | DateFlag, string> = {
  INVALID_ENCODING: 'bytes that are not valid UTF-8',
  LINE_TOO_LONG: 'line too long',
  UNTERMINATED_QUOTE: 'unterminated quoted field',
  MALFORMED_QUOTING: 'malformed CSV quoting',
  MISSING_FIELD: 'row too short for the phone column',
  INVALID_JSON: 'invalid JSON',
  NOT_A_JSON_OBJECT: 'not a JSON object',
  NO_PHONE_FIELD: 'no phone value',
  UNREADABLE_DATE: 'unreadable registration date',
  AMBIGUOUS_DATE: 'ambiguous registration date (day and month can be swapped)',
};

export const BUILD_REJECT_REASON_TEXT: Record<BuildRejectReason, string> = {
  ...REJECT_REASON_TEXT,
  ...INPUT_REJECT_REASON_TEXT,
  OUTSIDE_PLAN: "outside the registry's numbering plan",
  UNKNOWN_CHANNEL: "a channel the register's profile does not declare",
  UNKNOWN_SECTOR: "a sector the register's profile does not declare",
};

/** A row the reader could not turn into a phone value; `text` may say more than the code's text. */
export interface InputProblem {
  code: InputRejectReason;
  text: string;
}

export function inputProblem(code: InputRejectReason, text = INPUT_REJECT_REASON_TEXT[code]): InputProblem {
  return { code, text };
}
