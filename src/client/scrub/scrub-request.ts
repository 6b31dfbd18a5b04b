/**
 * What a scrub is asked (ScrubRequest) and what it reports (ScrubReport): the library call's contract,
 * apart from the engine (scrub.ts) so that the CLI and the summaries read it without the engine.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { EncodingChoice } from '../../core/text/encoding.ts';
import type { CachedEpoch } from '../cache/cached-epoch.ts';
import type { OnlineCheckOptions } from '../online/online-check.ts';
import type { EvaluationPlan } from '../oprf/evaluation-budget.ts';
import type { CsvScrubResult, ScrubMode } from './csv-scrub.ts';
import type { OprfScrubOptions } from './oprf-scrub.ts';
import type { ScrubReceipt } from './receipt.ts';
import type { ListScrub } from './scrub-lists.ts';
import type { ScrubTargets } from './scrub-writer.ts';
import type { SheetScrubResult } from './sheet-scrub.ts';

export interface ScrubRequest {
  /** The call list: CSV (any delimiter and encoding scrub reads), .xlsx or .ods. */
  input: AsyncIterable<Uint8Array>;
  /** The phone columns: header names or 1-based positions; none: every phone column of the header. */
  columns?: readonly string[];
  /** CSV: the field delimiter (default: sniffed from the header line, like the builder). */
  delimiter?: string;
  /** CSV: the text encoding (default: detected). */
  encoding?: EncodingChoice;
  /** Spreadsheets: the sheet to scrub (default: the first). */
  sheet?: string;
  /**
   * Outputs meant for Excel: a `'` before CSV cells a spreadsheet would run as formulas, a workbook's
   * formulas written as their values (excel-safe.ts). Default false: rows byte for byte.
   */
  excelSafe?: boolean;
  outputs: ScrubTargets;
  /**
   * oprf mode: the input again, from its start. With it (and an `unchecked` output) the scrub counts
   * the numbers first, reads the quota left (GET /v1/quota), reports the plan, evaluates what the
   * quota allows and leaves the other rows unchecked instead of failing (oprf-scrub.ts).
   */
  reopenInput?: () => AsyncIterable<Uint8Array>;
  onPlan?: (plan: EvaluationPlan) => void;
  onEvaluations?: (evaluated: number, total: number) => void;
  batchRows?: number;
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  cacheDirectory: string;
  /**
   * The lists to scrub against in one pass (default: the root list, `default`), each pulled into its
   * own cache (client/additions/list-cache.ts): a row is listed when any of them holds it. The receipt
   * embeds the first list's manifest and names every list (its epoch, additions and rows) in `lists`.
   */
  lists?: string[];
  /** Re-verify the cached manifest with this key (default: the key it was pulled with). */
  publicKey?: Uint8Array;
  /** For the receipt: the input's path, or "stdin". */
  inputName: string;
  /** Region for national-format numbers (default: the manifest's). */
  region?: string;
  /**
   * Scoped epochs (es-robinson): the channel and sector of the campaign, as codes of the register
   * (default any: a number opted out of any channel or sector is listed). Refused for an epoch
   * without scopes. Every phone column is checked in this scope.
   */
  scope?: { channel?: string; sector?: string };
  mode?: ScrubMode;
  /**
   * Hashing threads, or in oprf mode blinding and unblinding threads; 0 does that work on the main
   * thread. Default: hashing, one per core but the main thread's (classifier-pool.ts,
   * defaultHashingThreads); blinding, one per core.
   */
  threads?: number;
  maxAgeDays?: number;
  now?: () => Date;
  /** oprf-mode epochs: the worker that evaluates blinded numbers. */
  oprf?: OprfScrubOptions;
  /** Other epochs (secret mode): the worker whose POST /v1/check answers; the numbers are sent to it. */
  online?: OnlineCheckOptions;
  /** With a worker: ask it to countersign the receipt's hash (default true). */
  timestamp?: boolean;
}

export type ScrubResult = CsvScrubResult | SheetScrubResult;

export interface ScrubReport {
  result: ScrubResult;
  /** Absent when rows were left unchecked (`partial`): a receipt vouches for a finished scrub only. */
  receipt?: ScrubReceipt;
  /** oprf mode with a plan: what the file needed and what the quota allowed. */
  plan?: EvaluationPlan;
  /** Rows left unchecked (the quota ran out, a request failed): they are in the `unchecked` output. */
  partial?: { plan: EvaluationPlan; unchecked: number; stoppedBy?: unknown };
  epoch: CachedEpoch;
  region: CountryCode;
  warnings: string[];
  /** oprf mode: numbers this run had the worker evaluate (the others came from the journal). */
  oprfEvaluated?: number;
  /** oprf mode: readings beyond the first of values that have several, each evaluated too (docs/NUMBERS.md). */
  oprfExtraReadings?: number;
  /** --online: numbers this run sent to POST /v1/check (the others came from the journal). */
  onlineSent?: number;
  /** Each list scrubbed against: its epoch, the live additions it answered with, the rows it holds. */
  lists: ListScrub[];
  /** Scoped epochs: the channel and sector the rows were checked for. */
  scope?: ScopeQuery;
}
