/**
 * Pass 1's verdict on each row: rejected (with the reason, as scrub and check name it), expired, or
 * accepted under its keys (one per reading in the plan: registration-keys.ts, the one keying function);
 * counted and reported as it goes. The same code runs in the build's
 * own thread and in its worker threads (parallel/hash-worker.ts), batch by batch; the main thread sums
 * the batches in input order, so counts, reports and date examples do not depend on the threads.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { explainRejection } from '../core/phone/excel-damage.ts';
import { maskPhone } from '../core/phone/normalize.ts';
import { type DiallingPlan, type Jurisdiction, planOfRegion } from '../core/phone/numbering-plan.ts';
import type { PartitionRule, ProfileScopes } from '../core/registers/profile.ts';
import { addCounts, type BuildCounts, emptyCounts } from './build-counts.ts';
import { keysInPartitions, labelsOfRow } from './entry-keys.ts';
import type { InputRecord } from './input/record.ts';
import type { DateFormat } from './input/registration-date.ts';
import { judgeRegistration } from './input/registration-validity.ts';
import { BUILD_REJECT_REASON_TEXT, type BuildRejectReason } from './input/reject-reasons.ts';
import { registrationKeys } from './registration-keys.ts';

/** Line numbers kept as examples of unreadable or ambiguous dates (never the values). */
export const DATE_EXAMPLES = 5;

/** Everything a verdict depends on: plain data, so it reaches worker threads as it is. */
export interface RowRules {
  region: CountryCode;
  /** The calling codes the registry covers; numbers of other codes are rejected. Every code when absent. */
  jurisdiction?: Jurisdiction;
  /** Registrations dated before this YYYY-MM-DD are expired; no expiry when absent. */
  cutoff?: string;
  dateFormat: DateFormat;
  /** Scoped registers: a row's channels and sectors must be the register's (docs/FORMAT.md §1.3). */
  scopes?: ProfileScopes;
  /** Partitioned registers: a row needs a reading with a partition (§1.4); the others are dropped. */
  partition?: PartitionRule;
}

/** An accepted row: its keys, and its scope labels (null: an unscoped register). */
export interface JudgedEntry {
  keys: readonly string[];
  labels: readonly string[] | null;
}

export interface RejectedRow {
  line: number;
  code: BuildRejectReason;
  /** The code's text, with " (row kept)" for a flag that keeps the row. */
  reason: string;
  /** The raw value with at most its last two digits shown. */
  masked: string;
  /** A warning keeps the row (an unreadable date); a rejection drops it. */
  kept: boolean;
}

/** One batch's share of the counts and reports (duplicates and entries are pass 2's). */
export interface JudgedRows {
  counts: BuildCounts;
  rejects: RejectedRow[];
  dateExamples: number[];
}

/**
 * What a build keeps of each judged batch, whichever pass judged it: its counts added to `counts`,
 * its rejects reported, the first date examples kept (for the refusal message), progress said.
 */
export function recordJudgedRows(
  counts: BuildCounts,
  dateExamples: number[],
  report: { onReject?: (reject: RejectedRow) => void; onProgress?: (counts: BuildCounts) => void },
): (judged: JudgedRows) => void {
  return (judged) => {
    addCounts(counts, judged.counts);
    for (const reject of judged.rejects) report.onReject?.(reject);
    for (const line of judged.dateExamples) if (dateExamples.length < DATE_EXAMPLES) dateExamples.push(line);
    report.onProgress?.(counts);
  };
}

const NO_LABELS = { ok: true, labels: null } as const;

export class RowJudge {
  readonly #rules: RowRules;
  readonly #plan: DiallingPlan;
  #batch: JudgedRows = { counts: emptyCounts(), rejects: [], dateExamples: [] };

  constructor(rules: RowRules) {
    this.#rules = rules;
    this.#plan = planOfRegion(rules.region);
  }

  /** The keys to hash for an accepted row; undefined for a rejected or expired one (counted, reported). */
  judge(row: InputRecord): readonly string[] | undefined {
    return this.judgeEntry(row)?.keys;
  }

