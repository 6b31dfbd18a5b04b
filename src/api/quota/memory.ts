/**
 * Quota counts in this process's memory: the same rules as the shared counters, but per instance.
 * Kept as the baseline of tests and of the http benchmark (the cost of the shared counter is measured
 * against it); a deployment uses the Durable Object (Workers) or the SQLite counter (Node).
 */
import type {
  QuotaAlert,
  QuotaCounter,
  QuotaDecision,
  QuotaLimits,
  QuotaRemaining,
  QuotaRequest,
  QuotaUsage,
} from './quota.ts';
import { alertPeriod, dayOf, decide, remainingOf, usageOf } from './rules.ts';

export class MemoryQuotaCounter implements QuotaCounter {
  readonly #counts = new Map<string, Map<number, number>>();
  readonly #alerts = new Set<string>();

  async reserve({ subscriberId, amount, limits, at }: QuotaRequest): Promise<QuotaDecision> {
    const counts = this.#counts.get(subscriberId) ?? new Map<number, number>();
    this.#counts.set(subscriberId, counts);
    const decision = decide(counts, amount, limits, at);
    if (decision.ok) counts.set(dayOf(at), (counts.get(dayOf(at)) ?? 0) + amount);
    const alerts: QuotaAlert[] = decision.alerts.filter((alert) => {
      const key = `${subscriberId} ${alertPeriod(alert, at)} ${alert.kind}`;
      if (this.#alerts.has(key)) return false;
      this.#alerts.add(key);
      return true;
    });
    return { ...decision, alerts };
  }

  async usage(subscriberId: string, at: number): Promise<QuotaUsage> {
    return usageOf(this.#counts.get(subscriberId) ?? new Map(), at);
  }

  async remaining(subscriberId: string, limits: QuotaLimits, at: number): Promise<QuotaRemaining> {
    return remainingOf(await this.usage(subscriberId, at), limits);
  }
}
