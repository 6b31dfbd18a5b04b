/**
 * The server's trust state (core/epoch/trust-state.ts): the high-water mark (the newest epoch this
 * deployment ever accepted: freshness.ts refuses anything older) and where the signing-key chain has
 * moved (the key in force, the keys retired: a manifest signed by one is refused, after a restart too).
 * It lives in one small JSON object of an ObjectStore, written only forward with a conditional write,
 * so several servers or isolates sharing it never move it back:
 * - Workers: the R2 bucket the worker already binds (`state/high-water.json`), shared by every isolate;
 * - Node (`quietlist serve --state-dir DIR`): a FileStore over DIR (`DIR/high-water.json`).
 * Without either, it is held in memory only (refusals still work until the process restarts).
 * A file written before the key fields existed is read as it is (its mark holds) and gains them on
 * the next write.
 */
import { z } from 'zod';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';
import { mergeTrustStates, type TrustState, trustStateMoved } from '../../core/epoch/trust-state.ts';
import { PreconditionFailedError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';

export const HIGH_WATER_KEY = 'state/high-water.json';

const savedSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  seenAt: z.string(),
  /** Absent in a file written before the key chain was saved (it is then the configured key). */
  signingKey: z.string().min(1).optional(),
  retiredKeys: z.array(z.string()).optional(),
  /** Keys a re-key (a pin outside the saved chain) abandoned: refused, never trusted again. */
  revokedKeys: z.array(z.string()).optional(),
});
/** The trust state as stored: the mark, when it was accepted, and (since this version) the key chain. */
export type HighWaterMark = z.infer<typeof savedSchema>;

export interface HighWaterStore {
  /** Whether the state survives a restart. */
  readonly durable: boolean;
  read(): Promise<HighWaterMark | null>;
  /** Stores `mark` merged with the stored state (never moves back, never forgets a retired key). */
  advance(mark: HighWaterMark): Promise<void>;
}

/** A stored state as core's TrustState; a file from before the key fields trusts `configured`. */
export function trustStateOf(saved: HighWaterMark, configured: string): TrustState {
  return {
    epoch: saved.epoch,
    manifestSha256: saved.manifestSha256,
    createdAt: saved.createdAt,
    signingKey: saved.signingKey ?? configured,
    retiredKeys: saved.retiredKeys ?? [],
    ...(saved.revokedKeys ? { revokedKeys: saved.revokedKeys } : {}),
  };
}

/** `stored` merged with `next`, or null when the merge says nothing `stored` did not. */
function advanced(stored: HighWaterMark | null, next: HighWaterMark): HighWaterMark | null {
  if (!stored) return next;
  // A file without key fields takes the incoming chain's (its key was the configured one).
  const before = trustStateOf(stored, next.signingKey ?? stored.signingKey ?? '');
  const incoming = trustStateOf(next, before.signingKey);
  const merged = mergeTrustStates(before, incoming)!;
  const upgraded = stored.signingKey === undefined && next.signingKey !== undefined;
  if (!trustStateMoved(before, merged) && !upgraded) return null;
  const seenAt = merged.manifestSha256 === next.manifestSha256 ? next.seenAt : stored.seenAt;
  return { ...merged, seenAt };
}

export class MemoryHighWater implements HighWaterStore {
  readonly durable = false;
  #mark: HighWaterMark | null = null;
  async read(): Promise<HighWaterMark | null> {
    return this.#mark;
  }
  async advance(mark: HighWaterMark): Promise<void> {
    this.#mark = advanced(this.#mark, mark) ?? this.#mark;
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
    // A few rounds of read-merge-write: losing a race only means someone stored a state first.
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.#readWithEtag();
      const next = advanced(stored?.mark ?? null, mark);
      if (!next) return;
      try {
        await this.#store.put(this.#key, new TextEncoder().encode(`${JSON.stringify(next)}\n`), {
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
    const parsed = savedSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${this.#key} in ${this.#store.description} is not a valid mark`);
    return { mark: parsed.data, etag: object.etag };
  }
}
