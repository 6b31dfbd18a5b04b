/**
 * The sequencer of live additions, as the API sees it: one interface, two homes. On Workers each
 * list has a Durable Object (worker/sequencer-object.ts), so one writer numbers and publishes a
 * list's additions whatever isolate took the POST; on Node every `serve` process of a host shares a
 * SQLite database in `--state-dir` (sqlite-sequencer.ts). Both run CoalescingSequencer over the same
 * log and publisher.
 *
 * Coalescing: entries posted within `coalesceMs` of the first unpublished one go out in one batch, and
 * every POST is answered once its entries are published (in the store, signed): the answer means
 * "every reader sees it from its next refresh". A publication that fails (storage down) leaves the
 * entries recorded; they are published by the next POST or a retry, and the POST that failed says so.
 */
import type { VerifiedEpoch } from '../../core/additions/additions-chain.ts';
import { manifestList } from '../../core/lists/list-name.ts';
import type { AdditionsLog, ChainState } from './additions-log.ts';
import type { AdditionsPublisher } from './additions-publisher.ts';

export interface NewAddition {
  /** Digest heads of the value's readings (24 hex each). */
  digests: string[];
  /** ms since 1970; null: never expires. */
  expiresAt: number | null;
}

export interface AddedEntries {
  list: string;
  /** The epoch whose chain holds them. */
  epoch: string;
  /** Their numbers, in the order posted. */
  sequences: number[];
  /** The chain's last number now. */
  through: number;
  publishedAt: string | null;
}

export interface AdditionsSequencer {
  /** Records the entries and resolves once they are published (coalesced with others). */
  add(current: VerifiedEpoch, entries: NewAddition[]): Promise<AddedEntries>;
  /** Moves the list's chain to `current` when it is newer (carrying the previous chain's tail), and publishes what waits. */
  sync(current: VerifiedEpoch): Promise<void>;
}

export interface CoalescingOptions {
  coalesceMs: number;
  /** Delay before publishing again what a failed publication left (doubles up to a minute). */
  retryMs?: number;
  /** Runs a coalesced publication later; default setTimeout. */
  schedule?: (run: () => void, delayMs: number) => void;
  /**
   * After a publication failed: make sure it is tried again in `delayMs` (the Durable Object sets an
   * alarm, which outlives the object's eviction). Default: a timer that never holds a process open.
   */
  retry?: (delayMs: number) => void;
}

export class CoalescingSequencer implements AdditionsSequencer {
  readonly #publisher: AdditionsPublisher;
  readonly #transaction: <T>(body: (log: AdditionsLog) => T) => T;
  readonly #options: CoalescingOptions;
  readonly #flushes = new Map<string, { current: VerifiedEpoch; done: Promise<ChainState> }>();
  #retryMs: number;

  constructor(
    publisher: AdditionsPublisher,
    transaction: <T>(body: (log: AdditionsLog) => T) => T,
    options: CoalescingOptions,
  ) {
    this.#publisher = publisher;
    this.#transaction = transaction;
    this.#options = options;
    this.#retryMs = options.retryMs ?? 1_000;
  }

  async add(current: VerifiedEpoch, entries: NewAddition[]): Promise<AddedEntries> {
    const ids = await this.#publisher.record(current, entries);
    const state = await this.#flush(current);
    const logged = this.#transaction((log) => log.entries(ids));
    return {
      list: manifestList(current.manifest),
      epoch: state.epoch,
      sequences: logged.map((entry) => entry.sequence),
      through: state.last,
      publishedAt: state.publishedAt,
    };
  }

  async sync(current: VerifiedEpoch): Promise<void> {
    await this.#publisher.publish(current);
  }

  /** The publication the next `coalesceMs` gather into, joined by every entry recorded meanwhile. */
  #flush(current: VerifiedEpoch): Promise<ChainState> {
    const list = manifestList(current.manifest);
    const pending = this.#flushes.get(list);
    if (pending) {
      if (Date.parse(current.manifest.createdAt) > Date.parse(pending.current.manifest.createdAt))
        pending.current = current;
      return pending.done;
    }
    const flush = { current, done: Promise.resolve() as unknown as Promise<ChainState> };
    flush.done = new Promise<void>((resolve) => {
      (this.#options.schedule ?? later)(resolve, this.#options.coalesceMs);
    }).then(() => {
      this.#flushes.delete(list);
      return this.#publisher.publish(flush.current).then(
        (state) => {
          this.#retryMs = this.#options.retryMs ?? 1_000;
          return state;
        },
        (error: unknown) => {
          this.#retryLater(flush.current);
          throw error;
        },
      );
    });
    this.#flushes.set(list, flush);
    return flush.done;
  }

  /** What a failed publication left is published again later (each failure doubles the wait, up to a minute). */
  #retryLater(current: VerifiedEpoch): void {
    const delay = this.#retryMs;
    this.#retryMs = Math.min(60_000, delay * 2);
    if (this.#options.retry) {
      this.#options.retry(delay);
      return;
    }
    const retry = () => {
      this.#publisher.publish(current).catch(() => this.#retryLater(current));
    };
    (setTimeout(retry, delay) as { unref?: () => void }).unref?.(); // never holds a process open
  }
}

function later(run: () => void, delayMs: number): void {
  setTimeout(run, delayMs);
}
