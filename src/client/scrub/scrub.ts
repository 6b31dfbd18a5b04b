/**
 * `scrub` as a library call: the cached epoch (verified), a classifier, the CSV engine (or, for an
 * .xlsx / .ods input recognised by its first bytes, the spreadsheet one), and the receipt. An open-mode epoch is scrubbed locally by a pool of hashing threads sharing its filter
 * (its hash key is in the signed manifest); an oprf-mode epoch through blinded evaluations by the
 * worker, journaled in the cache so that an interrupted scrub resumes without paying twice.
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { prepend, readStreamHead } from '../../core/encoding/stream-head.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { epochMembership } from '../../core/membership.ts';
import { isRegionCode, NORMALIZATION_VERSION } from '../../core/phone/normalize.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { EncodingChoice } from '../../core/text/encoding.ts';
import { detectFileKind, notACallListMessage } from '../../core/text/spreadsheet-magic.ts';
import { type CachedEpoch, loadSharedShards } from '../cache/cached-epoch.ts';
import type { OnlineCheckOptions } from '../online/online-check.ts';
import { OnlineRowClassifier } from '../online/online-classifier.ts';
import type { EvaluationPlan } from '../oprf/evaluation-budget.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { OprfRowClassifier } from '../oprf/oprf-classifier.ts';
import { countersignReceipt } from '../receipt/request-timestamp.ts';
import { DEFAULT_MAX_AGE_DAYS, usableEpochWarning } from '../trust/staleness.ts';
import { ClassifierPool } from './classifier-pool.ts';
import type { ClassifierSetup } from './classifier-setup.ts';
import { type CsvScrubResult, type ScrubMode, scrubCsv } from './csv-scrub.ts';
import { type HashedInput, hashedInput } from './hashed-input.ts';
import { MultiListClassifier } from './multi-list-classifier.ts';
import {
  type OprfScrubOptions,
  oprfClassifier,
  oprfEvaluator,
  type PlannedScrub,
  type ScrubPass,
  scrubWithinQuota,
} from './oprf-scrub.ts';
import { receiptOfScrub, type ScrubReceipt } from './receipt.ts';
import type { RowClassifier } from './row-classifier.ts';
import {
  type ListScrub,
  listMemberships,
  listsScrubbed,
  type OpenedList,
  openLists,
  receiptLists,
  type ScrubMembership,
} from './scrub-lists.ts';
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
   * Hashing threads, or in oprf mode blinding and unblinding threads (default: one per core); 0 does
   * that work on the main thread.
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

export type { OprfScrubOptions } from './oprf-scrub.ts';
export type { ListScrub } from './scrub-lists.ts';

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

export async function scrub(request: ScrubRequest): Promise<ScrubReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const opened = await openLists(request.lists, request.cacheDirectory, request.publicKey, now());
  const first = opened[0]!;
  const { epoch } = first;
  const { manifest } = epoch;
  const region = (request.region ?? manifest.normalization.defaultRegion).toUpperCase();
  if (!isRegionCode(region))
    throw new QuietlistError('INVALID_ARGUMENT', `--region ${region} is not a known region code`);
  const warnings = opened.flatMap((list) => [
    ...epochWarnings(list.epoch.manifest, now(), request.maxAgeDays),
    ...list.additions.warnings,
  ]);
  const mode = request.mode ?? 'drop';
  const memberships = listMemberships(opened, request.scope);
  const membership = memberships[0]!;
  const { scope, held } = membership;
  const input = await sniffInput(request.input, request);
  const pass: ScrubPass<ScrubResult> = (hashed, classifier, outputs, passMode) =>
    input.format === 'csv'
      ? scrubCsv({ ...request, input: hashed, mode: passMode, classifier, outputs })
      : scrubSpreadsheet({
          ...request,
          input: hashed,
          format: input.format,
          mode: passMode,
          classifier,
          outputs,
        });
  let result: ScrubResult;
  let oprfEvaluated: number | undefined;
  let oprfExtraReadings: number | undefined;
  let onlineSent: number | undefined;
  let planned: PlannedScrub<ScrubResult> | undefined;
  let listedBy: Record<string, number> | undefined;
  if (
    opened.length === 1 &&
    manifest.mode === 'oprf' &&
    request.oprf &&
    request.reopenInput &&
    request.outputs.unchecked
  ) {
    // Count, ask what is left of the quota, say so, evaluate what it allows, then scrub (one list: the
    // quota is the subscriber's, so several lists' evaluations are asked as they are read, below).
    const { reopenInput, oprf } = request;
    const evaluator = await oprfEvaluator(epoch, oprf, request.threads ?? availableParallelism(), first.list);
    try {
      planned = await scrubWithinQuota({
        epoch,
        region,
        cacheDirectory: first.cacheDirectory,
        additions: first.additions.status ? first.additions.set : undefined,
        worker: oprf,
        evaluate: evaluator.evaluate,
        input: input.input,
        reopen: () => hashedInput(reopenInput()),
        pass,
        mode,
        outputs: request.outputs,
        onPlan: request.onPlan,
        onEvaluations: request.onEvaluations,
        membership: membership.options,
      });
    } finally {
      // Threads left running would keep the process alive.
      await evaluator.close();
    }
    result = planned.result;
    oprfEvaluated = planned.outcome.evaluated;
    oprfExtraReadings = planned.extraReadings;
  } else {
    const classifiers: { name: string; classifier: RowClassifier }[] = [];
    try {
      for (const list of opened) {
        const listRegion = (request.region ?? list.epoch.manifest.normalization.defaultRegion).toUpperCase();
        if (!isRegionCode(listRegion))
          throw new QuietlistError('INVALID_ARGUMENT', `--region ${listRegion} is not a known region code`);
        const listMembership = memberships[opened.indexOf(list)]!;
        classifiers.push({
          name: list.list,
          classifier: await classifierFor(list, request, listRegion, listMembership),
        });
      }
    } catch (error) {
      await Promise.all(classifiers.map(({ classifier }) => classifier.close()));
      throw error;
    }
    const classifier =
      classifiers.length === 1 ? classifiers[0]!.classifier : new MultiListClassifier(classifiers);
    try {
      result = await pass(input.input, classifier, request.outputs, mode);
    } finally {
      await classifier.close();
    }
    if (classifier instanceof MultiListClassifier) listedBy = classifier.listedBy;
    if (classifier instanceof OprfRowClassifier) {
      oprfEvaluated = classifier.evaluated;
      oprfExtraReadings = classifier.extraReadings;
    }
    if (classifier instanceof OnlineRowClassifier) onlineSent = classifier.sent;
  }
  if (result.format === 'csv' && !result.excelSafe && result.formulaCells > 0) {
    warnings.push(
      `${result.formulaCells} cell(s) of the outputs start with = + - @ TAB or CR, which Excel, LibreOffice and Google Sheets run as formulas: to open the outputs in a spreadsheet, scrub with --excel-safe (docs/CLIENT.md, "Opening the outputs in Excel")`,
    );
  }
  const stopped = planned && planned.unchecked > 0 ? planned : undefined;
  const partial = stopped
    ? { plan: stopped.plan, unchecked: stopped.unchecked, stoppedBy: stopped.outcome.failure }
    : undefined;
  const lists = listsScrubbed(opened, listedBy, result.counts.listed, memberships);
  // Rows were left unchecked: no receipt, which would vouch for a file the scrub did not finish.
  const receipt = partial
    ? undefined
    : receiptOfScrub({
        epoch,
        ...receiptLists(lists),
        inputName: request.inputName,
        result,
        region,
        mode,
        checkedWith: checkedWith(manifest, request),
        ...(scope ? { scope } : {}),
        ...(held ? { partitions: [...held] } : {}),
        startedAt,
        finishedAt: now(),
      });
  const worker = manifest.mode === 'oprf' ? request.oprf : request.online;
  if (receipt && worker && request.timestamp !== false) {
    const warning = await countersignReceipt(receipt, worker, epoch.publicKey);
    if (warning) warnings.push(warning);
  }
  return {
    result,
    receipt,
    epoch,
    region,
    warnings,
    oprfEvaluated,
    oprfExtraReadings,
    onlineSent,
    ...(planned ? { plan: planned.plan } : {}),
    ...(partial ? { partial } : {}),
    lists,
    ...(scope ? { scope } : {}),
  };
}

/**
 * The classifier of one list in a scrub read once: blinded evaluations (oprf), the worker's checks
 * (--online), or the local filter; a live list's unexpired additions on top.
 */
