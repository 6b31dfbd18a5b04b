/** What the CSV engine needs from a classifier: batches of column values in, one status byte per row out. */
export interface RowClassifier {
  /** How many batches it can usefully work on at once, divided by three (the engine keeps 3× in flight). */
  readonly threads: number;
  classify(values: (string | undefined)[]): Promise<Uint8Array>;
  close(): Promise<void>;
}
