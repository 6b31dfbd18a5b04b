/** One row of a registry export (or of a call list), as the parsers hand it on. */
export interface InputRecord {
  /** 1-based line number in the (decompressed) input, for reject reports. */
  line: number;
  phone?: string;
  registeredOn?: string;
  /** Why the row could not be read at all (malformed CSV, invalid JSON, line too long, missing field). */
  problem?: string;
}

export type InputFormat = 'csv' | 'ndjson' | 'text';

export interface InputOptions {
  format?: InputFormat;
  /** Phone column: a header name or a 1-based position. */
  column?: string;
  /** Registration-date column: a header name or a 1-based position. */
  dateColumn?: string;
  /** Whether a CSV's first row is a header; auto: it is when none of its fields is a phone number. */
  header?: 'auto' | 'yes' | 'no';
  /** Longest line accepted; longer ones are reported and skipped. */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** Header names taken as the phone column when none is given. */
export const PHONE_COLUMN_NAMES = [
  'phone',
  'phone_number',
  'number',
  'numero',
  'telephone',
  'tel',
  'msisdn',
  'e164',
];

export function formatFromName(path: string): InputFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.txt')) return 'text';
  return undefined;
}

/** Guesses the format from the first non-empty line of an input whose name says nothing. */
export function sniffFormat(firstLine: string): InputFormat {
  const line = firstLine.replace(/^\uFEFF/, '').trim();
  if (line.startsWith('{')) return 'ndjson';
  if (/[,;\t]/.test(line)) return 'csv';
  return 'text';
}
