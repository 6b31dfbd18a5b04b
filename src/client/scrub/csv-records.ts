/**
 * Reading a call list: csv-parse fed piece by piece, each record handed over as it completes with its
 * text as read. The line ending is settled from the header line and given to the parser, so the
 * outputs use exactly the one the parser splits on. Errors name the line (for an unclosed quote, the
 * line where the quote opens) and never quote a field.
 *
 * The parser is driven through its engine (`Parser#api`, the same `parse(buffer, end, push, close)`
 * that csv-parse's own sync API runs), without the stream around it: a stream pushes every record
 * through Readable's object mode, and asking for `raw` and `info` builds, per record, a copy of its
 * bytes, an info object and a wrapper, a fifth of a scrub's main thread in garbage collection. The
 * record's text is cut from the input instead, between the byte offsets where the parser ended the
 * previous record and this one (its live `info.bytes`), and its line numbers are read from the live
 * `info` when an error needs them. test/unit/client/scrub/csv-records.test.ts checks the text and
 * the errors against the `raw` + `info` stream on adversarial CSV.
 */
import { Parser } from 'csv-parse';
import { QuietlistError } from '../../core/errors.ts';
import { callListParseOptions } from '../../core/text/csv-dialect.ts';
import { describeCsvError } from './csv-shape.ts';

/**
 * Called with each record's fields and where its text is: bytes `start` to `end` of `source`, line
 * breaks around it removed (the text is their latin1 form: `source.toString('latin1', start, end)`). `source`
 * is an input piece, or a copy when the record spans pieces; it is not changed afterwards.
 */
export type RecordHandler = (fields: string[], source: Buffer, start: number, end: number) => void;

/** csv-parse's engine: what `Parser#api` holds (lib/api/index.js), typed for what is used here. */
interface ParseEngine {
  info: { bytes: number; lines: number; empty_lines: number };
  parse(
    buffer: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): (Error & { code?: string; empty_lines?: number }) | undefined;
}

/**
 * Hands every record of `pieces` to `onRecord`, synchronously, and yields once per input piece (after
 * the records it completed), so the caller can write and wait between pieces.
 */
export async function* readCsvRecords(
  pieces: AsyncIterable<Buffer>,
  options: { delimiter: string; recordDelimiter: string | undefined },
  onRecord: RecordHandler,
): AsyncGenerator<void> {
  if (!isOneByte(options.delimiter)) {
    throw new QuietlistError('INVALID_ARGUMENT', 'the CSV delimiter must be one character of one byte');
  }
  const engine = parseEngine(callListParseOptions(options.delimiter, options.recordDelimiter));
  const text = new RecordText();
  /** Where the last record ended: an unclosed quote opens in the record after it. */
  let last = { lines: 0, emptyLines: 0 };
  const push = (record: string[]) => {
    const { info } = engine;
    text.cut(info.bytes);
    onRecord(record, text.source, text.start, text.end);
    last = { lines: info.lines, emptyLines: info.empty_lines };
  };
  const fail = (error: Error & { code?: string; empty_lines?: number }) => {
    const opensAt =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? last.lines + 1 + Math.max(0, (error.empty_lines ?? 0) - last.emptyLines)
        : undefined;
    return describeCsvError(error, opensAt);
  };
  const close = () => undefined;
  for await (const piece of pieces) {
    if (piece.length === 0) continue;
    text.append(piece);
    const error = engine.parse(piece, false, push, close);
    if (error) throw fail(error);
    text.release();
    yield;
  }
  const error = engine.parse(undefined, true, push, close);
  if (error) throw fail(error);
}

function parseEngine(options: ReturnType<typeof callListParseOptions>): ParseEngine {
  // raw and info are off: the text comes from the input, the lines from the live info (above).
  const { api } = new Parser({ ...options, raw: false, info: false }) as unknown as { api?: ParseEngine };
  if (typeof api?.parse !== 'function' || typeof api.info?.bytes !== 'number') {
    throw new Error('csv-parse has no parse engine (Parser#api) where this version expects it');
  }
  return api;
}

function isOneByte(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter.charCodeAt(0) <= 0xff;
}

const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

/**
 * The input's bytes from the end of the last record on, as pieces: a record's text is the latin1 form
 * of its bytes, line breaks at either end removed (the record delimiter after it, empty lines before
 * it), as `recordText` trims csv-parse's `raw`. With one-byte delimiters and quotes, `raw` holds every
 * byte of the record but the second byte of a CRLF that ends it or an empty line before it: bytes that
 * trimming removes either way.
 */
class RecordText {
  /** Pieces holding the bytes from `#start` on (the first may begin before it), in order. */
  #pieces: Buffer[] = [];
  /** Absolute offset of the first piece's first byte. */
  #base = 0;
  /** Absolute offset where the last record ended. */
  #start = 0;

  append(piece: Buffer): void {
    this.#pieces.push(piece);
  }

  /** The last record cut: its trimmed bytes are `source[start .. end]`. */
  source: Buffer = EMPTY;
  start = 0;
  end = 0;

  /** Settles `source`, `start` and `end` for the record ending at absolute offset `end` (after its delimiter). */
  cut(end: number): void {
    // release() may have skipped line breaks past a record made of line breaks only: its text is ''.
    const start = Math.max(this.#start, this.#base);
    this.#start = end;
    if (start >= end) {
      this.#set(EMPTY, 0, 0);
      return;
    }
    const pieces = this.#pieces;
    let offset = this.#base;
    let i = 0;
    while (i < pieces.length - 1 && start >= offset + pieces[i]!.length) offset += pieces[i++]!.length;
    const piece = pieces[i]!;
    if (end <= offset + piece.length) {
      this.#set(piece, start - offset, end - offset);
      return;
    }
    // The record spans pieces (once per piece at most): a copy of the bytes it covers.
    const bytes = Buffer.concat(pieces.slice(i)).subarray(start - offset, end - offset);
    this.#set(bytes, 0, bytes.length);
  }

  /** Line breaks at either end are not the record's text. */
  #set(source: Buffer, start: number, end: number): void {
    while (start < end && (source[start] === LF || source[start] === CR)) start++;
    while (end > start && (source[end - 1] === LF || source[end - 1] === CR)) end--;
    this.source = source;
    this.start = start;
    this.end = end;
  }

  /**
   * After a piece is parsed: drops the bytes before the last record's end, and the line breaks after
   * it (empty lines: trimming removes them from the next record's text anyway), so a run of empty
   * lines is not held.
   */
  release(): void {
    const pieces = this.#pieces;
    const start = this.#start;
    while (pieces.length > 0) {
      const first = pieces[0]!;
      let from = Math.max(0, start - this.#base);
      while (from < first.length && (first[from] === LF || first[from] === CR)) from++;
      if (from < first.length) {
        if (from > 0) pieces[0] = first.subarray(from);
        this.#base += from;
        break;
      }
      pieces.shift();
      this.#base += first.length;
    }
    this.#start = Math.max(start, this.#base);
  }
}

export { headerLineEnding } from '../../core/text/csv-dialect.ts';
