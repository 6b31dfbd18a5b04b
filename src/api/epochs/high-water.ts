/**
 * The high-water mark: the newest epoch this deployment ever accepted (freshness.ts refuses
 * anything older). It lives in one small JSON object of an ObjectStore, written only forward with a
 * conditional write, so several servers or isolates sharing it never move it back:
 * - Workers: the R2 bucket the worker already binds (`state/high-water.json`), shared by every isolate;
 * - Node (`quietlist serve --state-dir DIR`): a FileStore over DIR (`DIR/high-water.json`).
 * Without either, the mark is held in memory only (refusals still work until the process restarts).
 */
import { z } from 'zod';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';
import { PreconditionFailedError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';

export const HIGH_WATER_KEY = 'state/high-water.json';

const markSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  seenAt: z.string(),
});
export type HighWaterMark = z.infer<typeof markSchema>;

export interface HighWaterStore {
  /** Whether the mark survives a restart. */
  readonly durable: boolean;
  read(): Promise<HighWaterMark | null>;
  /** Stores `mark` unless the stored one is already as new (never moves back). */
  advance(mark: HighWaterMark): Promise<void>;
}

export class MemoryHighWater implements HighWaterStore {
  readonly durable = false;
  #mark: HighWaterMark | null = null;
  async read(): Promise<HighWaterMark | null> {
    return this.#mark;
  }
  async advance(mark: HighWaterMark): Promise<void> {
    if (!this.#mark || isNewer(mark, this.#mark)) this.#mark = mark;
  }
}

export class ObjectHighWater implements HighWaterStore {
  readonly durable = true;
  readonly #store: ObjectStore;
  readonly #key: string;

  constructor(store: ObjectStore, key: string = HIGH_WATER_KEY) {
    this.#store = store;
    this.#key = key;
  }

  async read(): Promise<HighWaterMark | null> {
    return (await this.#readWithEtag())?.mark ?? null;
  }

  async advance(mark: HighWaterMark): Promise<void> {
    // A few rounds of read-compare-write: losing a race only means someone stored a mark first.
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.#readWithEtag();
      if (stored && !isNewer(mark, stored.mark)) return;
      try {
        await this.#store.put(this.#key, new TextEncoder().encode(`${JSON.stringify(mark)}\n`), {
          ...(stored ? { ifMatch: stored.etag } : { ifNoneMatch: '*' as const }),
          contentType: 'application/json',
          cacheControl: 'no-store',
        });
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
  }

  async #readWithEtag(): Promise<{ mark: HighWaterMark; etag: string } | null> {
    const object = await this.#store.get(this.#key);
    if (!object) return null;
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(object.body));
    } catch {
      json = null;
    }
    const parsed = markSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${this.#key} in ${this.#store.description} is not a valid mark`);
    return { mark: parsed.data, etag: object.etag };
  }
}

function isNewer(a: HighWaterMark, b: HighWaterMark): boolean {
  return Date.parse(a.createdAt) > Date.parse(b.createdAt);
}
