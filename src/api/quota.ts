/**
 * Daily quotas, counted in phone numbers checked per subscriber per UTC day. The counter behind the
 * interface is in memory, per instance (per isolate on Workers): a first version, stated as such in
 * docs/API.md. A subscriber spreading requests across N instances can reach N times its quota until
 * a shared counter (a Durable Object, or a row in a database) replaces this one.
 */
export type QuotaDecision =
  | { ok: true; remaining: number }
  | { ok: false; remaining: number; retryAfterSeconds: number };

export interface QuotaCounter {
  /** Counts `amount` against today's quota, all or nothing. */
  consume(subscriberId: string, amount: number, dailyLimit: number): Promise<QuotaDecision>;
}

const DAY_MS = 86_400_000;

export class MemoryQuotaCounter implements QuotaCounter {
  readonly #now: () => number;
  #day = -1;
  #used = new Map<string, number>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async consume(subscriberId: string, amount: number, dailyLimit: number): Promise<QuotaDecision> {
    const now = this.#now();
    const day = Math.floor(now / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#used = new Map();
    }
    const used = this.#used.get(subscriberId) ?? 0;
    if (used + amount > dailyLimit) {
      return {
        ok: false,
        remaining: Math.max(0, dailyLimit - used),
        retryAfterSeconds: Math.max(1, Math.ceil(((day + 1) * DAY_MS - now) / 1000)),
      };
    }
    this.#used.set(subscriberId, used + amount);
    return { ok: true, remaining: dailyLimit - used - amount };
  }
}
