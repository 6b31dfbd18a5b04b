/**
 * The shape of a call list, settled from its first bytes and header row before any output exists:
 * delimiter, record text, blank records, CSV errors (phone-column.ts settles the phone column, csv-text.ts
 * the encoding). Errors here name what is wrong without printing a value that could be a phone number.
 */
import { detectDelimiter } from '../../builder/read-csv-input.ts';
import { QuietlistError } from '../../core/errors.ts';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** The BOM as the latin1 text outputs are built from. */
export const UTF8_BOM_TEXT = UTF8_BOM.toString('latin1');

/** The delimiter the builder would pick from the header line. */
export function sniffDelimiter(head: Buffer): string {
  let end = head.indexOf(0x0a);
  if (end === -1) end = head.length;
  return detectDelimiter(head.subarray(0, end).toString('latin1').replace(/\r$/, ''));
}

/**
 * Excel's delimiter hint, a first line `sep=;` that some exports write so that Excel splits the file
 * whatever its regional list separator: it names the delimiter and is not the header. Outputs keep it.
 */
export function excelSeparatorLine(head: Buffer): { delimiter: string; bytes: number } | undefined {
  const match = /^sep=([^\r\n])(\r\n|\n|\r)/i.exec(head.subarray(0, 16).toString('latin1'));
  return match ? { delimiter: match[1]!, bytes: match[0].length } : undefined;
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

/**
 * csv-parse's own messages quote field values; this keeps only the kind of problem and the line. For
 * an unclosed quote csv-parse reports the end of the file: `opensAt` is the line the quote opens on.
 */
export function describeCsvError(error: unknown, opensAt?: number): QuietlistError {
  const { code, lines: reported } = error as { code?: string; lines?: number };
  const lines = opensAt ?? reported;
  const kinds: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted field opens on this line and is never closed',
    CSV_MAX_RECORD_SIZE: 'a record is longer than 1 MB (probably an unbalanced quote)',
    CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
    INVALID_OPENING_QUOTE: 'a quote opens in the middle of a field',
  };
  const kind = (code && kinds[code]) ?? `unreadable CSV (${code ?? (error as Error)?.name ?? 'error'})`;
  return new QuietlistError(
    'INPUT_INVALID',
    `malformed CSV${lines ? ` at line ${lines}` : ''}: ${kind}; nothing was written`,
  );
}
