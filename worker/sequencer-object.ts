/**
 * ListSequencer: the Durable Object that numbers and publishes one list's live additions (one object
 * per list, `idFromName(list)`), in its own SQLite storage (the `v2` migration of wrangler.jsonc). Every
 * isolate of the worker, anywhere, reaches the same object, so a list has one writer: its additions
 * are numbered once, coalesced into batches (src/api/additions/sequencer.ts) and written to the R2
 * bucket signed with the additions key (QUIETLIST_ADDITIONS_KEY). A publication that fails sets an
 * alarm, which publishes what the log still holds even if the object was evicted meanwhile.
 */
import { DurableObject } from 'cloudflare:workers';
import { AdditionsLog } from '../src/api/additions/additions-log.ts';
import { AdditionsPublisher } from '../src/api/additions/additions-publisher.ts';
import { type AddedEntries, CoalescingSequencer, type NewAddition } from '../src/api/additions/sequencer.ts';
import { parseApiConfig } from '../src/api/config.ts';
import type { VerifiedEpoch } from '../src/core/additions/additions-chain.ts';
import { manifestList } from '../src/core/lists/list-name.ts';
import { listStore } from '../src/storage/list-store.ts';
import { R2Store } from '../src/storage/r2-store.ts';

/** The storage key under which the object remembers the list it sequences (for its alarm). */
const LIST_KEY = 'list';

export class ListSequencer extends DurableObject<Env> {
  readonly #sequencer: CoalescingSequencer;
  readonly #publisher: AdditionsPublisher;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const { sql } = ctx.storage;
    const log = new AdditionsLog({
      all: (query, ...params) => sql.exec(query, ...params).toArray(),
      run: (query, ...params) => {
        sql.exec(query, ...params).toArray();
      },
    });
    const config = parseApiConfig(env as unknown as Record<string, unknown>);
    if (!config.additionsKey)
      throw new Error('QUIETLIST_ADDITIONS_KEY is not set: live additions are disabled');
    const transaction = <T>(body: (held: AdditionsLog) => T): T =>
      ctx.storage.transactionSync(() => body(log));
    const store = new R2Store(env.STORE, 'STORE');
    this.#publisher = new AdditionsPublisher({
      storeOf: (list) => listStore(store, list),
      key: config.additionsKey,
      transaction,
      now: Date.now,
    });
    this.#sequencer = new CoalescingSequencer(this.#publisher, transaction, {
      coalesceMs: config.additionsCoalesceMs,
      retry: (delayMs) => {
        void ctx.storage.setAlarm(Date.now() + delayMs);
      },
    });
  }

  async add(current: VerifiedEpoch, entries: NewAddition[]): Promise<AddedEntries> {
    await this.#remember(current);
    return this.#sequencer.add(current, entries);
  }

  async sync(current: VerifiedEpoch): Promise<void> {
    await this.#remember(current);
    await this.#sequencer.sync(current);
  }

  /** Publishes what a failed publication left (a failure throws, and Cloudflare retries the alarm). */
  override async alarm(): Promise<void> {
    const list = await this.ctx.storage.get<string>(LIST_KEY);
    if (list) await this.#publisher.publishHeld(list);
  }

  async #remember(current: VerifiedEpoch): Promise<void> {
    const list = manifestList(current.manifest);
    if ((await this.ctx.storage.get<string>(LIST_KEY)) !== list) await this.ctx.storage.put(LIST_KEY, list);
  }
}
