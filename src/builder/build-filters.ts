/**
 * The build itself: rows → normalise → drop expired → keyed hash → shard-sized Bloom filters.
 * Pass 1 streams the input once: each batch of rows is judged and hashed (hash-rows.ts) and the
 * digest heads go to a spill bucketed by digest prefix (digest-spill.ts). Pass 2 takes the shard
 * geometry (the previous epoch's while it still fits, shard-geometry.ts) and fills the shards, reading
 * each spilled head once and counting distinct numbers exactly (fill-shards.ts).
 *
 * Both passes run on worker threads once the input is large enough to repay starting them
 * (parallel/build-pool.ts): pass 1 in open and secret modes, whose hash needs only the HMAC key; pass 2
 * in every mode. The main thread reads the input and keeps the results in input order, so counts,
 * reports and the shard files are the same bytes with or without threads.
 *
 * What a registration enters (its partition, its scope digests) is the keying layer's (entry-keys.ts).
 * A scoped or partitioned register's pass 1 runs in this thread (scoped-pass.ts: a row's scope digests
 * are derived from its one digest, a key's POPRF output is its partition's); a scoped register's pass 2
 * is the same as any other (on threads too, same bytes), a partitioned register's is filled partition by
 * partition in this thread (partition-spill.ts, build-partitions.ts).
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { createKeyedHasher, type KeyedHasher } from '../core/digest/keyed-hash.ts';
import { shardFileName } from '../core/filter/sharding.ts';
import { DEFAULT_SHARD_MAX_BYTES } from '../core/filter/sizing.ts';
import type { Jurisdiction } from '../core/phone/numbering-plan.ts';
import type { PartitionRule, ProfileScopes } from '../core/registers/profile.ts';
import { scopeDigests } from '../core/scopes/scope-digest.ts';
import { EVERY_SCOPE, entryLabels } from '../core/scopes/scope-labels.ts';
import { type BuildCounts, emptyCounts } from './build-counts.ts';
import { buildPartitioned, type PartitionGroup } from './build-partitions.ts';
import { DigestSpill } from './digest-spill.ts';
import { planFillUnits } from './fill-shards.ts';
import { BatchHasher, type DigestMany, digestManyWith } from './hash-rows.ts';
import { createBatchHmac } from './hashing/batch-hmac.ts';
import type { InputRecord } from './input/record.ts';
import { type DateFormat, DEFAULT_DATE_FORMAT } from './input/registration-date.ts';
import { cutoffDate, type ValidityRule } from './input/registration-validity.ts';
import { BuildPool } from './parallel/build-pool.ts';
import { fillAllUnits, hashAllRows } from './parallel/share-work.ts';
import { type RejectedRow, RowJudge, type RowRules, recordJudgedRows } from './row-judge.ts';
import { spillKeyedRows } from './scoped-pass.ts';
import { type GeometryPlan, type PreviousGeometry, planGeometry } from './shard-geometry.ts';
import { type BuiltShard, type FileStash, keepShard, memoryStash } from './shard-stash.ts';

export type { BuildCounts } from './build-counts.ts';
export type { RejectedRow } from './row-judge.ts';
export type { BuiltShard } from './shard-stash.ts';

/** Below this many rows, starting a thread (about 0.25 CPU-s and 50 MB each) costs more than it saves. */
export const THREADS_FROM_ROWS = 500_000;

/**
 * How numbers are hashed: `hmacKey`, HMAC-SHA-256 under that key (open and secret modes: threads can
 * hash, natively where the addon is built), or any `hasher` (oprf mode's state hasher: this thread).
 */
export type BuildKeying = { hmacKey: Uint8Array; hasher?: never } | { hasher: KeyedHasher; hmacKey?: never };

