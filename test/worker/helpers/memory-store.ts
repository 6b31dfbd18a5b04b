/** An in-memory ObjectStore for tests (runtime-neutral: used in Node and inside workerd). */
import { PreconditionFailedError, StorageError } from '../../../src/core/errors.ts';
import type { ObjectStore, PutOptions, StoredObject } from '../../../src/storage/object-store.ts';

export class MemoryStore implements ObjectStore {
  readonly description = 'memory://test';
  readonly objects = new Map<string, StoredObject>();
  /** Set to make every operation fail as an outage would. */
  down = false;
  gets = 0;
  #version = 0;

  async get(key: string): Promise<StoredObject | null> {
    this.#check();
    this.gets++;
    const object = this.objects.get(key);
    return object ? { body: object.body.slice(), etag: object.etag } : null;
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<string> {
    this.#check();
    const existing = this.objects.get(key);
    if (options.ifNoneMatch === '*' && existing) throw new PreconditionFailedError(`${key} exists`);
    if (options.ifMatch !== undefined && existing?.etag !== options.ifMatch) {
      throw new PreconditionFailedError(`${key} changed`);
    }
    const etag = `"v${++this.#version}-${body.length}"`;
    this.objects.set(key, { body: body.slice(), etag });
    return etag;
  }

  async list(prefix: string): Promise<string[]> {
    this.#check();
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async delete(keys: string[]): Promise<void> {
    this.#check();
    for (const key of keys) this.objects.delete(key);
  }

  #check(): void {
    if (this.down) throw new StorageError('STORAGE_UNAVAILABLE', 'memory store is down (test)');
  }
}
