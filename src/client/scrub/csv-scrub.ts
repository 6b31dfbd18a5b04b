/**
 * The scrub engine, in three parts: reading (csv-records.ts: csv-parse, records with their raw text),
 * classifying in batches (row-batches.ts: hashing threads work while more rows are read) and writing
 * (scrub-writer.ts: every row, byte for byte as it came, to the clean, listed or rejects output).
 * Memory holds the filter plus a bounded number of batches, whatever the file size; outputs appear
 * only once the header has been checked, and only complete ones are renamed into place.
 */
import { createHash } from 'node:crypto';
import { QuietlistError } from '../../core/errors.ts';
import { type CsvRecord, headerLineEnding, readCsvRecords } from './csv-records.ts';
import { isBlankRecord, recordText, resolvePhoneColumn, sniffDelimiter, stripBom } from './csv-shape.ts';
import { readHead } from './read-head.ts';
import { RowBatches } from './row-batches.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { ScrubCounts, ScrubMode } from './row-layout.ts';
import type { ScrubRejectReason } from './row-status.ts';
import { type ScrubTargets, ScrubWriter, type WrittenOutputs } from './scrub-writer.ts';

export type { ScrubCounts, ScrubMode } from './row-layout.ts';
export { REJECT_COLUMNS, STATUS_COLUMN } from './row-layout.ts';

export interface CsvScrubOptions {
  input: AsyncIterable<Uint8Array>;
  column: string;
  /** Default: sniffed from the header line like the builder does (, ; tab |). */
  delimiter?: string;
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
  delimiter: string;
}

export async function scrubCsv(options: CsvScrubOptions): Promise<CsvScrubResult> {
  const input = hashedInput(options.input);
  const { head, rest } = await readHead(input.chunks);
  if (head.length === 0)
    throw new QuietlistError('INPUT_INVALID', 'the input is empty: a header row is needed');
  const { body, hadBom } = stripBom(head);
  const delimiter = options.delimiter ?? sniffDelimiter(body);
  const recordDelimiter = headerLineEnding(body);
  const shape = { mode: options.mode, delimiter, eol: recordDelimiter ?? '\n', hadBom };

  const batches = new RowBatches(options.classifier, options.batchRows ?? 4096);
  const maxInFlight = Math.max(2, options.classifier.threads * 3);
  const writer = new ScrubWriter();
  const writeSettled = async (keep: number) => {
    for await (const batch of batches.settle(keep)) {
      await writer.write(batch);
      options.onProgress?.({ rows: writer.counts.rows, bytes: input.bytes() });
    }
  };
  let header: { text: string; column: number } | undefined;
  let recordNumber = 0;
  const takeRecord = ({ fields, raw }: CsvRecord) => {
    if (header === undefined) {
      header = { text: recordText(raw), column: resolvePhoneColumn(fields, options.column) };
      return;
    }
    recordNumber++;
    const value = fields[header.column];
    if ((value === undefined || value.trim() === '') && isBlankRecord(fields)) writer.counts.blank++;
    else batches.add(value, recordText(raw), recordNumber);
  };

  try {
    for await (const records of readCsvRecords(prepend(body, rest), { delimiter, recordDelimiter })) {
      for (const record of records) takeRecord(record);
      if (header && !writer.opened) await writer.open(options.outputs, { ...shape, header: header.text });
      if (writer.opened) await writeSettled(maxInFlight);
    }
    if (!header) throw new QuietlistError('INPUT_INVALID', 'the input has no header row');
    if (!writer.opened) await writer.open(options.outputs, { ...shape, header: header.text });
    batches.dispatch();
    await writeSettled(0);
    return {
      counts: writer.counts,
      invalidByReason: writer.invalidByReason,
      input: { bytes: input.bytes(), sha256: input.sha256() },
      outputs: await writer.commit(),
      delimiter,
    };
  } catch (error) {
    await batches.abandon();
    await writer.abort();
    throw error;
  }
}

/** The input as Buffers, hashed and counted as it is read (for the receipt). */
function hashedInput(source: AsyncIterable<Uint8Array>) {
  const sha = createHash('sha256');
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      sha.update(chunk);
      bytes += chunk.length;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  return { chunks: chunks(), bytes: () => bytes, sha256: () => sha.digest('hex') };
}

async function* prepend(first: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  yield* rest;
}
