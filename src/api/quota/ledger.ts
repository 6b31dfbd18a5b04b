/**
 * The quota ledger in SQL, the same on both runtimes: SQLite inside a Durable Object on Workers
 * (ctx.storage.sql) and node:sqlite on Node. It keeps one row per subscriber and UTC day, and one row
 * per alert already raised, so an alert is reported once per period however many instances serve.
 * The caller runs `reserve` inside one transaction: that is what makes check-and-charge atomic.
 */
import type { QuotaAlert, QuotaDecision, QuotaRequest, QuotaUsage } from './quota.ts';
import { alertPeriod, dayOf, decide, HISTORY_DAYS, usageOf } from './rules.ts';

export type SqlValue = number | string | null;

/** The little of SQLite the ledger needs; each runtime adapts its own driver to it. */
export interface SqlPort {
  all(sql: string, ...params: SqlValue[]): Record<string, unknown>[];
  run(sql: string, ...params: SqlValue[]): void;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS quota_usage (
     subscriber TEXT NOT NULL, day INTEGER NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (subscriber, day)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS quota_alerts (
     subscriber TEXT NOT NULL, period INTEGER NOT NULL, kind TEXT NOT NULL,
     PRIMARY KEY (subscriber, period, kind)) WITHOUT ROWID`,
];

export class QuotaLedger {
  readonly #sql: SqlPort;

  constructor(sql: SqlPort) {
    this.#sql = sql;
    for (const statement of SCHEMA) sql.run(statement);
  }

  #counts(subscriberId: string, today: number): Map<number, number> {
    const rows = this.#sql.all(
      'SELECT day, count FROM quota_usage WHERE subscriber = ? AND day > ?',
      subscriberId,
      today - HISTORY_DAYS,
    );
    return new Map(rows.map((row) => [Number(row.day), Number(row.count)]));
  }

  /** Check and charge; call inside a transaction (BEGIN IMMEDIATE on Node, transactionSync in a DO). */
  reserve(request: QuotaRequest): QuotaDecision {
    const { subscriberId, amount, limits, at } = request;
    const today = dayOf(at);
    const counts = this.#counts(subscriberId, today);
    const decision = decide(counts, amount, limits, at);
    if (decision.ok) {
      if (!counts.has(today)) this.#prune(subscriberId, today);
      this.#sql.run(
        `INSERT INTO quota_usage (subscriber, day, count) VALUES (?, ?, ?)
         ON CONFLICT (subscriber, day) DO UPDATE SET count = count + excluded.count`,
        subscriberId,
        today,
        amount,
      );
    }
    const alerts = decision.alerts.length === 0 ? [] : this.#firstTime(subscriberId, decision.alerts, at);
    return { ...decision, alerts };
  }

  /** Keeps the alerts not raised before in their period, and records them. */
  #firstTime(subscriberId: string, alerts: QuotaAlert[], at: number): QuotaAlert[] {
    const fresh: QuotaAlert[] = [];
    for (const alert of alerts) {
      const period = alertPeriod(alert, at);
      const seen = this.#sql.all(
        'SELECT 1 FROM quota_alerts WHERE subscriber = ? AND period = ? AND kind = ?',
        subscriberId,
        period,
        alert.kind,
      );
      if (seen.length > 0) continue;
      this.#sql.run(
        'INSERT INTO quota_alerts (subscriber, period, kind) VALUES (?, ?, ?)',
        subscriberId,
        period,
        alert.kind,
      );
      fresh.push(alert);
    }
    return fresh;
  }

  /** Once per subscriber and day: forget what no rule looks at any more. */
  #prune(subscriberId: string, today: number): void {
    const cutoff = today - HISTORY_DAYS;
    this.#sql.run('DELETE FROM quota_usage WHERE subscriber = ? AND day <= ?', subscriberId, cutoff);
    this.#sql.run('DELETE FROM quota_alerts WHERE subscriber = ? AND period <= ?', subscriberId, cutoff);
  }

  usage(subscriberId: string, at: number): QuotaUsage {
    return usageOf(this.#counts(subscriberId, dayOf(at)), at);
  }

  /** Every subscriber with counts kept. */
  subscribers(): string[] {
    return this.#sql.all('SELECT DISTINCT subscriber FROM quota_usage').map((row) => String(row.subscriber));
  }
}
