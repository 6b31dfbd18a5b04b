/**
 * The soak's counters: requests and latencies per kind, failures by category (5xx, an unexpected
 * status or error code, a network error or timeout, a malformed answer), the epochs each deployment
 * was seen answering with, and answers that went back to an older epoch after a newer one was seen.
 * Failure descriptions name the kind, status and error code only, never a number or a key.
 */
import type { Role } from './deployments.ts';

export type FailureCategory =
  | 'server error (5xx)'
  | 'unexpected status'
  | 'network error or timeout'
  | 'bad answer';

interface KindStats {
  requests: number;
  latenciesMs: number[];
}

export class SoakStats {
  readonly kinds = new Map<string, KindStats>();
  readonly failures = new Map<FailureCategory, number>();
  readonly failureSamples = new Map<string, number>();
  readonly statuses = new Map<string, number>();
  /** Per deployment: when each epoch was first named in an answer (performance.now()). */
  readonly sightings: Record<Role, Map<string, number>> = { check: new Map(), oprf: new Map() };
  regressions = 0;
  total = 0;
  readonly units = new Map<string, number>();

  count(unit: string, amount: number): void {
    this.units.set(unit, (this.units.get(unit) ?? 0) + amount);
  }

  record(kind: string, ms: number, status: number | 'none'): void {
    const stats = this.kinds.get(kind) ?? { requests: 0, latenciesMs: [] };
    this.kinds.set(kind, stats);
    stats.requests++;
    stats.latenciesMs.push(ms);
    this.total++;
    const key = `${kind} ${status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  fail(category: FailureCategory, description: string): void {
    this.failures.set(category, (this.failures.get(category) ?? 0) + 1);
    const key = `${category}: ${description}`;
    this.failureSamples.set(key, (this.failureSamples.get(key) ?? 0) + 1);
  }

  failureCount(): number {
    let total = 0;
    for (const count of this.failures.values()) total += count;
    return total;
  }

  /**
   * Notes that a request started at `startedAt` was answered by `epoch`; counts a regression when a
   * newer epoch had already been seen on that deployment before the request started. Epoch ids begin
   * with their UTC creation time, so their order is the order of publication.
   */
  sighted(role: Role, epoch: string, startedAt: number): void {
    const seen = this.sightings[role];
    for (const [other, at] of seen) {
      if (other.slice(0, 16) > epoch.slice(0, 16) && at < startedAt) {
        this.regressions++;
        break;
      }
    }
    if (!seen.has(epoch)) seen.set(epoch, performance.now());
  }

  /** p-th percentile (0..100) of a kind's latencies, ms. */
  percentile(kind: string, p: number): number {
    const values = [...(this.kinds.get(kind)?.latenciesMs ?? [])].sort((a, b) => a - b);
    if (values.length === 0) return 0;
    return values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
  }
}