  /** An accepted row's keys and scope labels; undefined for a rejected or expired one (counted, reported). */
  judgeEntry(row: InputRecord): JudgedEntry | undefined {
    const { counts } = this.#batch;
    counts.rows++;
    if (row.invalidEncoding) counts.invalidEncoding++;
    if (row.problem !== undefined || row.phone === undefined) {
      counts.rejected++;
      this.#batch.rejects.push({
        line: row.line,
        code: row.problem?.code ?? 'NO_PHONE_FIELD',
        reason: row.problem?.text ?? BUILD_REJECT_REASON_TEXT.NO_PHONE_FIELD,
        masked: '',
        kept: false,
      });
      return undefined;
    }
    const phone = row.phone;
    const registration = registrationKeys(phone, this.#plan, this.#rules.jurisdiction);
    if (!registration.ok) {
      // A value garbled by bytes that are not UTF-8 is named for that, and Excel's scientific
      // notation for what Excel did (core/phone/excel-damage.ts, as scrub and check say it), not as
      // "not a phone number".
      const code =
        registration.reason === 'OUTSIDE_PLAN'
          ? 'OUTSIDE_PLAN'
          : row.invalidEncoding && phone.includes('\uFFFD')
            ? 'INVALID_ENCODING'
            : explainRejection(phone, registration.reason);
      return this.#reject(row.line, code, phone);
    }
    // A partitioned register enters a key only in its partition: one outside the rule is outside the plan.
    const keys = this.#rules.partition
      ? keysInPartitions(registration.keys, this.#rules.partition)
      : registration.keys;
    if (keys.length === 0) return this.#reject(row.line, 'OUTSIDE_PLAN', phone);
    const labels = this.#rules.scopes ? labelsOfRow(this.#rules.scopes, row) : NO_LABELS;
    if (!labels.ok) {
      this.#batch.counts.rejected++;
      this.#batch.rejects.push({
        line: row.line,
        code: labels.reason,
        reason: labels.text,
        masked: maskPhone(phone),
        kept: false,
      });
      return undefined;
    }
    if (row.invalidEncoding) this.#report(row.line, 'INVALID_ENCODING', phone, true);
    if (this.#rules.cutoff !== undefined && row.registeredOn !== undefined && this.#isExpired(row, phone)) {
      counts.expired++;
      return undefined;
    }
    counts.accepted++;
    if (registration.otherPlanCode) counts.otherPlanCodes++;
    if (registration.unassigned) counts.unassigned++;
    if (keys.length > 1) {
      counts.ambiguous++;
      counts.extraReadings += keys.length - 1;
    }
    return { keys, labels: labels.labels };
  }

  /** The batch judged since the last call; the next batch starts from zero. */
  take(): JudgedRows {
    const batch = this.#batch;
    this.#batch = { counts: emptyCounts(), rejects: [], dateExamples: [] };
    return batch;
  }

  #isExpired(row: InputRecord, phone: string): boolean {
    const { counts, dateExamples } = this.#batch;
    const registeredOn = row.registeredOn!;
    if (registeredOn.trim() === '') {
      counts.missingDates++;
      return false;
    }
    counts.datedRows++;
    const verdict = judgeRegistration(registeredOn, this.#rules.cutoff, this.#rules.dateFormat);
    if (verdict === 'expired') return true;
    if (verdict === 'unreadable' || verdict === 'ambiguous') {
      if (verdict === 'unreadable') counts.unreadableDates++;
      else counts.ambiguousDates++;
      if (dateExamples.length < DATE_EXAMPLES) dateExamples.push(row.line);
      this.#report(row.line, verdict === 'unreadable' ? 'UNREADABLE_DATE' : 'AMBIGUOUS_DATE', phone, true);
    }
    return false;
  }

  #reject(line: number, code: BuildRejectReason, phone: string): undefined {
    this.#batch.counts.rejected++;
    this.#report(line, code, phone, false);
    return undefined;
  }

  #report(line: number, code: BuildRejectReason, phone: string, kept: boolean): void {
    this.#batch.rejects.push({
      line,
      code,
      reason: kept ? `${BUILD_REJECT_REASON_TEXT[code]} (row kept)` : BUILD_REJECT_REASON_TEXT[code],
      masked: maskPhone(phone),
      kept,
    });
  }
}
