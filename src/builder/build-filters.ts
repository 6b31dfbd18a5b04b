/**
 * The build itself: rows → normalise → drop expired → keyed hash → shard-sized Bloom filters.
 * Pass 1 streams the input once, spilling digest heads (digest-spill.ts); pass 2 takes the shard
 * geometry (the previous epoch's while it still fits, shard-geometry.ts) and fills each shard in place
 * inside its file buffer.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import { allocateFilterFile } from '../core/filter/format.ts';
import { shardFileName, shardOf } from '../core/filter/sharding.ts';
import { DEFAULT_SHARD_MAX_BYTES } from '../core/filter/sizing.ts';
import { explainRejection } from '../core/phone/excel-damage.ts';
import { maskPhone } from '../core/phone/normalize.ts';
import { type Jurisdiction, planOfRegion } from '../core/phone/numbering-plan.ts';
import { DigestSpill } from './digest-spill.ts';
import type { InputRecord } from './input/record.ts';
import { type DateFormat, DEFAULT_DATE_FORMAT } from './input/registration-date.ts';
import { cutoffDate, judgeRegistration, type ValidityRule } from './input/registration-validity.ts';
import { BUILD_REJECT_REASON_TEXT, type BuildRejectReason } from './input/reject-reasons.ts';
import { registrationKeys } from './registration-keys.ts';
import { type GeometryPlan, type PreviousGeometry, planGeometry } from './shard-geometry.ts';

/** Line numbers kept as examples of unreadable or ambiguous dates (never the values). */
const DATE_EXAMPLES = 5;

