/**
 * Where each scrubbed row goes and what is appended to it: clean, listed, rejected or not yet checked,
 * the status column of flag mode, the row number and reason of the rejects file, and, when several
 * phone columns are checked, which column matched. The extra fields are quoted once, by
 * csv-stringify, for the input's delimiter; the rows themselves are the input's own text, except that
 * with `excelSafe` a field a spreadsheet would run as a formula gets a `'` before it (excel-safe.ts).
 * Formula-like fields are counted either way, so the CLI can say when the outputs need it.
 */
import { stringify } from 'csv-stringify/sync';
import { UTF8_BOM_TEXT } from '../../core/text/csv-dialect.ts';
import { latin1Text } from '../../core/text/latin1.ts';
import { hasFormulaCell, isFormulaLike, safeRow } from './excel-safe.ts';
import { columnNames } from './row-columns.ts';
import {
  LISTED,
  NOT_LISTED,
  reasonOf,
  SCRUB_REASON_TEXT,
  type ScrubRejectReason,
  UNCHECKED,
} from './row-status.ts';

export type ScrubMode = 'drop' | 'flag';

export interface ScrubCounts {
  /** Data rows checked: listed + clean + invalid (rows not yet checked are not counted here). */
  rows: number;
  listed: number;
  clean: number;
  invalid: number;
  /** Records with every field empty, skipped like empty lines. */
  blank: number;
}

/** The rows of one batch: their text as read, their record numbers. */
export interface RowBatch {
  /** Each row's text: a string, or (the CLI) where its bytes are in the input, so no string is made. */
  texts: string[] | RowRanges;
  rows: number[];
}

/** Row i's text is the latin1 form of `sources[i]` from `starts[i]` to `ends[i]` (line breaks excluded). */
export interface RowRanges {
  sources: Uint8Array[];
  starts: number[];
  ends: number[];
}

/** Where rows go: an OutputFile (Node) or the browser page's in-memory text. */
export interface RowSink {
  /** Adds text (one or more rows, line endings included); `rows` counts data rows. */
  add(text: string, rows?: number): void;
  /** Adds bytes `start` to `end` of `bytes`, the latin1 form of a row's text (no row counted). */
  addRange?(bytes: Uint8Array, start: number, end: number): void;
}

export interface ScrubOutputs {
  clean: RowSink;
  listed?: RowSink;
  rejects?: RowSink;
  /** Rows whose numbers could not all be checked (a scrub stopped by the quota), as they were read. */
  unchecked?: RowSink;
}

/** The column flag mode adds, and the two the rejects file adds. */
export const STATUS_COLUMN = 'quietlist_status';
export const REJECT_COLUMNS = ['quietlist_row', 'quietlist_reason'] as const;
/** With several phone columns: the column(s) whose number made the row listed or rejected. */
export const MATCHED_COLUMN = 'quietlist_column';

export class RowLayout {
  readonly #mode: ScrubMode;
  readonly #eol: string;
  readonly #delimiter: string;
  /** The delimiter's byte, for rows given as bytes (whose delimiter is one byte: csv-records.ts). */
  readonly #delimiterByte: number;
  readonly #outputs: ScrubOutputs;
  readonly #statusSuffix: Record<'listed' | 'not_listed' | 'invalid', string>;
  readonly #reasonSuffix = new Map<ScrubRejectReason, string>();
  /** The phone columns' names when there are several (else undefined: no column field). */
  readonly #columns: readonly string[] | undefined;
  readonly #excelSafe: boolean;
  /** Cells of the rows and header written that start like a formula (prefixed with `'` when excelSafe). */
  formulaCells = 0;

