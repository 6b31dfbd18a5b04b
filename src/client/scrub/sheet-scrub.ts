/**
 * Scrubbing a spreadsheet file (.xlsx, or .ods): the workbook is read whole, scrubbed in memory by
 * sheet-workbook.ts (shared with the browser page) and each output workbook written through
 * OutputFile (renamed into place only when every output is complete).
 *
 * Not streaming: the workbook is held in memory (measured: 490 MB peak for 100,000 rows of five
 * columns, a 7.5 MB file), so inputs above MAX_SHEET_BYTES are refused with a hint to save the sheet
 * as CSV, which streams at any size; what the file inflates to and the cells it holds are limited too,
 * before SheetJS reads it (workbook-limits.ts: a 1.6 MB bomb can inflate to 1.6 GB).
 */
import { QuietlistError } from '../../core/errors.ts';
import type { HashedInput } from './hashed-input.ts';
import { OutputFile } from './output-file.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { ScrubCounts, ScrubMode } from './row-layout.ts';
import type { ScrubRejectReason } from './row-status.ts';
import type { ScrubTargets, WrittenOutputs } from './scrub-writer.ts';
import { type SheetFormat, scrubWorkbook, type WorkbookOutput } from './sheet-workbook.ts';

export { cellText, type SheetFormat } from './sheet-workbook.ts';

/** Compressed workbook size held in memory at most (a CSV export has no limit). */
export const MAX_SHEET_BYTES = 32 * 1024 * 1024;

export interface SheetScrubOptions {
  input: HashedInput;
  format: SheetFormat;
  /** The sheet to scrub (default: the first). */
  sheet?: string;
  /** The phone columns (names or 1-based positions); none: the header's phone columns. */
  columns?: readonly string[];
  mode: ScrubMode;
  classifier: RowClassifier;
  outputs: ScrubTargets;
  /** Formula cells written as their values (sheet-workbook.ts). */
  excelSafe?: boolean;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

export interface SheetScrubResult {
  counts: ScrubCounts;
  invalidByReason: Partial<Record<ScrubRejectReason, number>>;
  input: { bytes: number; sha256: string };
  outputs: WrittenOutputs;
  format: SheetFormat;
  sheet: string;
  column: string;
  columns: string[];
  formulaCells: number;
  excelSafe: boolean;
}

export async function scrubSheet(options: SheetScrubOptions): Promise<SheetScrubResult> {
  const bytes = await readWhole(options.input.chunks);
  const scrubbed = await scrubWorkbook(bytes, {
    format: options.format,
    sheet: options.sheet,
    columns: options.columns,
    mode: options.mode,
    classifier: options.classifier,
    listed: options.outputs.listed !== undefined,
    rejects: options.outputs.rejects !== undefined,
    unchecked: options.outputs.unchecked !== undefined,
    excelSafe: options.excelSafe,
    onProgress: (rows) => options.onProgress?.({ rows, bytes: bytes.length }),
  });
  const write = async (target: ScrubTargets['clean'] | undefined, out: WorkbookOutput | undefined) => {
    if (!target || !out) return undefined;
    const file = await OutputFile.open(target);
    file.addBytes(out.bytes, out.rows);
    return file;
  };
  const files: OutputFile[] = [];
  try {
    const cleanFile = (await write(options.outputs.clean, scrubbed.outputs.clean))!;
    files.push(cleanFile);
    const listedFile = await write(options.outputs.listed, scrubbed.outputs.listed);
    if (listedFile) files.push(listedFile);
    const rejectsFile = await write(options.outputs.rejects, scrubbed.outputs.rejects);
    if (rejectsFile) files.push(rejectsFile);
    const leftUnchecked = scrubbed.outputs.unchecked?.rows ? scrubbed.outputs.unchecked : undefined;
    const uncheckedFile = await write(options.outputs.unchecked, leftUnchecked);
    if (uncheckedFile) files.push(uncheckedFile);
    const outputs: WrittenOutputs = { clean: await cleanFile.commit() };
    if (listedFile) outputs.listed = await listedFile.commit();
    if (rejectsFile) outputs.rejects = await rejectsFile.commit();
    if (uncheckedFile) outputs.unchecked = await uncheckedFile.commit();
    return {
      counts: scrubbed.counts,
      invalidByReason: scrubbed.invalidByReason,
      input: { bytes: options.input.bytes(), sha256: options.input.sha256() },
      outputs,
      format: options.format,
      sheet: scrubbed.sheet,
      column: scrubbed.column,
      columns: scrubbed.columns,
      formulaCells: scrubbed.formulaCells,
      excelSafe: options.excelSafe ?? false,
    };
  } catch (error) {
    for (const file of files) await file.abort();
    throw error;
  }
}

async function readWhole(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length > MAX_SHEET_BYTES) {
      throw new QuietlistError(
        'INPUT_INVALID',
        `the workbook is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB, more than scrub holds in memory: save the sheet as CSV (which scrub streams) and scrub that`,
      );
    }
  }
  return Buffer.concat(parts, length);
}
