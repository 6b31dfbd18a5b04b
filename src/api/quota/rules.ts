/**
 * The quota rules, pure and runtime-neutral: UTC days and months, the all-or-nothing decision, and
 * which alerts a reservation raises. Every counter applies them to the same history: the daily counts
 * of one subscriber over the last HISTORY_DAYS days.
 */
import type { QuotaAlert, QuotaDecision, QuotaLimits, QuotaRemaining, QuotaUsage } from './quota.ts';

export const DAY_MS = 86_400_000;
/** Days of counts kept: a month (≤ 31 days back) plus 30 days of median before today, with margin. */
export const HISTORY_DAYS = 64;
/** Spike rule: today's usage above SPIKE_FACTOR × the median of the 30 previous days (0 for unused days)… */
export const SPIKE_FACTOR = 10;
/** …and above this floor, so small and new subscribers do not raise it for ordinary use. */
export const SPIKE_FLOOR = 10_000;

/** Days since 1970-01-01 (UTC). */
export function dayOf(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** The day number of the first day of `at`'s UTC month. */
export function monthStartDay(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

/** When the day of `at` ends (00:00 UTC the next day), in ms since 1970. */
export function nextDayStartMs(at: number): number {
  return (dayOf(at) + 1) * DAY_MS;
}

/** When the month of `at` ends (the 1st of the next month, 00:00 UTC), in ms since 1970. */
export function nextMonthStartMs(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Daily counts of one subscriber, day number → units. */
export type DailyCounts = ReadonlyMap<number, number>;

export function usageOf(counts: DailyCounts, at: number): QuotaUsage {
  const today = dayOf(at);
  const monthStart = monthStartDay(at);
  let month = 0;
  let last30Days = 0;
  for (const [day, count] of counts) {
    if (day > today) continue;
    if (day >= monthStart) month += count;
    if (day > today - 30) last30Days += count;
  }
  return { today: counts.get(today) ?? 0, month, last30Days };
}

function median30(counts: DailyCounts, today: number): number {
  const values = Array.from({ length: 30 }, (_, i) => counts.get(today - 30 + i) ?? 0).sort((a, b) => a - b);
  return (values[14]! + values[15]!) / 2;
}

/** What is left of the limits after `usage` (never below 0: a limit lowered mid-day leaves nothing). */
export function remainingOf(usage: QuotaUsage, limits: QuotaLimits): QuotaRemaining {
  return {
    day: Math.max(0, limits.daily - usage.today),
    month: limits.monthly === null ? null : Math.max(0, limits.monthly - usage.month),
  };
}

/** Alerts this reservation would raise (the ledger keeps only those not raised before in the period). */
function alertsFor(
  counts: DailyCounts,
  usage: QuotaUsage,
  amount: number,
  limits: QuotaLimits,
  refused: 'day' | 'month' | null,
  today: number,
): QuotaAlert[] {
  const alerts: QuotaAlert[] = [];
  const counted = refused === null ? amount : 0;
  const day = usage.today + counted;
  const month = usage.month + counted;
  if (limits.daily > 0) {
    if (day >= limits.daily || refused === 'day')
      alerts.push({ kind: 'daily-100', used: day, limit: limits.daily });
    else if (day >= 0.8 * limits.daily) alerts.push({ kind: 'daily-80', used: day, limit: limits.daily });
  }
  if (limits.monthly !== null && limits.monthly > 0) {
    if (month >= limits.monthly || refused === 'month')
      alerts.push({ kind: 'monthly-100', used: month, limit: limits.monthly });
    else if (month >= 0.8 * limits.monthly)
      alerts.push({ kind: 'monthly-80', used: month, limit: limits.monthly });
  }
  if (day > SPIKE_FLOOR) {
    const threshold = Math.max(SPIKE_FLOOR, SPIKE_FACTOR * median30(counts, today));
    if (day > threshold) alerts.push({ kind: 'spike', used: day, limit: threshold });
  }
  return alerts;
}

/** Where an alert is deduplicated: the day it happened, or the first day of its month. */
export function alertPeriod(alert: QuotaAlert, at: number): number {
  return alert.kind.startsWith('monthly') ? monthStartDay(at) : dayOf(at);
}

/** The all-or-nothing decision for `amount` units, with the alerts it raises (before deduplication). */
export function decide(counts: DailyCounts, amount: number, limits: QuotaLimits, at: number): QuotaDecision {
  const today = dayOf(at);
  const usage = usageOf(counts, at);
  const dayLeft = Math.max(0, limits.daily - usage.today);
  const monthLeft = limits.monthly === null ? null : Math.max(0, limits.monthly - usage.month);
  const overMonth = monthLeft !== null && amount > monthLeft;
  const overDay = amount > dayLeft;
  if (overMonth || overDay) {
    // The month's end frees the day too; a day's end does not free a spent month.
    const period = overMonth ? 'month' : 'day';
    const resetAt = period === 'month' ? nextMonthStartMs(at) : nextDayStartMs(at);
    return {
      ok: false,
      remaining: { day: dayLeft, month: monthLeft },
      period,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - at) / 1000)),
      alerts: alertsFor(counts, usage, amount, limits, period, today),
    };
  }
  const remaining: QuotaRemaining = {
    day: dayLeft - amount,
    month: monthLeft === null ? null : monthLeft - amount,
  };
  return { ok: true, remaining, alerts: alertsFor(counts, usage, amount, limits, null, today) };
}
