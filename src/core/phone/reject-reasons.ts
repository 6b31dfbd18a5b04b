/**
 * Why a value is not a phone number, or (NOT_ENTITLED) why it cannot be answered: the one list every
 * layer uses (the normaliser, the API schema, the scrub's rejects file, the test vectors). A reason is
 * a stable code; the text is for people.
 */
export const REJECT_REASONS = [
  'EMPTY',
  'NOT_A_NUMBER',
  'INVALID_COUNTRY',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
  'EXCEL_SCIENTIFIC',
  'SEVERAL_NUMBERS',
  'NO_VALID_READING',
  'LEADING_MINUS',
  'NOT_ENTITLED',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_REASON_TEXT: Record<RejectReason, string> = {
  EMPTY: 'empty value',
  NOT_A_NUMBER: 'not a phone number',
  INVALID_COUNTRY: 'unknown country calling code',
  TOO_SHORT: 'too short for its country',
  TOO_LONG: 'too long for its country',
  INVALID_LENGTH: 'impossible length for its country',
  EXCEL_SCIENTIFIC: 'Excel scientific notation: digits were lost; re-export the column as text',
  SEVERAL_NUMBERS: 'several phone numbers in one cell: write one number per cell',
  NO_VALID_READING:
    'no reading of it is a number of an assigned range (as written, nor with a lost "+", "00" or 0 put back)',
  LEADING_MINUS: 'starts with "-": a spreadsheet reads it as a negative number; write the number without it',
  NOT_ENTITLED:
    'in a partition (area code) this subscription does not cover, or that was not pulled: it cannot be checked',
};

export function isRejectReason(value: string): value is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(value);
}
