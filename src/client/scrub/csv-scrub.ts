/**
 * The scrub engine: streams a CSV call list through csv-parse, classifies each row's phone value in
 * batches (classifier-pool.ts), and writes every row, byte for byte as it came (csv-parse's `raw`
 * text), to the clean, listed or rejects output. Memory holds the filter plus a bounded number of
 * batches, whatever the file size; outputs appear only once the header has been checked.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import { QuietlistError } from '../../core/errors.ts';
import {
  describeCsvError,
  isBlankRecord,
  recordText,
  resolvePhoneColumn,
  sniffDelimiter,
  stripBom,
} from './csv-shape.ts';
import { OutputFile, type OutputSummary, type OutputTarget } from './output-file.ts';
import { readHead } from './read-head.ts';
import type { RowClassifier } from './row-classifier.ts';
import { RowLayout, type ScrubCounts, type ScrubMode, type ScrubOutputs } from './row-layout.ts';
import type { ScrubRejectReason } from './row-status.ts';

export type { ScrubCounts, ScrubMode } from './row-layout.ts';
export { REJECT_COLUMNS, STATUS_COLUMN } from './row-layout.ts';

export interface CsvScrubOptions {
  input: AsyncIterable<Uint8Array>;
  column: string;
  /** Default: sniffed from the header line like the builder does (, ; tab |). */
  delimiter?: string;
  mode: ScrubMode;
  classifier: RowClassifier;
  outputs: { clean: OutputTarget; listed?: OutputTarget; rejects?: OutputTarget };
  batchRows?: number;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

export interface CsvScrubResult {
  counts: ScrubCounts;
  invalidByReason: Partial<Record<ScrubRejectReason, number>>;
  input: { bytes: number; sha256: string };
  outputs: { clean: OutputSummary; listed?: OutputSummary; rejects?: OutputSummary };
  delimiter: string;
}

interface Batch {
  values: (string | undefined)[];
  texts: string[];
  rows: number[];
  statuses?: Promise<Uint8Array>;
}

const MAX_RECORD_CHARS = 1 << 20;

export async function scrubCsv(options: CsvScrubOptions): Promise<CsvScrubResult> {
  const batchRows = options.batchRows ?? 4096;
  const maxInFlight = Math.max(2, options.classifier.threads * 3);
  const sha = createHash('sha256');
  let inputBytes = 0;
  const hashed = async function* () {
    for await (const chunk of options.input) {
      sha.update(chunk);
      inputBytes += chunk.length;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  };
  const { head, rest } = await readHead(hashed());
  if (head.length === 0)
    throw new QuietlistError('INPUT_INVALID', 'the input is empty: a header row is needed');
  const { body, hadBom } = stripBom(head);
  const delimiter = options.delimiter ?? sniffDelimiter(body);

  const counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
  const invalidByReason: Partial<Record<ScrubRejectReason, number>> = {};
  let columnIndex = -1;
  let headerText: string | undefined;
  let failure: unknown;
  let recordNumber = 0;
  let current: Batch = { values: [], texts: [], rows: [] };
  const inFlight: Batch[] = [];
  const dispatch = () => {
    if (current.values.length === 0) return;
    current.statuses = options.classifier.classify(current.values);
    inFlight.push(current);
    current = { values: [], texts: [], rows: [] };
  };

  const parser = parse({
    delimiter,
    raw: true,
    encoding: 'latin1',
    bom: false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let parseError: QuietlistError | undefined;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', (error) => {
      parseError ??= describeCsvError(error);
      reject(parseError);
    });
  });
  parsed.catch(() => undefined); // observed below; avoids an unhandled rejection while awaiting others
  /** Resolves when the parser takes more input, or has failed (a failed parser never drains). */
  const writable = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  parser.on('data', ({ record, raw }: { record: string[]; raw: string }) => {
    if (failure !== undefined) return;
    if (headerText === undefined) {
      try {
        columnIndex = resolvePhoneColumn(record, options.column);
      } catch (error) {
        failure = error;
        return;
      }
      headerText = recordText(raw);
      return;
    }
    recordNumber++;
    const value = record[columnIndex];
    if ((value === undefined || value.trim() === '') && isBlankRecord(record)) {
      counts.blank++;
      return;
    }
    current.values.push(value);
    current.texts.push(recordText(raw));
    current.rows.push(recordNumber);
    if (current.values.length >= batchRows) dispatch();
  });

  const outputs: { clean?: OutputFile; listed?: OutputFile; rejects?: OutputFile } = {};
  let layout: RowLayout | undefined;
  const writeBatch = async (batch: Batch) => {
    const statuses = await batch.statuses!;
    layout!.write(batch, statuses, counts, invalidByReason);
    for (const output of Object.values(outputs)) if (output.needsFlush) await output.flush();
    options.onProgress?.({ rows: counts.rows, bytes: inputBytes });
  };
  const drain = async (limit: number) => {
    while (inFlight.length > limit) await writeBatch(inFlight.shift()!);
  };
  const openOutputs = async () => {
    const eol = recordDelimiterOf(parser);
    outputs.clean = await OutputFile.open(options.outputs.clean);
    if (options.outputs.listed) outputs.listed = await OutputFile.open(options.outputs.listed);
    if (options.outputs.rejects) outputs.rejects = await OutputFile.open(options.outputs.rejects);
    layout = new RowLayout(options.mode, delimiter, eol, outputs as ScrubOutputs);
    layout.writeHeaders(headerText!, hadBom);
  };

  try {
    for await (const piece of prepend(body, rest)) {
      if (parseError) throw parseError;
      if (!parser.write(piece)) await writable();
      if (failure !== undefined) throw failure;
      if (parseError) throw parseError;
      if (!layout && headerText !== undefined) await openOutputs();
      if (layout) await drain(maxInFlight);
    }
    parser.end();
    await parsed;
    if (failure !== undefined) throw failure;
    if (headerText === undefined) throw new QuietlistError('INPUT_INVALID', 'the input has no header row');
    if (!layout) await openOutputs();
    dispatch();
    await drain(0);
    const clean = await outputs.clean!.commit();
    const listed = await outputs.listed?.commit();
    const rejects = await outputs.rejects?.commit();
    return {
      counts,
      invalidByReason,
      input: { bytes: inputBytes, sha256: sha.digest('hex') },
      outputs: { clean, listed, rejects },
      delimiter,
    };
  } catch (error) {
    parser.destroy();
    await Promise.allSettled(inFlight.map((batch) => batch.statuses));
    for (const output of Object.values(outputs)) await output.abort();
    throw error;
  }
}

async function* prepend(first: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  yield* rest;
}

/** The line ending csv-parse found (the input's own), else "\n". */
function recordDelimiterOf(parser: ReturnType<typeof parse>): string {
  const found = (parser as unknown as { options: { record_delimiter?: Buffer[] } }).options.record_delimiter;
  return found?.[0]?.toString('latin1') ?? '\n';
}
