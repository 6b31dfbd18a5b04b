/**
 * What spreadsheets, CRMs and web forms wrap around a phone number, removed before it is parsed: a
 * number written in any of these spellings is the same line, so it must get the same key (a rejected
 * registry row is a registered number missed). Every rule only accepts values that were rejected
 * before: a value that already had a key keeps it, so this is no new normalisation scheme.
 * Runtime-neutral.
 */

/** Excel's text formula, written by exports that want to keep a leading zero: ="0612345678". */
const EXCEL_TEXT_FORMULA = /^=\s*"([^"]*)"$/;
/** RFC 3966 URIs from web pages and CRMs: tel:+33-6-39-98-00-12, with optional ;parameters. */
const TEL_URI = /^tel:([^;]*)(?:;.*)?$/i;
/**
 * Digits that went through a floating-point column: "33639980012.0" (pandas, Excel "Number") or
 * "33639980012,00" (French). Below 2^53 every digit is still exact, so the number is intact.
 */
const FLOAT_ZERO_FRACTION = /^(\+?\d{6,15})[.,]0{1,2}$/;
/**
 * Scientific notation that kept every digit: "3.3639980012E+10", "6,39980012E+08" (a column formatted
 * "Scientific" with enough decimals, or pandas' floats). Only when the mantissa holds all the number's
 * digits (any more must be zeros) is it expanded; "3.36399E+10", Excel's General format, lost digits
 * for good and stays rejected (core/phone/excel-damage.ts names it).
 */
const SCIENTIFIC = /^(\d)(?:[.,](\d{1,20}))?[eE]\+?(\d{1,2})$/;
/** "(+33) 6 39 98 00 12": the calling code in parentheses. */
const PARENTHESISED_CODE = /^\(\s*(\+\d{1,3})\s*\)/;
/** An extension after the line: " ext 12", " ext. 12", " x12", " poste 12", " #12". */
const EXTENSION = /\s*(?:,\s*)?(?:ext\.?|extension|x|poste|#)\s*\d{1,6}$/i;

export function unwrapPhoneSpelling(raw: string): string {
  // NFKC: full-width digits and plus (０６…, ＋３３), and compatibility spaces, become plain ones.
  let value = raw.normalize('NFKC').trim();
  value = value.replace(EXCEL_TEXT_FORMULA, '$1').trim();
  // Excel's text prefix, kept by some exports: '0612345678.
  if (value.startsWith("'")) value = value.slice(1).trim();
  value = value.replace(TEL_URI, '$1').trim();
  value = value.replace(FLOAT_ZERO_FRACTION, '$1');
  value = expandScientific(value);
  value = value.replace(PARENTHESISED_CODE, '$1 ');
  return value.replace(EXTENSION, '');
}

/** The integer a lossless scientific spelling stands for, as digits; any other value unchanged. */
function expandScientific(value: string): string {
  const match = SCIENTIFIC.exec(value);
  if (!match) return value;
  const digits = match[1]! + (match[2] ?? '');
  const integerDigits = Number(match[3]) + 1;
  // Fewer digits than the integer has: the rest were rounded away. More: a fraction, unless zeros.
  if (integerDigits > 15 || digits.length < integerDigits) return value;
  if (/[^0]/.test(digits.slice(integerDigits))) return value;
  return digits.slice(0, integerDigits);
}
