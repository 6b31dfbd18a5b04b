/**
 * An ObjectStore that counts what passes through it, by R2's billing classes: writes and listings
 * (class A), reads (class B, a miss included: R2 bills a GET that finds nothing), and the bytes
 * written; additions batches (`…/additions/<first>.json`) counted apart from everything else.
 */
import type { ObjectStore, PutOptions, StoredObject } from '../../src/storage/object-store.ts';

export interface StoreCounts {
  classA: number;
  classB: number;
  bytesWritten: number;
  batchWrites: number;
  batchBytesWritten: number;
  batchReads: number;
  /** Reads of a batch name that did not exist yet (the end of a chain, read forward). */
  batchMisses: number;
}

const BATCH_KEY = /\/additions\/\d{10}\.json$/;

export function emptyCounts(): StoreCounts {
  return {
    ...{ classA: 0, classB: 0, bytesWritten: 0 },
    ...{ batchWrites: 0, batchBytesWritten: 0, batchReads: 0, batchMisses: 0 },
  };
}

export class CountingStore implements ObjectStore {
  readonly counts = emptyCounts();
  readonly #inner: ObjectStore;

  constructor(inner: ObjectStore) {
    this.#inner = inner;
    if (inner.size) this.size = (key) => this.#read(key, inner.size!(key));
  }

  size?: (key: string) => Promise<number | null>;

  get description(): string {
    return this.#inner.description;
  }

  get(key: string): Promise<StoredObject | null> {
    return this.#read(key, this.#inner.get(key));
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<string> {
    this.counts.classA++;
    this.counts.bytesWritten += body.byteLength;
    if (BATCH_KEY.test(key)) {
      this.counts.batchWrites++;
      this.counts.batchBytesWritten += body.byteLength;
    }
    return this.#inner.put(key, body, options);
  }

  list(prefix: string): Promise<string[]> {
    this.counts.classA++;
    return this.#inner.list(prefix);
  }

  delete(keys: string[]): Promise<void> {
    // R2 does not bill deletes.
    return this.#inner.delete(keys);
  }

  async #read<T>(key: string, result: Promise<T>): Promise<T> {
    this.counts.classB++;
    const value = await result;
    if (BATCH_KEY.test(key)) {
      if (value === null) this.counts.batchMisses++;
      else this.counts.batchReads++;
    }
    return value;
  }
}
