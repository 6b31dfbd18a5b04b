/**
 * The call list the person chose, held in memory by the Web Worker and read as `scrub` reads it: what
 * kind of file it is (refused by its content when it is not a list: core/text/spreadsheet-magic.ts),
 * its columns and the phone columns the CLI would pick, its rows, and "passes": one read of every row
 * through the scrub engine with a classifier, which the page runs once to count the numbers and once
 * to scrub them (CSV: csv-file.ts; .xlsx and .ods: client/scrub/sheet-workbook.ts).
 */
import { resolvePhoneColumns } from '../../client/scrub/phone-column.ts';
import type { RowClassifier } from '../../client/scrub/row-classifier.ts';
import type { ScrubCounts, ScrubMode } from '../../client/scrub/row-layout.ts';
import type { SheetFormat } from '../../client/scrub/sheet-workbook.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { ScrubReceipt } from '../../core/receipt/receipt.ts';
import { detectFileKind, type NotACallList } from '../../core/text/spreadsheet-magic.ts';
import type { ProblemKey } from '../shared/strings/en.ts';
import {
  type CsvFile,
  csvDataRows,
  csvHeader,
  encodeCsvOutput,
  readCsvFile,
  scrubCsvFile,
} from './csv-file.ts';
import { pageFailure } from './page-failure.ts';

export interface InspectedFile {
  format: 'csv' | SheetFormat;
  /** CSV: the encoding and delimiter read; a workbook: the sheet. */
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  columns: string[];
  /** The phone columns the CLI would check (0-based): every column whose header names a phone. */
  suggested: number[];
  /** Data rows (blank rows not counted). */
  rows: number;
}

export interface OutputFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  rows: number;
}

export interface PassOutcome {
  counts: ScrubCounts;
  invalidByReason: Record<string, number>;
  outputs: { clean: OutputFile; listed: OutputFile; rejects: OutputFile; unchecked: OutputFile };
  /** How the file was read, for the receipt (region and mode are the caller's). */
  settings: ReadSettings;
  /** Cells that start like a formula: neutralised when excelSafe (client/scrub/excel-safe.ts), else kept. */
  formulaCells: number;
}

type Settings = ScrubReceipt['settings'];
type ReadSettings = Settings extends infer S
  ? S extends Settings
    ? Omit<S, 'region' | 'mode'>
    : never
  : never;

const WHAT_IT_IS: Record<NotACallList, ProblemKey> = {
  pdf: 'kindPdf',
  image: 'kindImage',
  word: 'kindWord',
  presentation: 'kindPresentation',
  archive: 'kindArchive',
  zip: 'kindArchive',
  xls: 'kindXls',
  html: 'kindHtml',
  rtf: 'kindRtf',
  program: 'kindProgram',
};

const SPREADSHEET_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** SheetJS (most of the worker's code) is loaded only for a workbook: a CSV never downloads it. */
function workbooks(): Promise<typeof import('../../client/scrub/sheet-workbook.ts')> {
  return import('../../client/scrub/sheet-workbook.ts');
}

/** What the file is, refusing what is not a call list, by its content whatever its name. */
export function fileFormat(bytes: Uint8Array): 'csv' | SheetFormat {
  if (bytes.length === 0) throw pageFailure('fileEmpty');
  const kind = detectFileKind(bytes.subarray(0, 64 * 1024));
  if (kind === undefined) return 'csv';
  if (kind === 'xlsx' || kind === 'ods') return kind;
  throw pageFailure(WHAT_IT_IS[kind], `the file is ${kind}`);
}

function suggested(names: string[]): number[] {
  try {
    return resolvePhoneColumns(names, undefined).map((column) => column.index);
  } catch {
    return [];
  }
}

function readCsv(bytes: Uint8Array): CsvFile {
  try {
    return readCsvFile(bytes);
  } catch (error) {
    const message = (error as Error).message;
    if (/no header row/.test(message)) throw pageFailure('fileNoHeader', message);
    if (/empty/.test(message)) throw pageFailure('fileEmpty', message);
    throw pageFailure('fileNotCsv', message);
  }
}

/** A workbook that SheetJS cannot read, or whose sheet is empty, said in the person's words. */
async function withWorkbookProblems<T>(read: () => Promise<T> | T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof QuietlistError) || error.code !== 'INPUT_INVALID') throw error;
    const message = error.message;
    if (/is empty/.test(message)) throw pageFailure('workbookEmpty', message);
    // workbook-limits.ts: past a size, a cell count or Excel's grid (a bomb, or simply too large).
    if (/larger than|more than|reaches past/.test(message)) throw pageFailure('workbookTooBig', message);
    throw pageFailure('workbookUnreadable', message);
  }
}

