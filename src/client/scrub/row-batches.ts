/**
 * Classifying in batches: rows are gathered into batches of `batchRows`, each batch is handed to the
 * classifier as soon as it is full (threads hash it while more rows are read), and finished batches
 * come back strictly in input order. At most `maxInFlight` batches wait, which bounds memory. A row
 * brings one value per phone column; the classifier sees them all, row by row, and each row gets one
 * status (row-columns.ts).
 */

import type { RowClassifier } from './row-classifier.ts';
import { combineColumns } from './row-columns.ts';
import type { RowBatch } from './row-layout.ts';

export interface ClassifiedBatch extends RowBatch {
  statuses: Uint8Array;
  /** Several phone columns: per row, the columns that decided its status. */
  columns?: Uint32Array;
}

interface PendingBatch extends RowBatch {
  values: (string | undefined)[];
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
    const batch = this.#current;
    for (let c = 0; c < this.#columns; c++) batch.values.push(values[c]);
    batch.texts.push(text);
    batch.rows.push(row);
    if (batch.texts.length >= this.#batchRows) this.dispatch();
  }

  /** Sends the partly filled batch to the classifier (at the end of the input). */
  dispatch(): void {
    const batch = this.#current;
    if (batch.values.length === 0) return;
    const columns = this.#columns;
    batch.verdicts = this.#classifier
      .classify(batch.values)
      .then((values) => combineColumns(values, columns));
    this.#inFlight.push(batch);
    this.#current = emptyBatch();
  }

  /** Classified batches, in input order, until at most `keep` are still in flight. */
  async *settle(keep: number): AsyncGenerator<ClassifiedBatch> {
    while (this.#inFlight.length > keep) {
      const batch = this.#inFlight.shift()!;
      const { statuses, columns } = await batch.verdicts!;
      yield { texts: batch.texts, rows: batch.rows, statuses, ...(columns ? { columns } : {}) };
    }
  }

  /** Waits for every batch in flight to end (after a failure, before the outputs are removed). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0).map((batch) => batch.verdicts));
  }
}

function emptyBatch(): PendingBatch {
  return { values: [], texts: [], rows: [] };
}
