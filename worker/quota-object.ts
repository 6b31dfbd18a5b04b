/**
 * SubscriberQuota: the Durable Object that holds one subscriber's quota counts (one object per
 * subscriber, `idFromName(subscriberId)`), in its own SQLite storage (the `new_sqlite_classes`
 * migration of wrangler.jsonc). Every isolate of the worker, anywhere, reaches the same object, and the
 * object runs one reservation at a time inside a synchronous transaction: check-and-charge is atomic,
 * so the quota holds globally. While it is used, an alarm writes a usage snapshot to the store once a
 * minute for `quietlist keys list` (src/api/quota/snapshot.ts).
 */
import { DurableObject } from 'cloudflare:workers';
import { QuotaLedger } from '../src/api/quota/ledger.ts';
import type { QuotaDecision, QuotaRequest, QuotaUsage } from '../src/api/quota/quota.ts';
import { SNAPSHOT_DELAY_MS, writeUsageSnapshot } from '../src/api/quota/snapshot.ts';
import { R2Store } from '../src/storage/r2-store.ts';

export class SubscriberQuota extends DurableObject<Env> {
  readonly #ledger: QuotaLedger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const { sql } = ctx.storage;
    this.#ledger = new QuotaLedger({
      all: (query, ...params) => sql.exec(query, ...params).toArray(),
      run: (query, ...params) => {
        sql.exec(query, ...params).toArray();
      },
    });
  }

  async reserve(request: QuotaRequest): Promise<QuotaDecision> {
    const decision = this.ctx.storage.transactionSync(() => this.#ledger.reserve(request));
    if (decision.ok && (await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + SNAPSHOT_DELAY_MS);
    }
    return decision;
  }

  async usage(subscriberId: string, at: number): Promise<QuotaUsage> {
    return this.#ledger.usage(subscriberId, at);
  }

  /** Writes the usage snapshot (a failed write throws, and Cloudflare retries the alarm). */
  override async alarm(): Promise<void> {
    const store = new R2Store(this.env.STORE, 'STORE');
    const at = Date.now();
    for (const id of this.#ledger.subscribers()) {
      await writeUsageSnapshot(store, id, this.#ledger.usage(id, at), at);
    }
  }
}
