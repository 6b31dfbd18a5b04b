/**
 * Excel's damage to phone numbers, named so the reject reason says what happened and what to do.
 * A number column opened in Excel and saved as CSV comes out in scientific notation, "3,37672E+10"
 * (French) or "3.37672E+10": only six significant digits are left, the rest is lost for good, so
 * the row cannot be checked; the fix is to export the column as text. (A dropped leading zero,
 * "612345678", needs no reason: the normaliser reads it in the French plan as 0612345678.)
 * Runtime-neutral.
 */
import type { RejectReason } from './reject-reasons.ts';

/** "3,37672E+10", "3.37672E+10", "6,12346E+08", "3E+10", with spaces around. */
const SCIENTIFIC = /^\s*\+?\d+(?:[.,]\d+)?[eE]\+?\d{1,2}\s*$/;

export function isExcelScientific(raw: string): boolean {
  return SCIENTIFIC.test(raw);
}

/** The normaliser's reason, or a more precise one when the value shows Excel's damage. */
export function explainRejection(raw: string, reason: RejectReason): RejectReason {
  return reason === 'NOT_A_NUMBER' && isExcelScientific(raw) ? 'EXCEL_SCIENTIFIC' : reason;
}
