/**
 * The build itself: rows → normalise → drop expired → keyed hash → shard-sized Bloom filters.
 * Pass 1 streams the input once, spilling digest heads (digest-spill.ts); pass 2 sizes each shard for
 * its exact entry count and fills it in place inside its file buffer.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { bloomParameters, DEFAULT_SHARD_MAX_BYTES, shardPrefixBits } from '../core/bloom-sizing.ts';
import { allocateFilterFile } from '../core/filter-format.ts';
import type { KeyedHasher } from '../core/keyed-hash.ts';
import { callingCodeOf, isAssignedNumber, type Jurisdiction } from '../core/numbering-plan.ts';
import { maskPhone, normalizePhone, REJECT_REASON_TEXT } from '../core/phone.ts';
import { shardFileName, shardOf } from '../core/sharding.ts';
import { DigestSpill } from './digest-spill.ts';
import type { InputRecord } from './input-record.ts';
import { cutoffDate, judgeRegistration, type ValidityRule } from './registration-validity.ts';

/** A possible number of a calling code the registry does not cover (a UK number in Bloctel's export). */
export const OUTSIDE_PLAN_TEXT = "outside the registry's numbering plan";

export interface BuildOptions {
  region: CountryCode;
  hasher: KeyedHasher;
  falsePositiveRate: number;
  /** The calling codes the registry covers; numbers of other codes are rejected. Every code when absent. */
  jurisdiction?: Jurisdiction;
  validity?: ValidityRule;
  shardMaxBytes?: number;
  tempDirectory?: string;
  onReject?: (reject: RejectedRow) => void;
  onProgress?: (counts: BuildCounts) => void;
}

export interface RejectedRow {
  line: number;
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
  unreadableDates: number;
  /** Accepted numbers in no range the metadata knows as assigned: kept (stale metadata must not drop one), reported. */
  unassigned: number;
  /** Accepted numbers keyed under another calling code of the plan than its home one (+262, +590…). */
  otherPlanCodes: number;
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
  counts: BuildCounts;
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
    unreadableDates: 0,
    unassigned: 0,
    otherPlanCodes: 0,
  };
  const jurisdiction = options.jurisdiction;
  const cutoff = options.validity ? cutoffDate(options.validity) : undefined;
  const spill = new DigestSpill(options.tempDirectory);
  try {
    for await (const batch of rows) {
      for (const row of batch) {
        counts.rows++;
        if (row.problem !== undefined || row.phone === undefined) {
          counts.rejected++;
          options.onReject?.({
            line: row.line,
            reason: row.problem ?? 'no phone value',
            masked: '',
            kept: false,
          });
          continue;
        }
        const normalized = normalizePhone(row.phone, options.region);
        if (!normalized.ok) {
          counts.rejected++;
          options.onReject?.({
            line: row.line,
            reason: REJECT_REASON_TEXT[normalized.reason],
            masked: maskPhone(row.phone),
            kept: false,
          });
          continue;
        }
        const callingCode = callingCodeOf(normalized.e164);
        if (jurisdiction && !jurisdiction.callingCodes.has(callingCode!)) {
          counts.rejected++;
          options.onReject?.({
            line: row.line,
            reason: OUTSIDE_PLAN_TEXT,
            masked: maskPhone(row.phone),
            kept: false,
          });
          continue;
        }
        const verdict = judgeRegistration(row.registeredOn, cutoff);
        if (verdict === 'expired') {
          counts.expired++;
          continue;
        }
        if (verdict === 'unreadable') {
          counts.unreadableDates++;
          options.onReject?.({
            line: row.line,
            reason: 'unreadable registration date (row kept)',
            masked: maskPhone(row.phone),
            kept: true,
          });
        }
        counts.accepted++;
        if (jurisdiction && callingCode !== jurisdiction.homeCallingCode) counts.otherPlanCodes++;
        if (!isAssignedNumber(normalized.e164)) counts.unassigned++;
        spill.append(options.hasher.digest(normalized.e164));
      }
      options.onProgress?.(counts);
    }
    const prefixBits = shardPrefixBits(
      spill.count,
      options.falsePositiveRate,
      options.shardMaxBytes ?? DEFAULT_SHARD_MAX_BYTES,
    );
    const files = spill
      .shardCounts(prefixBits)
      .map((entries) => allocateFilterFile(bloomParameters(entries, options.falsePositiveRate)));
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
    counts.entries = counts.accepted - counts.duplicates;
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
    return { shards, shardPrefixBits: prefixBits, counts };
  } finally {
    spill.dispose();
  }
}
