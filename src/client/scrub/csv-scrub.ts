/**
 * The scrub engine, in three parts: reading (csv-records.ts: csv-parse, records with their raw text),
 * classifying in batches (row-batches.ts: hashing threads work while more rows are read) and writing
 * (scrub-writer.ts: every row, byte for byte as it came, to the clean, listed or rejects output).
 * Memory holds the filter plus a bounded number of batches, whatever the file size; outputs appear
 * only once the header has been checked, and only complete ones are renamed into place.
 */

import { prepend } from '../../core/encoding/stream-head.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { EncodingChoice, TextEncodingName } from '../../core/text/encoding.ts';
import { headerLineEnding, readCsvRecords } from './csv-records.ts';
import { excelSeparatorLine, isBlankRecord, sniffDelimiter } from './csv-shape.ts';
import { classifierValue, fieldDecoder, openCsvText } from './csv-text.ts';
import type { HashedInput } from './hashed-input.ts';
import { resolvePhoneColumns } from './phone-column.ts';
import { RowBatches } from './row-batches.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { ScrubCounts, ScrubMode } from './row-layout.ts';
import type { ScrubRejectReason } from './row-status.ts';
import { type ScrubTargets, ScrubWriter, type WrittenOutputs } from './scrub-writer.ts';

export type { ScrubCounts, ScrubMode } from './row-layout.ts';
export { REJECT_COLUMNS, STATUS_COLUMN } from './row-layout.ts';

export interface CsvScrubOptions {
  input: HashedInput;
  /** The phone columns: header names or 1-based positions; none: the header's phone columns. */
  columns?: readonly string[];
  /** Default: detected (UTF-8 with or without BOM, UTF-16 LE/BE, Windows-1252). */
  encoding?: EncodingChoice;
  /** Default: sniffed from the header line like the builder does (, ; tab |). */
  delimiter?: string;
  /** Put `'` before cells a spreadsheet would run as formulas (excel-safe.ts); default false: byte for byte. */
  excelSafe?: boolean;
  mode: ScrubMode;
  classifier: RowClassifier;
  outputs: ScrubTargets;
  batchRows?: number;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

export interface CsvScrubResult {
  counts: ScrubCounts;
  invalidByReason: Partial<Record<ScrubRejectReason, number>>;
  input: { bytes: number; sha256: string };
  outputs: WrittenOutputs;
  format: 'csv';
  delimiter: string;
  encoding: TextEncodingName;
  /** The (first) phone column's header name, as read. */
  column: string;
  /** Every phone column checked, by header name (one: the same as `column`). */
  columns: string[];
  /** Cells written that start like a formula: prefixed with `'` when excelSafe, else passed as they came. */
  formulaCells: number;
  excelSafe: boolean;
}

export async function scrubCsv(options: CsvScrubOptions): Promise<CsvScrubResult> {
  const { input } = options;
  const text = await openCsvText(input.chunks, options.encoding ?? 'auto');
  const { hadBom, encoding } = text;
  const separatorLine = excelSeparatorLine(text.head);
  const body = separatorLine ? text.head.subarray(separatorLine.bytes) : text.head;
  const delimiter = options.delimiter ?? separatorLine?.delimiter ?? sniffDelimiter(body);
  const recordDelimiter = headerLineEnding(body);
  const eol = recordDelimiter ?? '\n';
  const excelSafe = options.excelSafe ?? false;
  const shape = { mode: options.mode, delimiter, eol, hadBom, encoding, excelSafe };
  // Excel's `sep=` line is written back before the header, so the outputs open as the input did.
  const preamble = separatorLine ? `sep=${separatorLine.delimiter}${eol}` : '';
  const decodeName = fieldDecoder(encoding);
  const toClassifier = classifierValue(encoding);

  const maxInFlight = Math.max(2, options.classifier.threads * 3);
  const writer = new ScrubWriter();
  const writeSettled = async (keep: number) => {
    if (!batches) return;
    for await (const batch of batches.settle(keep)) {
      await writer.write(batch);
      options.onProgress?.({ rows: writer.counts.rows, bytes: input.bytes() });
    }
  };
  let header: { text: string; columns: number[]; names: string[] } | undefined;
  let batches: RowBatches | undefined;
  let recordNumber = 0;
  const takeRecord = (fields: string[], source: Buffer, start: number, end: number) => {
    if (header === undefined) {
      const columns = resolvePhoneColumns(fields.map(decodeName), options.columns);
      header = {
        text: source.toString('latin1', start, end),
        columns: columns.map((column) => column.index),
        names: columns.map((column) => column.name),
      };
      batches = new RowBatches(options.classifier, options.batchRows ?? 4096, columns.length);
      return;
    }
    recordNumber++;
    const values = header.columns.map((column) => fields[column]);
    if (values.every((value) => value === undefined || value.trim() === '') && isBlankRecord(fields))
      writer.counts.blank++;
    else
      batches!.addRange(
        toClassifier ? values.map((value) => (value === undefined ? value : toClassifier(value))) : values,
        source,
        start,
        end,
        recordNumber,
      );
  };
  const open = () =>
    writer.open(options.outputs, { ...shape, header: header!.text, preamble, phoneColumns: header!.names });

  try {
    const pieces = readCsvRecords(prepend(body, text.rest), { delimiter, recordDelimiter }, takeRecord);
    for await (const _ of pieces) {
      if (header && !writer.opened) await open();
      if (writer.opened) await writeSettled(maxInFlight);
    }
    if (!header) throw new QuietlistError('INPUT_INVALID', 'the input has no header row');
    if (!writer.opened) await open();
    batches!.dispatch();
    await writeSettled(0);
    return {
      counts: writer.counts,
      invalidByReason: writer.invalidByReason,
      input: { bytes: input.bytes(), sha256: input.sha256() },
      outputs: await writer.commit(),
      format: 'csv',
      delimiter,
      encoding,
      column: header.names[0]!,
      columns: header.names,
      formulaCells: writer.formulaCells,
      excelSafe,
    };
  } catch (error) {
    await batches?.abandon();
    await writer.abort();
    throw error;
  }
}
