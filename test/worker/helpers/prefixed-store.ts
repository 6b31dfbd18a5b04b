/** Gives each test suite its own corner of the shared R2 bucket. */
import { StorageError } from '../../../src/core/errors.ts';
import type { ObjectStore, PutOptions, StoredObject } from '../../../src/storage/object-store.ts';

export class PrefixedStore implements ObjectStore {
  readonly description: string;
  readonly #inner: ObjectStore;
  readonly #prefix: string;
  /** Set to make every operation fail as an outage would. */
  down = false;

  constructor(inner: ObjectStore, prefix: string) {
    this.#inner = inner;
    this.#prefix = prefix;
    this.description = `${inner.description}/${prefix}`;
  }

  get(key: string): Promise<StoredObject | null> {
    return this.#guard(() => this.#inner.get(this.#prefix + key));
  }
  size(key: string): Promise<number | null> {
    return this.#guard(async () => {
      const inner = this.#inner;
      return inner.size
        ? inner.size(this.#prefix + key)
        : ((await inner.get(this.#prefix + key))?.body.length ?? null);
    });
  }
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<string> {
    return this.#guard(() => this.#inner.put(this.#prefix + key, body, options));
  }
  async list(prefix: string): Promise<string[]> {
    const keys = await this.#guard(() => this.#inner.list(this.#prefix + prefix));
    return keys.map((key) => key.slice(this.#prefix.length));
  }
  delete(keys: string[]): Promise<void> {
    return this.#guard(() => this.#inner.delete(keys.map((key) => this.#prefix + key)));
  }

  async #guard<T>(body: () => Promise<T>): Promise<T> {
    if (this.down) throw new StorageError('STORAGE_UNAVAILABLE', 'test outage');
    return body();
  }
}