export type BuildOptions = BuildKeying & {
  region: CountryCode;
  falsePositiveRate: number;
  /** The calling codes the registry covers; numbers of other codes are rejected. Every code when absent. */
  jurisdiction?: Jurisdiction;
  validity?: ValidityRule;
  /** How registration dates that are not ISO 8601 are written (default DD/MM/YYYY). */
  dateFormat?: DateFormat;
  shardMaxBytes?: number;
  /**
   * Scoped registers: registrations enter scope digests (docs/FORMAT.md §1.3). The profile's scopes,
   * whose aliases the export's cells may use (codes alone read codes only).
   */
  scopes?: ProfileScopes;
  /** Partitioned registers: each key's digests go to its partition's shards (§1.4). */
  partition?: PartitionRule;
  /**
   * The previous epoch's geometry, kept while every shard still fits (null: none); a partitioned
   * build's, per partition (`previousPartitions`).
   */
  previousGeometry?: PreviousGeometry | null;
  previousPartitions?: ReadonlyMap<string, PreviousGeometry>;
  /** Start a new geometry even if the previous one still fits. */
  newGeometry?: boolean;
  /** Digests entered beside the export's: a live list's additions folded in (fold-additions.ts), sized for too. */
  extraDigests?: readonly Uint8Array[];
  tempDirectory?: string;
  /**
   * Where each shard goes once filled (default: kept in memory). A publishing build stashes them on
   * disk, so the whole filter is never in memory at once (shard-stash.ts).
   */
  stash?: FileStash;
  /** Worker threads beside this one, which works too (default: one fewer than the cores); 0: none. */
  threads?: number;
  /** Rows read before threads start (default THREADS_FROM_ROWS); smaller lists build in this thread. */
  threadsFromRows?: number;
  /** Use the native HMAC when it is built (default); false hashes in JavaScript. */
  nativeHash?: boolean;
  onReject?: (reject: RejectedRow) => void;
  onProgress?: (counts: BuildCounts) => void;
};

export interface BuildResult {
  /** Every shard, in manifest order (core/epoch/shard-layout.ts: partition by partition). */
  shards: BuiltShard[];
  /** Unpartitioned: the prefix bits; partitioned: 0 (each partition has its own, in `partitions`). */
  shardPrefixBits: number;
  /** Kept from the previous epoch, or new (and why); partitioned: kept when every partition's was. */
  geometry: Omit<GeometryPlan, 'shards' | 'shardPrefixBits'>;
  /** Partitioned builds: each partition's geometry, in ascending order. */
  partitions?: PartitionGroup[];
  counts: BuildCounts;
  /** Line numbers of the first unreadable or ambiguous dates, for the refusal message. */
  dateExamples: number[];
  /** The worker threads the build used (0: none), and the keyed hash of open and secret modes. */
  threads: number;
  hashBackend?: 'openssl' | 'javascript';
}

