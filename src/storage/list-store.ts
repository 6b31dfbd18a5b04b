/**
 * A list's view of a store (docs/FORMAT.md §14.1): the root list (`default`) is the store itself, every
 * other list the same layout under `lists/<name>/`. Everything that reads or writes one list (the
 * builder, retention, `renew`, the server's epoch cache and trust state, pull from a store) works on
 * this view unchanged, so a list has its own pointer, epochs, retention and key retirement records.
 */
import { DEFAULT_LIST, listPrefix } from '../core/lists/list-name.ts';
import type { ObjectStore, PutOptions, StoredObject } from './object-store.ts';

export function listStore(store: ObjectStore, list: string): ObjectStore {
  return list === DEFAULT_LIST ? store : new PrefixedStore(store, listPrefix(list));
}

class PrefixedStore implements ObjectStore {
  readonly description: string;
  readonly #store: ObjectStore;
  readonly #prefix: string;
  readonly size?: (key: string) => Promise<number | null>;

  constructor(store: ObjectStore, prefix: string) {
    this.#store = store;
    this.#prefix = prefix;
    this.description = `${store.description.replace(/\/+$/, '')}/${prefix.replace(/\/$/, '')}`;
    const size = store.size?.bind(store);
    if (size) this.size = (key) => size(this.#prefix + key);
  }

  get(key: string): Promise<StoredObject | null> {
    return this.#store.get(this.#prefix + key);
  }

  put(key: string, body: Uint8Array, options?: PutOptions): Promise<string> {
    return this.#store.put(this.#prefix + key, body, options);
  }

  async list(prefix: string): Promise<string[]> {
    const keys = await this.#store.list(this.#prefix + prefix);
    return keys.map((key) => key.slice(this.#prefix.length));
  }

  delete(keys: string[]): Promise<void> {
    return this.#store.delete(keys.map((key) => this.#prefix + key));
  }

  // No sweepDebris: a list's view leaves the store's own leftovers to the store (the root list's retention sweeps them).

  close(): void {
    (this.#store as { close?: () => void }).close?.();
  }
}
