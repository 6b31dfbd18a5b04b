/**
 * A CSV call list held in memory by the scrub page, read exactly as `scrub` reads it: the encoding
 * detected from its first bytes (core/text/encoding.ts), the delimiter and line ending from its header
 * line (core/text/csv-dialect.ts), records split by csv-parse with their raw text, the phone column found
 * by the CLI's rules (client/scrub/phone-column.ts); rows laid out by the CLI's RowLayout, so the
 * outputs are byte for byte what `quietlist scrub` writes (same encoding, delimiter, line ending, BOM;
 * with excelSafe, what `scrub --excel-safe` writes).
 */
import { parse } from 'csv-parse/sync';
import { describeCsvError } from '../../client/scrub/csv-shape.ts';
import { RowBatches } from '../../client/scrub/row-batches.ts';
import type { RowClassifier } from '../../client/scrub/row-classifier.ts';
import { RowLayout, type RowSink, type ScrubCounts, type ScrubMode } from '../../client/scrub/row-layout.ts';
import type { ScrubRejectReason } from '../../client/scrub/row-status.ts';
import { QuietlistError } from '../../core/errors.ts';
import {
  callListParseOptions,
  excelSeparatorLine,
  headerLineEnding,
  isBlankRecord,
  recordText,
  sniffDelimiterBytes,
} from '../../core/text/csv-dialect.ts';
import { resolveEncoding, type TextEncodingName } from '../../core/text/encoding.ts';
import { classifierValue, fieldDecoder, latin1Bytes } from '../../core/text/latin1.ts';
import { callListText } from '../../core/text/transcode.ts';

/** Bytes looked at to settle the encoding, as the CLI does. */
const ENCODING_SAMPLE_BYTES = 64 * 1024;

export interface CsvFile {
  encoding: TextEncodingName;
  hadBom: boolean;
  delimiter: string;
  eol: string;
  /** Excel's `sep=` line with its line ending, when the file starts with one; else ''. */
  preamble: string;
  /** The records, each with its fields (latin1) and its text as read. */
  records: { record: string[]; raw: string }[];
}

export function readCsvFile(bytes: Uint8Array): CsvFile {
  if (bytes.length === 0)
    throw new QuietlistError('INPUT_INVALID', 'the input is empty: a header row is needed');
  const head = bytes.subarray(0, ENCODING_SAMPLE_BYTES);
  const { encoding, bomLength } = resolveEncoding(head, 'auto', bytes.length <= ENCODING_SAMPLE_BYTES);
  // UTF-16 is split as UTF-8 and written back as UTF-16 (encodeCsvOutput), as the CLI does.
  const text = callListText(bytes, { encoding, bomLength });
  const separatorLine = excelSeparatorLine(text);
  const body = separatorLine ? text.subarray(separatorLine.bytes) : text;
  const delimiter = separatorLine?.delimiter ?? sniffDelimiterBytes(body.subarray(0, ENCODING_SAMPLE_BYTES));
  const recordDelimiter = headerLineEnding(body.subarray(0, ENCODING_SAMPLE_BYTES));
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(body as Buffer, callListParseOptions(delimiter, recordDelimiter)) as unknown as {
      record: string[];
      raw: string;
    }[];
  } catch (error) {
    throw describeCsvError(error);
  }
  if (records.length === 0) throw new QuietlistError('INPUT_INVALID', 'the input has no header row');
  const eol = recordDelimiter ?? '\n';
  // Excel's `sep=` line goes back before the header of every output, as the CLI writes it.
  const preamble = separatorLine ? `sep=${delimiter}${eol}` : '';
  return { encoding, hadBom: bomLength > 0, delimiter, eol, preamble, records };
}

/** The header row's names as people read them. */
export function csvHeader(file: CsvFile): string[] {
  const decode = fieldDecoder(file.encoding);
  return (file.records[0]?.record ?? []).map(decode);
}

