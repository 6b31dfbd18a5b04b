/**
 * Spreadsheet-safe outputs (docs/CLIENT.md, "Opening the outputs in Excel"). Excel, LibreOffice and
 * Google Sheets read a CSV cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula, so a call
 * list holding `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` runs it when an output is opened. OWASP's advice
 * (CSV Injection): put a single quote before such a cell, so the spreadsheet reads it as text. A cell
 * that only spells a number or a phone number (`+33 6 12 34 56 78`, `-12,5`, `+1 (555) 010-0000`: a
 * sign, then digits and the punctuation numbers are written with) is left alone: without a letter it
 * cannot name a function, a link or another program, and a quote would spoil the number.
 *
 * Rows pass byte for byte otherwise: a row is rewritten only where a field needs the quote, which goes
 * right after the field's opening double quote, or before an unquoted field. Runtime-neutral: the CLI
 * and the scrub page lay out rows through the same RowLayout.
 */

/** The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection). */
const FORMULA_LEAD = /^[=+\-@\t\r]/;
/**
 * A number or a phone spelling after its sign. Text here is latin1 of the file's bytes, so a UTF-8
 * no-break space is the two characters \u00c2\u00a0; \u202f never appears (it is three bytes in UTF-8).
 */
const NUMBER_LIKE = /^[+-][\d .,()/\-\u00a0\u00c2]*\d[\d .,()/\-\u00a0\u00c2]*$/;
/** Per delimiter: some field of the record may start with a formula character (a quick test first). */
const mayLead = new Map<string, RegExp>();
function leadPattern(delimiter: string): RegExp {
  let pattern = mayLead.get(delimiter);
  if (!pattern) {
    const escaped = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?:^|${escaped})"?[=+\\-@\\t\\r]`);
    mayLead.set(delimiter, pattern);
  }
  return pattern;
}

/** Whether a cell's value, as a spreadsheet reads it, would be taken for a formula. */
export function isFormulaLike(value: string): boolean {
  return FORMULA_LEAD.test(value) && !NUMBER_LIKE.test(value);
}

export interface SafeRow {
  text: string;
  /** Cells that start like a formula (prefixed when neutralising). */
  formulaCells: number;
}

/**
 * A record's raw text with a `'` put before every formula-like field when `neutralise`, else as it
 * is; either way, how many fields look like formulas. `delimiter` is the file's.
 */
export function safeRow(raw: string, delimiter: string, neutralise: boolean): SafeRow {
  if (!leadPattern(delimiter).test(raw)) return { text: raw, formulaCells: 0 };
  let out = '';
  let copied = 0;
  let formulaCells = 0;
  // One pass over the fields (csv-parse's rules: `"` quotes, `""` escapes, relax_quotes keeps what
  // follows a closing quote up to the delimiter); a field's value is read only when it may be a formula.
  for (let start = 0; ; ) {
    const quoted = raw.charCodeAt(start) === 0x22;
    let end: number;
    let valueEnd: number;
    if (quoted) {
      let close = start + 1;
      for (;;) {
        close = raw.indexOf('"', close);
        if (close === -1 || raw.charCodeAt(close + 1) !== 0x22) break;
        close += 2;
      }
      valueEnd = close === -1 ? raw.length : close;
      end = close === -1 ? -1 : raw.indexOf(delimiter, close + 1);
    } else {
      end = raw.indexOf(delimiter, start);
      valueEnd = end === -1 ? raw.length : end;
    }
    const first = quoted ? start + 1 : start;
    if (first < valueEnd && FORMULA_LEAD.test(raw[first]!)) {
      const value = raw.slice(first, valueEnd);
      if (isFormulaLike(quoted ? value.replaceAll('""', '"') : value)) {
        formulaCells++;
        if (neutralise) {
          out += `${raw.slice(copied, first)}'`;
          copied = first;
        }
      }
    }
    if (end === -1) break;
    start = end + delimiter.length;
  }
  return { text: formulaCells > 0 && neutralise ? out + raw.slice(copied) : raw, formulaCells };
}

const QUOTE = 0x22;
/** Per byte: 1 for `=`, `+`, `-`, `@`, TAB and CR (FORMULA_LEAD), 2 for what NUMBER_LIKE allows after the sign. */
const BYTE_CLASS = new Uint8Array(256);
for (const lead of '=+-@\t\r') BYTE_CLASS[lead.charCodeAt(0)] = 1;
const DIGIT = 3;
for (let digit = 0x30; digit <= 0x39; digit++) BYTE_CLASS[digit] = DIGIT;
for (const allowed of ' .,()/\u00a0\u00c2') BYTE_CLASS[allowed.charCodeAt(0)] = 2;
const MINUS = 0x2d;
const PLUS = 0x2b;

/**
 * Whether a row given as bytes (latin1 text `bytes[start .. end]`) has a cell a spreadsheet would run as
 * a formula: safeRow's count, on bytes, without making a string (`delimiter`: one byte). Most rows
 * have none, and pass to the outputs as their bytes; a row with one is made text for safeRow.
 */
export function hasFormulaCell(bytes: Uint8Array, start: number, end: number, delimiter: number): boolean {
  // The quick test first: no field starts with a formula character (leadPattern, on bytes).
  let mayLead = false;
  for (let p = start; p < end; p++) {
    if (p !== start && bytes[p - 1] !== delimiter) continue;
    const q = bytes[p] === QUOTE ? p + 1 : p;
    if (q < end && BYTE_CLASS[bytes[q]!] === 1) {
      mayLead = true;
      break;
    }
  }
  if (!mayLead) return false;
  // safeRow's walk over the fields, on bytes.
  for (let field = start; ; ) {
    const quoted = field < end && bytes[field] === QUOTE;
    let next: number;
    let valueEnd: number;
    if (quoted) {
      let close = field + 1;
      for (;;) {
        close = indexOfByte(bytes, QUOTE, close, end);
        if (close === -1 || close + 1 >= end || bytes[close + 1] !== QUOTE) break;
        close += 2;
      }
      valueEnd = close === -1 ? end : close;
      next = close === -1 ? -1 : indexOfByte(bytes, delimiter, close + 1, end);
    } else {
      next = indexOfByte(bytes, delimiter, field, end);
      valueEnd = next === -1 ? end : next;
    }
    const first = quoted ? field + 1 : field;
    if (first < valueEnd && BYTE_CLASS[bytes[first]!] === 1 && !numberLike(bytes, first, valueEnd))
      return true;
    if (next === -1) return false;
    field = next + 1;
  }
}

/** NUMBER_LIKE on bytes: a sign, then digits and number punctuation only, at least one digit. */
function numberLike(bytes: Uint8Array, start: number, end: number): boolean {
  const sign = bytes[start];
  if (sign !== PLUS && sign !== MINUS) return false;
  let digit = false;
  for (let p = start + 1; p < end; p++) {
    const kind = BYTE_CLASS[bytes[p]!];
    if (kind === DIGIT) digit = true;
    else if (kind !== 2 && bytes[p] !== MINUS) return false;
  }
  return digit;
}

function indexOfByte(bytes: Uint8Array, byte: number, from: number, end: number): number {
  for (let p = from; p < end; p++) if (bytes[p] === byte) return p;
  return -1;
}
