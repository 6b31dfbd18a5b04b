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
