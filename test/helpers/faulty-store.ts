/**
 * An ObjectStore wrapper that fails on purpose, to test (and rehearse in operations) what a crash or an
 * outage in the middle of a publish leaves behind. Injected failures are StorageError
 * ('STORAGE_UNAVAILABLE'), exactly what a real store throws.
 */
import { StorageError } from '../../src/core/errors.ts';
import type { ObjectStore, PutOptions, StoredObject } from '../../src/storage/object-store.ts';

export type StoreOperation = 'get' | 'put' | 'list' | 'delete';

export interface FaultOptions {
  /** The first n puts succeed, every later put fails. */
  failPutAfter?: number;
  /** Fail when this returns true; `key` is the prefix for list, each key for delete. */
  failOn?: (operation: StoreOperation, key: string) => boolean;
}

export class FaultyStore implements ObjectStore {
  readonly description: string;
  readonly #inner: ObjectStore;
  readonly #options: FaultOptions;
  /** Puts that reached the inner store. */
  putCount = 0;

  constructor(inner: ObjectStore, options: FaultOptions = {}) {
    this.#inner = inner;
    this.#options = options;
    this.description = inner.description;
  }

  async get(key: string): Promise<StoredObject | null> {
    this.#maybeFail('get', key);
    return this.#inner.get(key);
  }

  async size(key: string): Promise<number | null> {
    this.#maybeFail('get', key);
    return this.#inner.size ? this.#inner.size(key) : ((await this.#inner.get(key))?.body.length ?? null);
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<string> {
    const limit = this.#options.failPutAfter;
    if (limit !== undefined && this.putCount >= limit) this.#fail('put', key);
    this.#maybeFail('put', key);
    this.putCount++;
    return this.#inner.put(key, body, options);
  }

  async list(prefix: string): Promise<string[]> {
    this.#maybeFail('list', prefix);
    return this.#inner.list(prefix);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.#maybeFail('delete', key);
    return this.#inner.delete(keys);
  }

  #maybeFail(operation: StoreOperation, key: string): void {
    if (this.#options.failOn?.(operation, key)) this.#fail(operation, key);
  }

  #fail(operation: StoreOperation, key: string): never {
    throw new StorageError(
      'STORAGE_UNAVAILABLE',
      `${operation} ${key} on ${this.description} failed: injected fault`,
    );
  }
}