export interface CsvScrubOutcome {
  counts: ScrubCounts;
  invalidByReason: Partial<Record<ScrubRejectReason, number>>;
  outputs: { clean: TextSink; listed: TextSink; rejects: TextSink; unchecked: TextSink };
  /** Cells that start like a formula: prefixed with `'` when excelSafe (client/scrub/excel-safe.ts). */
  formulaCells: number;
}

/** Text gathered for one output. */
export class TextSink implements RowSink {
  rows = 0;
  readonly parts: string[] = [];
  add(text: string, rows = 1): void {
    this.parts.push(text);
    this.rows += rows;
  }
}

/** The rows of a counting pass (client/oprf/evaluation-plan.ts): counted, kept nowhere. */
class DiscardSink extends TextSink {
  override add(_text: string, rows = 1): void {
    this.rows += rows;
  }
}

/**
 * Scrubs the data rows of `file` on its phone columns (`columns`, 0-based), as `scrub` does; with
 * `keep: false` the rows are only counted (a counting pass writes nothing).
 */
export async function scrubCsvFile(
  file: CsvFile,
  columns: readonly number[],
  mode: ScrubMode,
  classifier: RowClassifier,
  options: { onProgress?: (rows: number) => void; keep?: boolean; excelSafe?: boolean } = {},
): Promise<CsvScrubOutcome> {
  const sink = () => (options.keep === false ? new DiscardSink() : new TextSink());
  const outputs = { clean: sink(), listed: sink(), rejects: sink(), unchecked: sink() };
  const names = csvHeader(file);
  const layout = new RowLayout(mode, file.delimiter, file.eol, outputs, {
    phoneColumns: columns.map((c) => names[c] ?? ''),
    excelSafe: options.excelSafe ?? false,
  });
  layout.writeHeaders(recordText(file.records[0]!.raw), file.hadBom, file.preamble);
  const counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
  const invalidByReason: Partial<Record<ScrubRejectReason, number>> = {};
  const toClassifier = classifierValue(file.encoding);
  const batches = new RowBatches(classifier, 4096, columns.length);
  const maxInFlight = Math.max(2, classifier.threads * 3);
  let done = 0;
  const settle = async (keep: number) => {
    for await (const batch of batches.settle(keep)) {
      layout.write(batch, batch.statuses, counts, invalidByReason);
      done += batch.statuses.length;
      options.onProgress?.(done);
    }
  };
  try {
    for (let r = 1; r < file.records.length; r++) {
      const { record, raw } = file.records[r]!;
      const values = columns.map((column) => record[column]);
      if (values.every((value) => value === undefined || value.trim() === '') && isBlankRecord(record))
        counts.blank++;
      else
        batches.add(
          toClassifier ? values.map((value) => (value === undefined ? value : toClassifier(value))) : values,
          recordText(raw),
          r,
        );
      if (r % 4096 === 0) await settle(maxInFlight);
    }
    batches.dispatch();
    await settle(0);
  } catch (error) {
    await batches.abandon();
    throw error;
  }
  return { counts, invalidByReason, outputs, formulaCells: layout.formulaCells };
}

/** Data rows of the file: records after the header that are not blank (as the scrub counts them). */
export function csvDataRows(file: CsvFile): number {
  let rows = 0;
  for (let r = 1; r < file.records.length; r++) if (!isBlankRecord(file.records[r]!.record)) rows++;
  return rows;
}

/** An output's bytes in the input's encoding (the text is latin1 of its bytes, of UTF-8 for UTF-16). */
export function encodeCsvOutput(sink: TextSink, encoding: TextEncodingName): Uint8Array {
  const bytes = latin1Bytes(sink.parts.join(''));
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') return bytes;
  // ignoreBOM: the byte-order mark written before the header row must stay.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const out = new Uint8Array(text.length * 2);
  const bigEndian = encoding === 'utf-16be';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
  }
  return out;
}
