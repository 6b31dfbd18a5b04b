/**
 * The shape of a call list, settled from its first bytes and header row before any output exists:
 * delimiter, record text, blank records, CSV errors (phone-column.ts settles the phone column, csv-text.ts
 * the encoding). Errors here name what is wrong without printing a value that could be a phone number.
 */

import { QuietlistError } from '../../core/errors.ts';
import { sniffDelimiterBytes } from '../../core/text/csv-dialect.ts';

export { excelSeparatorLine, isBlankRecord, recordText, UTF8_BOM_TEXT } from '../../core/text/csv-dialect.ts';

/** The delimiter the builder would pick from the header line. */
export function sniffDelimiter(head: Buffer): string {
  return sniffDelimiterBytes(head);
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
