/**
 * Classifying in batches: rows are gathered into batches of `batchRows`, each batch is handed to the
 * classifier as soon as it is full (threads hash it while more rows are read), and finished batches
 * come back strictly in input order. At most `maxInFlight` batches wait, which bounds memory.
 */
import type { RowClassifier } from './row-classifier.ts';
import type { RowBatch } from './row-layout.ts';

export interface ClassifiedBatch extends RowBatch {
  statuses: Uint8Array;
}

interface PendingBatch extends RowBatch {
  values: (string | undefined)[];
  statuses?: Promise<Uint8Array>;
}

export class RowBatches {
  readonly #classifier: RowClassifier;
  readonly #batchRows: number;
  readonly #inFlight: PendingBatch[] = [];
  #current: PendingBatch = emptyBatch();

  constructor(classifier: RowClassifier, batchRows: number) {
    this.#classifier = classifier;
    this.#batchRows = batchRows;
  }

  /** Adds a row: its phone value (undefined: no such field), its text, its record number. */
  add(value: string | undefined, text: string, row: number): void {
    const batch = this.#current;
    batch.values.push(value);
    batch.texts.push(text);
    batch.rows.push(row);
    if (batch.values.length >= this.#batchRows) this.dispatch();
  }

  /** Sends the partly filled batch to the classifier (at the end of the input). */
  dispatch(): void {
    const batch = this.#current;
    if (batch.values.length === 0) return;
    batch.statuses = this.#classifier.classify(batch.values);
    this.#inFlight.push(batch);
    this.#current = emptyBatch();
  }

  /** Classified batches, in input order, until at most `keep` are still in flight. */
  async *settle(keep: number): AsyncGenerator<ClassifiedBatch> {
    while (this.#inFlight.length > keep) {
      const batch = this.#inFlight.shift()!;
      yield { texts: batch.texts, rows: batch.rows, statuses: await batch.statuses! };
    }
  }

  /** Waits for every batch in flight to end (after a failure, before the outputs are removed). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.#inFlight.splice(0).map((batch) => batch.statuses));
  }
}

function emptyBatch(): PendingBatch {
  return { values: [], texts: [], rows: [] };
}
