/** One row of a registry export (or of a call list), as the parsers hand it on. */
import type { EncodingChoice, TextEncodingName } from '../../core/text/encoding.ts';
import type { InputProblem } from './reject-reasons.ts';

export interface InputRecord {
  /** 1-based line number in the (decompressed) input, for reject reports. */
  line: number;
  phone?: string;
  registeredOn?: string;
  /** Scoped registers: the channels and the sectors the registration is limited to (absent: all). */
  channels?: string;
  sectors?: string;
  /** Why the row could not be read at all (malformed CSV, invalid JSON, line too long, missing field). */
  problem?: InputProblem;
  /** The row held bytes that are not valid UTF-8 (replaced by U+FFFD in its values). */
  invalidEncoding?: true;
}

export type InputFormat = 'csv' | 'ndjson' | 'text';

export interface InputOptions {
  format?: InputFormat;
  /** Text encoding; auto (the default) detects it from the first bytes. */
  encoding?: EncodingChoice;
  /** Phone column: a header name or a 1-based position. */
  column?: string;
  /** Registration-date column: a header name or a 1-based position; found by its header when not given. */
  dateColumn?: string;
  /** Do not look for a registration-date column (a build without expiry, on purpose). */
  noDateColumn?: boolean;
  /**
   * Scoped registers (docs/REGISTERS.md): read the channels and sectors a registration is limited to,
   * from these columns (a header name or a 1-based position) or, when not given, from the columns
   * whose headers name them; a register without them leaves every registration unlimited.
   */
  scopeColumns?: { channels?: string; sectors?: string };
  /** Whether a CSV's first row is a header; auto: it is when none of its fields is a phone number. */
  header?: 'auto' | 'yes' | 'no';
  /** Longest line accepted; longer ones are reported and skipped. */
  maxLineBytes?: number;
}

/** What the reader found out about the export, for the summary (filled in as it is read). */
export interface InputDescription {
  format?: InputFormat;
  encoding?: TextEncodingName;
  /** How the encoding was settled: a byte-order mark, the NUL pattern of UTF-16, non-UTF-8 bytes, stated. */
  encodingBasis?: string;
  delimiter?: string;
  phoneColumn?: string;
  dateColumn?: string;
  channelsColumn?: string;
  sectorsColumn?: string;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export function formatFromName(path: string): InputFormat | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  // Not ".txt": Excel's "Unicode Text" and many CRM exports are tab-separated tables named .txt, so
  // a .txt file is sniffed (one number per line stays text; a line with delimiters is CSV).
  return undefined;
}

/** Guesses the format from the first non-empty line of an input whose name says nothing. */
export function sniffFormat(firstLine: string): InputFormat {
  const line = firstLine.replace(/^\uFEFF/, '').trim();
  if (line.startsWith('{')) return 'ndjson';
  if (line.startsWith('#')) return 'text';
  if (/[,;\t|]/.test(line)) return 'csv';
  return 'text';
}
