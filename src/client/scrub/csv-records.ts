/**
 * Reading a call list: csv-parse (its public stream API only) fed piece by piece, handing back the
 * records each piece completed, with their raw text. The line ending is settled from the header line
 * and given to the parser, so the outputs use exactly the one the parser splits on. Errors name the
 * line (for an unclosed quote, the line where the quote opens) and never quote a field.
 */
import { parse } from 'csv-parse';
import type { QuietlistError } from '../../core/errors.ts';
import { callListParseOptions } from '../../core/text/csv-dialect.ts';
import { describeCsvError } from './csv-shape.ts';

export interface CsvRecord {
  fields: string[];
  /** The record's text as read (csv-parse's `raw`, line breaks included). */
  raw: string;
}

/** Yields the records of `pieces` in order, one array per input piece (possibly empty). */
export async function* readCsvRecords(
  pieces: AsyncIterable<Buffer>,
  options: { delimiter: string; recordDelimiter: string | undefined },
): AsyncGenerator<CsvRecord[]> {
  // `info`: the line an unclosed quote opens on (below).
  const parser = parse({ ...callListParseOptions(options.delimiter, options.recordDelimiter), info: true });
  let ready: CsvRecord[] = [];
  /** Where the last record ended: an unclosed quote opens in the record after it. */
  let last = { lines: 0, emptyLines: 0 };
  let failure: QuietlistError | undefined;
  parser.on('data', ({ record, raw, info }: { record: string[]; raw: string; info: CsvInfo }) => {
    ready.push({ fields: record, raw });
    last = { lines: info.lines, emptyLines: info.empty_lines };
  });
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (error: CsvInfo & { code?: string }) => {
      const opensAt =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? last.lines + 1 + Math.max(0, (error.empty_lines ?? 0) - last.emptyLines)
          : undefined;
      failure ??= describeCsvError(error, opensAt);
      reject(failure);
    });
  });
  ended.catch(() => undefined); // observed below
  const take = () => {
    const out = ready;
    ready = [];
    return out;
  };
  try {
    for await (const piece of pieces) {
      if (!parser.write(piece)) await writable(parser);
      if (failure) throw failure;
      yield take();
    }
    parser.end();
    await ended;
    yield take();
  } finally {
    if (!parser.writableFinished) parser.destroy();
  }
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
}

/** Resolves when the parser takes more input, or has failed (a failed parser never drains). */
function writable(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}

export { headerLineEnding } from '../../core/text/csv-dialect.ts';
