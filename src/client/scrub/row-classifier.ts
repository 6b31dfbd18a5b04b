/** What the CSV engine needs from a classifier: batches of column values in, one status byte per value out. */
export interface RowClassifier {
  /** How many batches it can usefully work on at once, divided by three (the engine keeps 3× in flight). */
  readonly threads: number;
  /**
   * Told once the header is read, before any batch: how many values each row brings (one per phone
   * column, row by row in every batch). Classifiers that judge values one by one need not care.
   */
  startRows?(valuesPerRow: number): void;
  classify(values: (string | undefined)[]): Promise<Uint8Array>;
  close(): Promise<void>;
}