  /**
   * `phoneColumns`: the phone columns' names (a `quietlist_column` field when there are several);
   * `excelSafe`: a `'` before formula-like fields.
   */
  constructor(
    mode: ScrubMode,
    delimiter: string,
    eol: string,
    outputs: ScrubOutputs,
    options: { phoneColumns?: readonly string[]; excelSafe?: boolean } = {},
  ) {
    this.#mode = mode;
    this.#excelSafe = options.excelSafe ?? false;
    this.#eol = eol;
    this.#delimiter = delimiter;
    this.#delimiterByte = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    this.#outputs = outputs;
    const phoneColumns = options.phoneColumns ?? [];
    this.#columns = phoneColumns.length > 1 ? phoneColumns : undefined;
    this.#statusSuffix = {
      listed: this.#fields(['listed']),
      not_listed: this.#fields(['not_listed']),
      invalid: this.#fields(['invalid']),
    };
  }

  /** `preamble`: Excel's `sep=` line with its line ending, written first, as it came. */
  writeHeaders(rawHeader: string, hadBom: boolean, preamble = ''): void {
    const header = preamble + this.#safe(rawHeader);
    const bom = hadBom ? UTF8_BOM_TEXT : '';
    const { clean, listed, rejects, unchecked } = this.#outputs;
    const column = this.#columns ? [MATCHED_COLUMN] : [];
    const status = this.#mode === 'flag' ? this.#fields([STATUS_COLUMN, ...column]) : '';
    clean.add(`${bom}${header}${status}${this.#eol}`, 0);
    listed?.add(`${bom}${header}${column.length ? this.#fields(column) : ''}${this.#eol}`, 0);
    rejects?.add(`${bom}${header}${this.#fields([...REJECT_COLUMNS, ...column])}${this.#eol}`, 0);
    unchecked?.add(`${bom}${header}${this.#eol}`, 0);
  }

  write(
    batch: RowBatch & { columns?: Uint32Array },
    statuses: Uint8Array,
    counts: ScrubCounts,
    invalidByReason: Partial<Record<ScrubRejectReason, number>>,
  ): void {
    const { clean, listed, rejects, unchecked } = this.#outputs;
    const flag = this.#mode === 'flag';
    const eol = this.#eol;
    const matched = (i: number) => (this.#columns ? this.#fields([this.#columnsOf(batch, i)]) : '');
    const texts = batch.texts;
    const ranges = Array.isArray(texts) ? undefined : texts;
    /** Row i as written (formula cells counted once per row), or undefined: its bytes pass as they are. */
    let text: string | undefined;
    let i = 0;
    /** Row i, then `after` (its added fields and line ending), into `sink`. */
    const put = (sink: RowSink, after: string, rows = 1) => {
      if (text !== undefined) {
        sink.add(`${text}${after}`, rows);
        return;
      }
      const { sources, starts, ends } = ranges!;
      if (sink.addRange) {
        sink.addRange(sources[i]!, starts[i]!, ends[i]!);
        sink.add(after, rows);
      } else {
        sink.add(`${latin1Text(sources[i]!.subarray(starts[i]!, ends[i]!))}${after}`, rows);
      }
    };
    for (i = 0; i < statuses.length; i++) {
      const status = statuses[i]!;
      if (ranges === undefined) text = this.#safe((texts as string[])[i]!);
      else {
        const source = ranges.sources[i]!;
        const start = ranges.starts[i]!;
        const end = ranges.ends[i]!;
        text = this.#formulaFree(source, start, end)
          ? undefined
          : this.#safe(latin1Text(source.subarray(start, end)));
      }
      if (status === UNCHECKED) {
        // Never in the clean file: an unchecked row may be a registered number.
        if (!unchecked) throw new Error('a row was left unchecked but the scrub has no output for it');
        put(unchecked, eol);
        continue;
      }
      counts.rows++;
      if (status === NOT_LISTED) {
        counts.clean++;
        put(clean, flag ? `${this.#statusSuffix.not_listed}${matched(i)}${eol}` : eol);
      } else if (status === LISTED) {
        counts.listed++;
        if (flag) put(clean, `${this.#statusSuffix.listed}${matched(i)}${eol}`);
        if (listed) put(listed, `${matched(i)}${eol}`);
      } else {
        const reason = reasonOf(status)!;
        counts.invalid++;
        invalidByReason[reason] = (invalidByReason[reason] ?? 0) + 1;
        if (flag) put(clean, `${this.#statusSuffix.invalid}${matched(i)}${eol}`);
        if (rejects)
          put(rejects, `${this.#delimiter}${batch.rows[i]}${this.#reason(reason)}${matched(i)}${eol}`);
      }
    }
  }

  /** A row given as bytes with no formula-like cell passes as its bytes (hasFormulaCell, excel-safe.ts). */
  #formulaFree(bytes: Uint8Array, start: number, end: number): boolean {
    return this.#delimiterByte !== -1 && !hasFormulaCell(bytes, start, end, this.#delimiterByte);
  }

  #columnsOf(batch: { columns?: Uint32Array }, i: number): string {
    const names = columnNames(this.#columns!, batch.columns?.[i] ?? 0);
    // A header name that starts like a formula is neutralised here too (it is a field of the row written).
    return this.#excelSafe && isFormulaLike(names) ? `'${names}` : names;
  }

  /** The row as written: itself, or with `'` before its formula-like fields (excel-safe.ts). */
  #safe(raw: string): string {
    const safe = safeRow(raw, this.#delimiter, this.#excelSafe);
    this.formulaCells += safe.formulaCells;
    return safe.text;
  }

  #reason(reason: ScrubRejectReason): string {
    let suffix = this.#reasonSuffix.get(reason);
    if (suffix === undefined) {
      suffix = this.#fields([`${reason}: ${SCRUB_REASON_TEXT[reason]}`]);
      this.#reasonSuffix.set(reason, suffix);
    }
    return suffix;
  }

  /** Fields appended to a row: each preceded by the delimiter, quoted as the CSV rules require. */
  #fields(values: string[]): string {
    return this.#delimiter + stringify([values], { delimiter: this.#delimiter, eof: false });
  }
}
