/**
 * Subscriber lookups with a short cache: each record (or its absence) is trusted for `ttlMs`, so a
 * revocation or a new key takes effect on every instance within that delay (60 s by default).
 */
import type { ObjectStore } from '../../storage/object-store.ts';
import { readSubscriber, type SubscriberRecord } from './subscribers.ts';

const MAX_ENTRIES = 10_000;

export class SubscriberDirectory {
  readonly #store: ObjectStore;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { record: SubscriberRecord | null; expires: number }>();

  constructor(store: ObjectStore, ttlMs: number, now: () => number = Date.now) {
    this.#store = store;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Whether a live cached record answers `id` without a storage read. */
  cached(id: string): boolean {
    const hit = this.#cache.get(id);
    return hit !== undefined && hit.record !== null && hit.expires > this.#now();
  }

  async get(id: string): Promise<SubscriberRecord | null> {
    const now = this.#now();
    const hit = this.#cache.get(id);
    if (hit && hit.expires > now) return hit.record;
    const record = await readSubscriber(this.#store, id);
    if (this.#cache.size >= MAX_ENTRIES) this.#cache.clear();
    this.#cache.set(id, { record, expires: now + this.#ttlMs });
    return record;
  }
}
