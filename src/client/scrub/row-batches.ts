/**
 * Classifying in batches: rows are gathered into batches of `batchRows`, each batch is handed to the
 * classifier as soon as it is full (threads hash it while more rows are read), and finished batches
 * come back strictly in input order. At most `maxInFlight` batches wait, which bounds memory. A row
 * brings one value per phone column; the classifier sees them all, row by row, and each row gets one
 * status (row-columns.ts).
 */

import type { RowClassifier } from './row-classifier.ts';
import { combineColumns } from './row-columns.ts';
import type { RowBatch, RowRanges } from './row-layout.ts';

export interface ClassifiedBatch extends RowBatch {
  statuses: Uint8Array;
  /** Several phone columns: per row, the columns that decided its status. */
  columns?: Uint32Array;
}

interface PendingBatch {
  /** Dropped once the batch is sent: the classifier has what it needs. */
  values: (string | undefined)[];
  texts: string[];
  ranges: RowRanges;
  rows: number[];
  verdicts?: Promise<{ statuses: Uint8Array; columns?: Uint32Array }>;
}

export class RowBatches {
  readonly #classifier: RowClassifier;
  readonly #batchRows: number;
  readonly #columns: number;
  readonly #inFlight: PendingBatch[] = [];
  #current: PendingBatch = emptyBatch();

  constructor(classifier: RowClassifier, batchRows: number, columns = 1) {
    this.#classifier = classifier;
    this.#batchRows = batchRows;
    this.#columns = columns;
    classifier.startRows?.(columns);
  }

  /** Adds a row: its phone values, one per column (undefined: no such field), its text, its record number. */
  add(values: readonly (string | undefined)[], text: string, row: number): void {
    this.#current.texts.push(text);
    this.#addRow(values, row);
  }

  /**
   * Adds a row whose text is bytes `start` to `end` of `source` (latin1; not copied: `source` must
   * not change until the batch is written). A batch holds rows of one kind: all text, or all bytes.
   */
  addRange(
    values: readonly (string | undefined)[],
    source: Uint8Array,
    start: number,
    end: number,
    row: number,
  ): void {
    const { ranges } = this.#current;
    ranges.sources.push(source);
    ranges.starts.push(start);
    ranges.ends.push(end);
    this.#addRow(values, row);
  }

  #addRow(values: readonly (string | undefined)[], row: number): void {
    const batch = this.#current;
    for (let c = 0; c < this.#columns; c++) batch.values.push(values[c]);
    batch.rows.push(row);
    if (batch.rows.length >= this.#batchRows) this.dispatch();
  }

  /** Sends the partly filled batch to the classifier (at the end of the input). */
  dispatch(): void {
    const batch = this.#current;
    if (batch.values.length === 0) return;
    const columns = this.#columns;
    batch.verdicts = this.#classifier
      .classify(batch.values)
      .then((values) => combineColumns(values, columns));
    batch.values = [];
    this.#inFlight.push(batch);
    this.#current = emptyBatch();
  }

  /** Classified batches, in input order, until at most `keep` are still in flight. */
  async *settle(keep: number): AsyncGenerator<ClassifiedBatch> {
    while (this.#inFlight.length > keep) {
      const batch = this.#inFlight.shift()!;
      const { statuses, columns } = await batch.verdicts!;
      const texts = batch.ranges.sources.length > 0 ? batch.ranges : batch.texts;
      yield { texts, rows: batch.rows, statuses, ...(columns ? { columns } : {}) };
    }
  }

  /** Waits for every batch in flight to end (after a failure, before the outputs are removed). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0).map((batch) => batch.verdicts));
  }
}

function emptyBatch(): PendingBatch {
  return { values: [], texts: [], ranges: { sources: [], starts: [], ends: [] }, rows: [] };
}
