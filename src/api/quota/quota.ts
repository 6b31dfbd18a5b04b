/**
 * Quotas: phone numbers checked and elements evaluated per subscriber, per UTC day and per UTC calendar
 * month. One interface, two shared implementations that make the quota a real bound: a Durable Object
 * per subscriber on Workers (worker/quota-object.ts) and an embedded SQLite database shared by every
 * `serve` process of a host (sqlite.ts). Both run the same ledger (ledger.ts) and rules
 * (rules.ts). Several Node hosts lease blocks of units from a ledger object in the store they
 * share and charge them in their SQLite database (leased.ts, `serve --shared-quota`). The
 * in-memory counter (memory.ts) is the baseline of tests and benchmarks.
 */

export interface QuotaLimits {
  /** Units (numbers or elements) per UTC day. */
  daily: number;
  /** Units per UTC calendar month; null: no monthly limit (records written before it existed). */
  monthly: number | null;
}

export interface QuotaRemaining {
  day: number;
  /** null when the subscriber has no monthly limit. */
  month: number | null;
}

/**
 * A quota event worth an audit line, reported once per period across every instance: a subscriber
 * crossing 80% or reaching 100% of its daily or monthly quota, or its daily usage jumping far above its
 * own 30-day median (rules.ts, SPIKE_*). Counts only.
 */
export interface QuotaAlert {
  kind: 'daily-80' | 'daily-100' | 'monthly-80' | 'monthly-100' | 'spike';
  /** Units used in the period once this request is counted (refused requests: what was used). */
  used: number;
  /** The limit crossed (spike: the threshold, the larger of 10× the median and the floor). */
  limit: number;
}

export type QuotaDecision =
  | { ok: true; remaining: QuotaRemaining; alerts: QuotaAlert[] }
  | {
      ok: false;
      remaining: QuotaRemaining;
      /** Which limit refused: the day, or the month (then Retry-After runs to the next month). */
      period: 'day' | 'month';
      retryAfterSeconds: number;
      alerts: QuotaAlert[];
    };

export interface QuotaRequest {
  subscriberId: string;
  /** Units this request uses, counted only once the request is valid. */
  amount: number;
  limits: QuotaLimits;
  /** Milliseconds since 1970 (the app's clock), so every implementation agrees on the day. */
  at: number;
}

export interface QuotaUsage {
  today: number;
  month: number;
  /** Today and the 29 days before it. */
  last30Days: number;
}

export interface QuotaCounter {
  /** Reserves `amount` units if today's and this month's totals stay within the limits, all or nothing. */
  reserve(request: QuotaRequest): Promise<QuotaDecision>;
  /** What the subscriber used (for operators: `quietlist keys list`). */
  usage(subscriberId: string, at: number): Promise<QuotaUsage>;
  /**
   * What the subscriber may still use today and this month, charging nothing (GET /v1/quota, which a
   * client reads before a large scrub to say how much of it can be done today).
   */
  remaining(subscriberId: string, limits: QuotaLimits, at: number): Promise<QuotaRemaining>;
}

/** The smaller of the two remainders: what the next request may ask for. */
export function remainingNow(remaining: QuotaRemaining): number {
  return remaining.month === null ? remaining.day : Math.min(remaining.day, remaining.month);
}