async function classifierFor(
  opened: OpenedList,
  request: ScrubRequest,
  region: CountryCode,
  { scope, held, options }: ScrubMembership,
): Promise<RowClassifier> {
  const { epoch, additions } = opened;
  const { manifest } = epoch;
  if (manifest.mode === 'oprf') {
    const threads = request.threads ?? availableParallelism();
    return oprfClassifier(epoch, request.oprf, opened.cacheDirectory, region, threads, options, {
      list: opened.list,
      ...(additions.status ? { additions: additions.set } : {}),
    });
  }
  if (request.online) {
    if (opened.list !== DEFAULT_LIST || additions.status) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--online checks the root list in the clear; list ${opened.list} is scrubbed from its pulled filter and additions: leave out --online`,
      );
    }
    // Answers depend on the scope: each scope journals its own.
    const journal = EvaluationJournal.openAnswers(
      opened.cacheDirectory,
      manifest.epoch,
      scope ? `${scope.channel ?? 'any'}.${scope.sector ?? 'any'}` : undefined,
    );
    return new OnlineRowClassifier(
      manifest.epoch,
      journal,
      { ...request.online, ...(scope ? { scope } : {}) },
      region,
    );
  }
  // Refuses a secret-mode epoch (or an inconsistent manifest) before any shard is read.
  epochMembership(manifest, {}, region, options);
  const setup: ClassifierSetup = {
    shards: await loadSharedShards(epoch),
    manifest,
    region,
    ...(scope ? { scope } : {}),
    ...(held ? { partitions: [...held] } : {}),
    ...(additions.status ? { additions: additions.set.hex() } : {}),
  };
  return new ClassifierPool(setup, request.threads ?? availableParallelism());
}

/**
 * What the input is, from its first bytes: an .xlsx or .ods workbook, or text for the CSV engine. An
 * old .xls or another ZIP is refused with what to do; options of the other kind are refused too.
 */
async function sniffInput(
  source: AsyncIterable<Uint8Array>,
  request: Pick<ScrubRequest, 'delimiter' | 'encoding' | 'sheet'>,
): Promise<{ format: 'csv' | 'xlsx' | 'ods'; input: HashedInput }> {
  const hashed = hashedInput(source);
  const { head, rest } = await readStreamHead(hashed.chunks, { minBytes: 4096 }, Buffer.concat);
  const input: HashedInput = { ...hashed, chunks: prepend(head, rest) };
  const kind = detectFileKind(head);
  // A PDF, a picture, an archive, an old .xls: refused by content, with what to scrub instead.
  if (kind !== undefined && kind !== 'xlsx' && kind !== 'ods') {
    throw new QuietlistError('INPUT_INVALID', notACallListMessage(kind, 'the input'));
  }
  if (kind === undefined) {
    if (request.sheet !== undefined)
      throw new QuietlistError('INVALID_ARGUMENT', '--sheet is for .xlsx and .ods inputs; this one is CSV');
    return { format: 'csv', input };
  }
  const option =
    request.delimiter !== undefined
      ? '--delimiter'
      : request.encoding !== undefined && request.encoding !== 'auto'
        ? '--encoding'
        : undefined;
  if (option)
    throw new QuietlistError('INVALID_ARGUMENT', `${option} is for CSV inputs; this one is .${kind}`);
  return { format: kind, input };
}

/** SheetJS (a large module) is loaded only for a spreadsheet: a CSV scrub never pays for it. */
async function scrubSpreadsheet(
  options: Parameters<typeof import('./sheet-scrub.ts').scrubSheet>[0],
): Promise<SheetScrubResult> {
  const { scrubSheet } = await import('./sheet-scrub.ts');
  return scrubSheet(options);
}

/**
 * Refuses an epoch past its register's rescrub window (EPOCH_TOO_OLD); warns of a stale list without one,
 * and of normaliser metadata other than the builder's (a mismatch could turn a listed number "clean").
 */
export function epochWarnings(manifest: Manifest, now: Date, maxAgeDays = DEFAULT_MAX_AGE_DAYS): string[] {
  const warnings: string[] = [];
  const stale = usableEpochWarning(manifest, now, maxAgeDays);
  if (stale) warnings.push(stale);
  if (manifest.normalization.version !== NORMALIZATION_VERSION) {
    warnings.push(
      `epoch ${manifest.epoch} was built with ${manifest.normalization.library} ${manifest.normalization.version}, ` +
        `this client normalises with ${NORMALIZATION_VERSION}: upgrade so both agree`,
    );
  }
  return warnings;
}

/** The worker that took part in the scrub, for the receipt: blinded evaluations, or checks in the clear. */
function checkedWith(
  manifest: Manifest,
  request: ScrubRequest,
): { kind: 'worker' | 'online'; url: string } | undefined {
  if (manifest.mode === 'oprf' && request.oprf) return { kind: 'worker', url: request.oprf.url };
  if (manifest.mode !== 'oprf' && request.online) return { kind: 'online', url: request.online.url };
  return undefined;
}