export interface BuildOptions {
  region: CountryCode;
  hasher: KeyedHasher;
  falsePositiveRate: number;
  /** The calling codes the registry covers; numbers of other codes are rejected. Every code when absent. */
  jurisdiction?: Jurisdiction;
  validity?: ValidityRule;
  /** How registration dates that are not ISO 8601 are written (default DD/MM/YYYY). */
  dateFormat?: DateFormat;
  shardMaxBytes?: number;
  /** The previous epoch's geometry, kept while every shard still fits (null: none). */
  previousGeometry?: PreviousGeometry | null;
  /** Start a new geometry even if the previous one still fits. */
  newGeometry?: boolean;
  /** Digests entered beside the export's: a live list's additions folded in (fold-additions.ts), sized for too. */
  extraDigests?: readonly Uint8Array[];
  tempDirectory?: string;
  onReject?: (reject: RejectedRow) => void;
  onProgress?: (counts: BuildCounts) => void;
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

export interface BuildCounts {
  rows: number;
  accepted: number;
  rejected: number;
  expired: number;
  duplicates: number;
  entries: number;
  /** Rows with a valid number and a registration date to judge (0: no date filtering happened). */
  datedRows: number;
  /** Rows with a valid number and an empty date while other rows have one (kept). */
  missingDates: number;
  unreadableDates: number;
  /** Accepted numbers in no range the metadata knows as assigned: kept (stale metadata must not drop one), reported. */
  unassigned: number;
  /** Accepted numbers in the ranges of another calling code of the plan than its home one (+262, +590…), however written (reported only: keys are the home code's). */
  otherPlanCodes: number;
  /** Accepted values with several readings (a "+" or a 0 lost), entered under each (registration-keys.ts). */
  ambiguous: number;
  /** Their readings beyond the first: entries = accepted + extraReadings − duplicates. */
  extraReadings: number;
  /** Dates whose day and month can be swapped, with the verdict depending on which (kept). */
  ambiguousDates: number;
  /** Rows holding bytes that are not valid UTF-8: kept when the phone value itself is intact. */
  invalidEncoding: number;
  /** Digests of a live list's additions folded in (each reading of each addition): entries count them too. */
  additions: number;
}

export interface BuiltShard {
  index: number;
  path: string;
  /** The complete filter file (format v1). */
  file: Uint8Array;
  entries: number;
  bitCount: number;
  hashCount: number;
}

export interface BuildResult {
  shards: BuiltShard[];
  shardPrefixBits: number;
  /** Kept from the previous epoch, or new (and why). */
  geometry: Omit<GeometryPlan, 'shards' | 'shardPrefixBits'>;
  counts: BuildCounts;
  /** Line numbers of the first unreadable or ambiguous dates, for the refusal message. */
  dateExamples: number[];
}

export async function buildFilters(
  rows: AsyncIterable<InputRecord[]>,
  options: BuildOptions,
): Promise<BuildResult> {
  const counts: BuildCounts = {
    rows: 0,
    accepted: 0,
    rejected: 0,
    expired: 0,
    duplicates: 0,
    entries: 0,
    datedRows: 0,
    missingDates: 0,
    unreadableDates: 0,
    unassigned: 0,
    otherPlanCodes: 0,
    ambiguous: 0,
    extraReadings: 0,
    ambiguousDates: 0,
    invalidEncoding: 0,
    additions: 0,
  };
  const jurisdiction = options.jurisdiction;
  const diallingPlan = planOfRegion(options.region);
  const dateExamples: number[] = [];
  const cutoff = options.validity ? cutoffDate(options.validity) : undefined;
  const dateFormat = options.dateFormat ?? DEFAULT_DATE_FORMAT;
  const report = (line: number, code: BuildRejectReason, masked: string, kept: boolean) =>
    options.onReject?.({
      line,
      code,
      reason: kept ? `${BUILD_REJECT_REASON_TEXT[code]} (row kept)` : BUILD_REJECT_REASON_TEXT[code],
      masked,
      kept,
    });
  const spill = new DigestSpill(options.tempDirectory);
  try {
    for await (const batch of rows) {
      for (const row of batch) {
        counts.rows++;
        if (row.invalidEncoding) counts.invalidEncoding++;
        if (row.problem !== undefined || row.phone === undefined) {
          counts.rejected++;
          options.onReject?.({
            line: row.line,
            code: row.problem?.code ?? 'NO_PHONE_FIELD',
            reason: row.problem?.text ?? BUILD_REJECT_REASON_TEXT.NO_PHONE_FIELD,
            masked: '',
            kept: false,
          });
          continue;
        }
        const registration = registrationKeys(row.phone, diallingPlan, jurisdiction);
        if (!registration.ok) {
          counts.rejected++;
          // A value garbled by bytes that are not UTF-8 is named for that, and Excel's scientific
          // notation for what Excel did (core/phone/excel-damage.ts, as scrub and check say it), not as
          // "not a phone number".
          const code =
            registration.reason === 'OUTSIDE_PLAN'
              ? 'OUTSIDE_PLAN'
              : row.invalidEncoding && row.phone.includes('\uFFFD')
                ? 'INVALID_ENCODING'
                : explainRejection(row.phone, registration.reason);
          report(row.line, code, maskPhone(row.phone), false);
          continue;
        }
        if (row.invalidEncoding) report(row.line, 'INVALID_ENCODING', maskPhone(row.phone), true);
        if (cutoff !== undefined && row.registeredOn !== undefined) {
          if (row.registeredOn.trim() === '') counts.missingDates++;
          else {
            counts.datedRows++;
            const verdict = judgeRegistration(row.registeredOn, cutoff, dateFormat);
            if (verdict === 'expired') {
              counts.expired++;
              continue;
            }
            if (verdict === 'unreadable' || verdict === 'ambiguous') {
              if (verdict === 'unreadable') counts.unreadableDates++;
              else counts.ambiguousDates++;
              if (dateExamples.length < DATE_EXAMPLES) dateExamples.push(row.line);
              report(
                row.line,
                verdict === 'unreadable' ? 'UNREADABLE_DATE' : 'AMBIGUOUS_DATE',
                maskPhone(row.phone),
                true,
              );
            }
          }
        }
        counts.accepted++;
        if (registration.otherPlanCode) counts.otherPlanCodes++;
        if (registration.unassigned) counts.unassigned++;
        if (registration.keys.length > 1) {
          counts.ambiguous++;
          counts.extraReadings += registration.keys.length - 1;
        }
        for (const key of registration.keys) spill.append(options.hasher.digest(key));
      }
      options.onProgress?.(counts);
    }
    for (const digest of options.extraDigests ?? []) {
      spill.append(digest);
      counts.additions++;
    }
    const plan = planGeometry({
      entries: spill.count,
      shardCounts: (bits) => spill.shardCounts(bits),
      falsePositiveRate: options.falsePositiveRate,
      shardMaxBytes: options.shardMaxBytes ?? DEFAULT_SHARD_MAX_BYTES,
      previous: options.previousGeometry ?? null,
      renew: options.newGeometry,
    });
    const prefixBits = plan.shardPrefixBits;
    const files = plan.shards.map((parameters) => allocateFilterFile(parameters));
    const distinct = new Array<number>(files.length).fill(0);
    // One replay per shard: random bit writes then stay within one shard's bits (16 MiB at most),
    // which the CPU caches far better than the whole filter; the spill file is re-read from the
    // page cache, a sequential scan that costs much less than the cache misses it saves.
    for (let target = 0; target < files.length; target++) {
      const filter = files[target]!.filter;
      spill.replay((head) => {
        if (shardOf(head, prefixBits) !== target) return;
        if (filter.add(head)) counts.duplicates++;
        else distinct[target]!++;
      });
    }
    counts.entries = counts.accepted + counts.extraReadings + counts.additions - counts.duplicates;
    const shards = files.map(({ filter, finish }, index) => ({
      index,
      path: shardFileName(index),
      file: finish({
        filter,
        shardIndex: index,
        shardPrefixBits: prefixBits,
        entries: distinct[index]!,
        falsePositiveRate: options.falsePositiveRate,
      }),
      entries: distinct[index]!,
      bitCount: filter.bitCount,
      hashCount: filter.hashCount,
    }));
    const geometry =
      plan.reason === undefined ? { kept: plan.kept } : { kept: plan.kept, reason: plan.reason };
    return { shards, shardPrefixBits: prefixBits, geometry, counts, dateExamples };
  } finally {
    spill.dispose();
  }
}
