/**
 * Registry rows from CSV. csv-parse's streaming mode loses every row after some errors (a record over
 * max_record_size, an unterminated quote swallowing the rest of the file), and a registry export must
 * never lose a good row to one bad one. So records are framed here by line (a record continues while
 * its double quotes are unbalanced, up to a bound) and each record's fields are parsed by csv-parse;
 * a record without quotes, the common case, is split directly, which is the same thing.
 */
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js/min';
import { detectDelimiter } from '../../core/text/csv-dialect.ts';
import { type ColumnSelection, selectColumns } from './column-selection.ts';
import { type Line, splitLines } from './line-splitter.ts';
import {
  DEFAULT_MAX_LINE_BYTES,
  type InputDescription,
  type InputOptions,
  type InputRecord,
} from './record.ts';
import { inputProblem } from './reject-reasons.ts';

const MAX_RECORD_LINES = 16;

export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  options: InputOptions,
  region: CountryCode,
  description: InputDescription = {},
): AsyncGenerator<InputRecord[]> {
  const maxBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let delimiter: string | undefined;
  let columns: ColumnSelection | undefined;
  let pending: Line[] = [];

  function* framed(lines: Line[]): Generator<InputRecord> {
    // Lines given back after an unterminated quote are read again first. No shift() on `lines`: a batch
    // holds tens of thousands of lines and shifting each would make the reader quadratic.
    const again: Line[] = [];
    let next = 0;
    for (;;) {
      const line = again.length > 0 ? again.shift() : lines[next++];
      if (line === undefined) break;
      if (line.text === undefined) {
        yield { line: line.number, problem: inputProblem('LINE_TOO_LONG') };
        continue;
      }
      if (pending.length === 0 && line.text.trim() === '') continue;
      // Excel's delimiter hint before the header (`sep=;`): it names the delimiter, it is no record.
      const separator = delimiter === undefined ? /^sep=(.)$/i.exec(line.text) : null;
      if (separator) {
        delimiter = separator[1];
        continue;
      }
      pending.push(line);
      const text = pending.map((part) => part.text).join('\n');
      if (countQuotes(text) % 2 === 1) {
        if (pending.length < MAX_RECORD_LINES && text.length <= maxBytes) continue;
        // Not a multi-line field after all: report the first line, read the others again.
        const [first, ...rest] = pending;
        pending = [];
        again.unshift(...rest);
        yield { line: first!.number, problem: inputProblem('UNTERMINATED_QUOTE') };
        continue;
      }
      const startLine = pending[0]!.number;
      const invalidEncoding = pending.some((part) => part.invalidEncoding);
      pending = [];
      delimiter ??= detectDelimiter(text);
      const fields = splitRecord(text, delimiter);
      if (fields === undefined) {
        yield { line: startLine, problem: inputProblem('MALFORMED_QUOTING') };
        continue;
      }
      if (columns === undefined) {
        columns = selectColumns(fields, options, region);
        describeColumns(description, delimiter, columns);
        if (columns.hasHeader) continue;
      }
      const record = toRecord(startLine, fields, columns);
      if (invalidEncoding) record.invalidEncoding = true;
      yield record;
    }
  }

  for await (const lines of splitLines(source, maxBytes)) yield [...framed(lines)];
  if (pending.length > 0) {
    const [first, ...rest] = pending;
    pending = [];
    const records: InputRecord[] = [{ line: first!.number, problem: inputProblem('UNTERMINATED_QUOTE') }];
    records.push(...framed(rest));
    if (pending.length > 0)
      records.push({ line: pending[0]!.number, problem: inputProblem('UNTERMINATED_QUOTE') });
    yield records;
  }
}

function toRecord(line: number, fields: string[], columns: ColumnSelection): InputRecord {
  const phone = fields[columns.phoneIndex];
  if (phone === undefined)
    return {
      line,
      problem: inputProblem('MISSING_FIELD', `no field ${columns.phoneIndex + 1} (row has ${fields.length})`),
    };
  const registeredOn = columns.dateIndex === undefined ? undefined : fields[columns.dateIndex];
  const record: InputRecord = { line, phone, registeredOn };
  if (columns.channelsIndex !== undefined) record.channels = fields[columns.channelsIndex] ?? '';
  if (columns.sectorsIndex !== undefined) record.sectors = fields[columns.sectorsIndex] ?? '';
  return record;
}

function describeColumns(description: InputDescription, delimiter: string, columns: ColumnSelection): void {
  description.delimiter = delimiter;
  const name = (index: number) => columns.header?.[index] ?? `column ${index + 1}`;
  description.phoneColumn = name(columns.phoneIndex);
  if (columns.dateIndex !== undefined) description.dateColumn = name(columns.dateIndex);
  if (columns.channelsIndex !== undefined) description.channelsColumn = name(columns.channelsIndex);
  if (columns.sectorsIndex !== undefined) description.sectorsColumn = name(columns.sectorsIndex);
}

function countQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

function splitRecord(text: string, delimiter: string): string[] | undefined {
  if (!text.includes('"')) return text.split(delimiter);
  try {
    const rows = parseCsvSync(text, {
      delimiter,
      relax_column_count: true,
      // A quote inside an unquoted field is kept as written, as scrub reads it: exports that keep a
      // leading zero write Excel's text formula ="0612345678" unquoted (core/phone/spelling.ts reads it).
      relax_quotes: true,
      record_delimiter: '\n',
    }) as string[][];
    return rows.length === 1 ? rows[0] : undefined;
  } catch {
    return undefined;
  }
}

export { detectDelimiter };
