/** An ObjectStore whose reads of chosen keys wait until the test releases them (a slow shard load). */
import type { ObjectStore, PutOptions, StoredObject } from '../../../src/storage/object-store.ts';

export class GatedStore implements ObjectStore {
  readonly description: string;
  readonly #inner: ObjectStore;
  readonly #gates: { matches: (key: string) => boolean; opened: Promise<void> }[] = [];
  gets = 0;

  constructor(inner: ObjectStore) {
    this.#inner = inner;
    this.description = inner.description;
  }

  /** Holds every later read of a matching key until the returned function is called. */
  hold(matches: (key: string) => boolean): () => void {
    let open = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.#gates.push({ matches, opened });
    return open;
  }

  async get(key: string): Promise<StoredObject | null> {
    this.gets++;
    const object = await this.#inner.get(key);
    for (const gate of this.#gates) if (gate.matches(key)) await gate.opened;
    return object;
  }
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<string> {
    return this.#inner.put(key, body, options);
  }
  list(prefix: string): Promise<string[]> {
    return this.#inner.list(prefix);
  }
  delete(keys: string[]): Promise<void> {
    return this.#inner.delete(keys);
  }
}