export interface CallList {
  inspected: InspectedFile;
  /** One read of every row: `keep: false` counts them and writes nothing. */
  pass(
    classifier: RowClassifier,
    mode: ScrubMode,
    options: { keep: boolean; excelSafe?: boolean; onProgress?: (rows: number) => void },
  ): Promise<PassOutcome>;
}

export async function openCallList(name: string, bytes: Uint8Array, columns?: number[]): Promise<CallList> {
  const format = fileFormat(bytes);
  const base = name.replace(/\.[^.]*$/, '') || 'list';
  if (format === 'csv') {
    const file = readCsv(bytes);
    const names = csvHeader(file);
    const inspected: InspectedFile = {
      format,
      encoding: file.encoding,
      delimiter: file.delimiter,
      columns: names,
      suggested: suggested(names),
      rows: csvDataRows(file),
    };
    const chosen = columns ?? inspected.suggested;
    return {
      inspected,
      async pass(classifier, mode, options) {
        const done = await scrubCsvFile(file, chosen, mode, classifier, options);
        const main = mode === 'flag' ? 'flagged' : 'clean';
        const out = (suffix: string, sink: typeof done.outputs.clean): OutputFile => ({
          name: `${base}.${suffix}.csv`,
          type: 'text/csv',
          bytes: options.keep ? encodeCsvOutput(sink, file.encoding) : new Uint8Array(),
          rows: sink.rows,
        });
        const phoneNames = chosen.map((c) => names[c]?.trim() ?? `column ${c + 1}`);
        return {
          counts: done.counts,
          invalidByReason: done.invalidByReason as Record<string, number>,
          outputs: {
            clean: out(main, done.outputs.clean),
            listed: out('listed', done.outputs.listed),
            rejects: out('rejects', done.outputs.rejects),
            unchecked: out('unchecked', done.outputs.unchecked),
          },
          settings: {
            column: phoneNames[0]!,
            ...(phoneNames.length > 1 ? { columns: phoneNames } : {}),
            format: 'csv',
            delimiter: file.delimiter,
            encoding: file.encoding,
            ...(options.excelSafe ? { excelSafe: true as const } : {}),
          },
          formulaCells: done.formulaCells,
        };
      },
    };
  }
  const sheets = await workbooks();
  const header = await withWorkbookProblems(() => sheets.workbookHeader(bytes, format));
  const inspected: InspectedFile = {
    format,
    sheet: header.sheet,
    columns: header.names,
    suggested: suggested(header.names),
    rows: header.rows,
  };
  const chosen = (columns ?? inspected.suggested).map((c) => String(c + 1));
  return {
    inspected,
    async pass(classifier, mode, options) {
      const done = await withWorkbookProblems(() =>
        sheets.scrubWorkbook(bytes, {
          format,
          columns: chosen,
          mode,
          classifier,
          listed: options.keep,
          rejects: options.keep,
          unchecked: options.keep,
          excelSafe: options.excelSafe,
          onProgress: options.onProgress,
        }),
      );
      const main = mode === 'flag' ? 'flagged' : 'clean';
      const out = (suffix: string, o: { bytes: Uint8Array; rows: number } | undefined): OutputFile => ({
        name: `${base}.${suffix}.${format}`,
        type: SPREADSHEET_TYPES[format],
        bytes: o?.bytes ?? new Uint8Array(),
        rows: o?.rows ?? 0,
      });
      return {
        counts: done.counts,
        invalidByReason: done.invalidByReason as Record<string, number>,
        outputs: {
          clean: out(main, done.outputs.clean),
          listed: out('listed', done.outputs.listed),
          rejects: out('rejects', done.outputs.rejects),
          unchecked: out('unchecked', done.outputs.unchecked),
        },
        settings: {
          column: done.column,
          ...(done.columns.length > 1 ? { columns: done.columns } : {}),
          format,
          sheet: done.sheet,
          ...(options.excelSafe ? { excelSafe: true as const } : {}),
        },
        formulaCells: done.formulaCells,
      };
    },
  };
}