export async function buildFilters(
  rows: AsyncIterable<InputRecord[]>,
  options: BuildOptions,
): Promise<BuildResult> {
  const counts = emptyCounts();
  const dateExamples: number[] = [];
  const recordJudged = recordJudgedRows(counts, dateExamples, options);
  const rules: RowRules = {
    region: options.region,
    jurisdiction: options.jurisdiction,
    cutoff: options.validity ? cutoffDate(options.validity) : undefined,
    dateFormat: options.dateFormat ?? DEFAULT_DATE_FORMAT,
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...(options.partition ? { partition: options.partition } : {}),
  };
  if (options.partition) return buildPartitioned(rows, options, rules, keyedHasherOf(options));
  const threads = options.threads ?? Math.max(0, availableParallelism() - 1);
  const threadsFromRows = options.threadsFromRows ?? THREADS_FROM_ROWS;
  const preferNativeHash = options.nativeHash ?? true;
  const hmac = options.hmacKey ? createBatchHmac(options.hmacKey, preferNativeHash) : undefined;
  const digestMany: DigestMany = hmac
    ? (keys, count, out) => hmac.digestMany(keys, count, out)
    : digestManyWith(options.hasher!);
  const inThread = new BatchHasher(new RowJudge(rules), digestMany);
  const spill = new DigestSpill(options.tempDirectory);
  let hashPool: BuildPool | undefined;
  let fillPool: BuildPool | undefined;
  // Entered digests, when more than one per reading (a scoped register's scope digests).
  let entered: number | undefined;
  try {
    // Pass 1: a scoped register's in this thread (scoped-pass.ts); threads hash the others (open and
    // secret modes) once the input is large enough.
    if (options.scopes) {
      entered = await spillKeyedRows(rows, {
        judge: new RowJudge(rules),
        hasher: keyedHasherOf(options),
        scopes: options.scopes,
        emit: (_partition, digest) => spill.append(digest),
        onBatch: recordJudged,
      });
    } else
      await hashAllRows(rows, {
        inThread,
        pool: (rowsRead) => {
          if (hashPool === undefined && options.hmacKey && threads > 0 && rowsRead >= threadsFromRows) {
            hashPool = new BuildPool(threads, { rules, hmacKey: options.hmacKey, preferNativeHash });
          }
          return hashPool;
        },
        apply: (hashed) => {
          // Spilled before progress is said: a progress callback sees the batch wholly done.
          spill.appendGrouped(hashed.heads, hashed.bucketCounts);
          recordJudged(hashed);
        },
      });
    // A live list's additions folded in: into the same spill, so both passes (threads or not) treat
    // them exactly as the export's keys. An addition covers every scope: in a scoped epoch it enters
    // the scope digest of all channels and all sectors, which every check's labels look up (§1.3).
    const additionLabels = options.scopes ? entryLabels(options.scopes, EVERY_SCOPE) : null;
    for (const digest of options.extraDigests ?? []) {
      for (const each of additionLabels ? scopeDigests(digest, additionLabels) : [digest]) {
        spill.append(each);
        counts.additions++;
      }
    }
    const plan = planGeometry({
      entries: spill.count,
      shardCounts: (bits) => spill.shardCounts(bits),
      falsePositiveRate: options.falsePositiveRate,
      shardMaxBytes: options.shardMaxBytes ?? DEFAULT_SHARD_MAX_BYTES,
      previous: options.previousGeometry ?? null,
      renew: options.newGeometry,
    });
    // Pass 2: units that share no shard and no bucket, on threads when the list is large enough. The
    // hashing threads go first: their phone metadata has no use here, and the filter takes the memory.
    const hashed = hashPool !== undefined;
    await hashPool?.close();
    hashPool = undefined;
    const units = planFillUnits(spill.seal(), plan.shards, plan.shardPrefixBits, options.falsePositiveRate);
    if (threads > 0 && (hashed || spill.count >= threadsFromRows)) fillPool = new BuildPool(threads);
    const stash = options.stash ?? memoryStash;
    const shards = await fillAllUnits(units, fillPool, (shard) =>
      keepShard(stash, shard, null, shardFileName(shard.index)),
    );
    // Distinct keys (scoped: distinct scope digests), exactly: an ambiguous value's extra readings are
    // entries of their own.
    counts.entries = shards.reduce((sum, shard) => sum + shard.entries, 0);
    counts.duplicates =
      (entered ?? counts.accepted + counts.extraReadings) + counts.additions - counts.entries;
    const geometry =
      plan.reason === undefined ? { kept: plan.kept } : { kept: plan.kept, reason: plan.reason };
    return {
      shards,
      shardPrefixBits: plan.shardPrefixBits,
      geometry,
      counts,
      dateExamples,
      threads: fillPool === undefined ? 0 : threads,
      // A scoped pass hashes with the JavaScript HMAC (scoped-pass.ts).
      ...(hmac ? { hashBackend: options.scopes ? 'javascript' : hmac.backend } : {}),
    };
  } finally {
    await hashPool?.close();
    await fillPool?.close();
    spill.dispose();
  }
}

/** The hash a scoped or partitioned pass digests with: HMAC under the build's key, or oprf mode's. */
function keyedHasherOf(options: BuildOptions): KeyedHasher {
  return options.hmacKey ? createKeyedHasher(options.hmacKey) : options.hasher!;
}
