/**
 * The dialect of a CSV call list, settled from its header line as `build` and `scrub` settle it: the
 * field delimiter, the record delimiter, and what a record's own text and a blank record are.
 * Runtime-neutral (no Buffer): the CLI's scrub engine and the browser page's read files the same way.
 * Text here is the latin1 form of the file's bytes (one character per byte), so every byte of a row
 * passes to the outputs untouched.
 */

const DELIMITERS = [',', ';', '\t', '|'];

/** The UTF-8 byte-order mark as latin1 text, as outputs are built. */
export const UTF8_BOM_TEXT = '\u00ef\u00bb\u00bf';

/** Longest record read, in characters: past it a quote is surely unbalanced. */
export const MAX_RECORD_CHARS = 1 << 20;

/**
 * csv-parse's options for a call list: one set for the CLI's streaming reader and the page's
 * whole-file parse, so both split every file the same way. Fields and raw text come back as latin1,
 * one character per byte, so rows pass to the outputs untouched.
 */
export function callListParseOptions(delimiter: string, recordDelimiter: string | undefined) {
  return {
    delimiter,
    ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter }),
    raw: true,
    encoding: 'latin1' as const,
    bom: false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  };
}

/** The delimiter occurring most often outside quotes in the first record; a comma when none does. */
export function detectDelimiter(firstRecord: string): string {
  const unquoted = firstRecord.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of DELIMITERS) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The delimiter the builder would pick from the header line of `head` (bytes of the file's start). */
export function sniffDelimiterBytes(head: Uint8Array): string {
  let end = head.indexOf(0x0a);
  if (end === -1) end = head.length;
  let line = '';
  for (let i = 0; i < end; i++) line += String.fromCharCode(head[i]!);
  return detectDelimiter(line.replace(/\r$/, ''));
}

/**
 * Excel's delimiter hint, a first line `sep=;` that some exports write so that Excel splits the file
 * whatever its regional list separator: it names the delimiter and is not the header. Outputs keep it.
 */
export function excelSeparatorLine(head: Uint8Array): { delimiter: string; bytes: number } | undefined {
  let start = '';
  for (let i = 0; i < Math.min(head.length, 8); i++) start += String.fromCharCode(head[i]!);
  const match = /^sep=([^\r\n])(\r\n|\n|\r)/i.exec(start);
  return match ? { delimiter: match[1]!, bytes: match[0].length } : undefined;
}

/**
 * The record delimiter of the header line, found as csv-parse would (outside quotes; \r\n, \n or \r),
 * or undefined when the head holds no complete line (the parser then discovers it).
 */
export function headerLineEnding(head: Uint8Array, quote = 0x22): string | undefined {
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i]!;
    if (byte === quote) quoted = !quoted;
    else if (!quoted && byte === 0x0a) return '\n';
    else if (!quoted && byte === 0x0d) {
      if (i + 1 === head.length) return undefined;
      return head[i + 1] === 0x0a ? '\r\n' : '\r';
    }
  }
  return undefined;
}

/**
 * csv-parse's `raw` text of a record, without line breaks around it: it keeps the first byte of the
 * record delimiter and the line breaks of skipped empty lines before it. Inside the record (quoted
 * fields with newlines) nothing is touched.
 */
export function recordText(raw: string): string {
  let start = 0;
  let end = raw.length;
  while (start < end && isLineBreak(raw.charCodeAt(start))) start++;
  while (end > start && isLineBreak(raw.charCodeAt(end - 1))) end--;
  return start === 0 && end === raw.length ? raw : raw.slice(start, end);
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** A record with nothing in it (",,," as spreadsheets export trailing rows): skipped like an empty line. */
export function isBlankRecord(record: string[]): boolean {
  for (const field of record) if (field.trim() !== '') return false;
  return true;
}
