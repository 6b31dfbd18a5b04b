/**
 * `scrub` as a library call: the cached epoch (verified), a classifier, the CSV engine (or, for an
 * .xlsx / .ods input recognised by its first bytes, the spreadsheet one), and the receipt. An open-mode epoch is scrubbed locally by a pool of hashing threads sharing its filter
 * (its hash key is in the signed manifest); an oprf-mode epoch through blinded evaluations by the
 * worker, journaled in the cache so that an interrupted scrub resumes without paying twice.
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { prepend, readStreamHead } from '../../core/encoding/stream-head.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parseFilter } from '../../core/filter/format.ts';
import { FilterSet } from '../../core/filter/shard-set.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { epochMembership } from '../../core/membership.ts';
import { isRegionCode, NORMALIZATION_VERSION } from '../../core/phone/normalize.ts';
import type { EncodingChoice } from '../../core/text/encoding.ts';
import { detectSpreadsheet } from '../../core/text/spreadsheet-magic.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { type HeldListAdditions, openHeldAdditions } from '../additions/held-additions.ts';
import { listCacheDirectory } from '../additions/list-cache.ts';
import { type CachedEpoch, loadSharedShards, openCachedEpoch } from '../cache/cached-epoch.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import type { OnlineCheckOptions } from '../online/online-check.ts';
import { OnlineRowClassifier } from '../online/online-classifier.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { OprfRowClassifier } from '../oprf/oprf-classifier.ts';
import { createOprfEvaluator } from '../oprf/oprf-evaluator.ts';
import { OprfThreadPool } from '../oprf/oprf-threads.ts';
import { countersignReceipt } from '../receipt/request-timestamp.ts';
import { DEFAULT_MAX_AGE_DAYS, usableEpochWarning } from '../trust/staleness.ts';
import { ClassifierPool } from './classifier-pool.ts';
import { type CsvScrubResult, type ScrubMode, scrubCsv } from './csv-scrub.ts';
import { type HashedInput, hashedInput } from './hashed-input.ts';
import { MultiListClassifier } from './multi-list-classifier.ts';
import { buildReceipt, type ScrubReceipt } from './receipt.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { ScrubTargets } from './scrub-writer.ts';
import type { SheetScrubResult } from './sheet-scrub.ts';

export interface ScrubRequest {
  /** The call list: CSV (any delimiter and encoding scrub reads), .xlsx or .ods. */
  input: AsyncIterable<Uint8Array>;
  /** The phone column: a header name, a 1-based position, or (default) the header's phone column. */
  column?: string;
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

export interface OprfScrubOptions {
  url: string;
  apiKey: string;
  /** Default: the fastest backend this machine loads. */
  backend?: OprfBackend;
  /** Batches of 1,000 in flight per classifier batch. */
  concurrency?: number;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
}

export type ScrubResult = CsvScrubResult | SheetScrubResult;

export interface ScrubReport {
  result: ScrubResult;
  receipt: ScrubReceipt;
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
}

export interface ListScrub {
  list: string;
  epoch: string;
  manifestSha256: string;
  /** Null: the list takes no live additions. */
  additions: (AdditionsStatus & { fetchedAt: string }) | null;
  /** Rows this list holds (a row held by two lists counts in both). */
  listed: number;
}

interface OpenedList {
  list: string;
  cacheDirectory: string;
  epoch: CachedEpoch;
  additions: HeldListAdditions;
}

export async function scrub(request: ScrubRequest): Promise<ScrubReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const opened: OpenedList[] = [];
  for (const list of request.lists ?? [DEFAULT_LIST]) {
    const cacheDirectory = listCacheDirectory(request.cacheDirectory, list);
    const epoch = await openCachedEpoch(cacheDirectory, { publicKey: request.publicKey });
    opened.push({ list, cacheDirectory, epoch, additions: await openHeldAdditions(epoch, now()) });
  }
  if (opened.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'name at least one list');
  const { epoch } = opened[0]!;
  const { manifest } = epoch;
  const region = (request.region ?? manifest.normalization.defaultRegion).toUpperCase();
  if (!isRegionCode(region))
    throw new QuietlistError('INVALID_ARGUMENT', `--region ${region} is not a known region code`);
  const warnings = opened.flatMap((list) => [
    ...epochWarnings(list.epoch.manifest, now(), request.maxAgeDays),
    ...list.additions.warnings,
  ]);
  const mode = request.mode ?? 'drop';
  const input = await sniffInput(request.input, request);
  const classifiers: { name: string; classifier: RowClassifier }[] = [];
  try {
    for (const list of opened) {
      const listRegion = (request.region ?? list.epoch.manifest.normalization.defaultRegion).toUpperCase();
      if (!isRegionCode(listRegion))
        throw new QuietlistError('INVALID_ARGUMENT', `--region ${listRegion} is not a known region code`);
      classifiers.push({ name: list.list, classifier: await classifierFor(list, request, listRegion) });
    }
  } catch (error) {
    await Promise.all(classifiers.map(({ classifier }) => classifier.close()));
    throw error;
  }
  const classifier =
    classifiers.length === 1 ? classifiers[0]!.classifier : new MultiListClassifier(classifiers);
  let result: ScrubResult;
  try {
    result =
      input.format === 'csv'
        ? await scrubCsv({ ...request, input: input.input, mode, classifier })
        : await scrubSpreadsheet({ ...request, input: input.input, format: input.format, mode, classifier });
  } finally {
    await classifier.close();
  }
  if (result.format === 'csv' && !result.excelSafe && result.formulaCells > 0) {
    warnings.push(
      `${result.formulaCells} cell(s) of the outputs start with = + - @ TAB or CR, which Excel, LibreOffice and Google Sheets run as formulas: to open the outputs in a spreadsheet, scrub with --excel-safe (docs/CLIENT.md, "Opening the outputs in Excel")`,
    );
  }
  const settings: ScrubReceipt['settings'] =
    result.format === 'csv'
      ? {
          column: result.column,
          region,
          mode,
          format: 'csv',
          delimiter: result.delimiter,
          encoding: result.encoding,
          ...(result.excelSafe ? { excelSafe: true as const } : {}),
        }
      : {
          column: result.column,
          region,
          mode,
          format: result.format,
          sheet: result.sheet,
          ...(result.excelSafe ? { excelSafe: true as const } : {}),
        };
  const lists = opened.map(
    (list): ListScrub => ({
      list: list.list,
      epoch: list.epoch.manifest.epoch,
      manifestSha256: list.epoch.manifestSha256,
      additions: list.additions.status,
      listed:
        classifier instanceof MultiListClassifier
          ? (classifier.listedBy[list.list] ?? 0)
          : result.counts.listed,
    }),
  );
  // The root list alone, not live: the receipt stays what it was before lists existed.
  const plain = lists.length === 1 && lists[0]!.list === DEFAULT_LIST && !lists[0]!.additions;
  const receipt = buildReceipt({
    epoch,
    ...(plain ? {} : { lists: lists.map(receiptList) }),
    inputName: request.inputName,
    settings,
    result,
    checkedWith: checkedWith(manifest, request),
    startedAt,
    finishedAt: now(),
  });
  const worker = manifest.mode === 'oprf' ? request.oprf : request.online;
  if (worker && request.timestamp !== false) {
    const warning = await countersignReceipt(receipt, worker, epoch.publicKey);
    if (warning) warnings.push(warning);
  }
  const oprfEvaluated = classifier instanceof OprfRowClassifier ? classifier.evaluated : undefined;
  const oprfExtraReadings = classifier instanceof OprfRowClassifier ? classifier.extraReadings : undefined;
  const onlineSent = classifier instanceof OnlineRowClassifier ? classifier.sent : undefined;
  return { result, receipt, epoch, region, warnings, oprfEvaluated, oprfExtraReadings, onlineSent, lists };
}

/** The classifier of one list: blinded evaluations (oprf), the worker (--online), or hashing threads. */
async function classifierFor(
  opened: OpenedList,
  request: ScrubRequest,
  region: CountryCode,
): Promise<RowClassifier> {
  const { epoch, additions } = opened;
  const { manifest } = epoch;
  if (manifest.mode === 'oprf') return oprfClassifier(opened, request, region);
  if (request.online) {
    if (opened.list !== DEFAULT_LIST || additions.status) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--online checks the root list in the clear; list ${opened.list} is scrubbed from its pulled filter and additions: leave out --online`,
      );
    }
    const journal = EvaluationJournal.openAnswers(opened.cacheDirectory, manifest.epoch);
    return new OnlineRowClassifier(manifest.epoch, journal, request.online, region);
  }
  // Refuses a secret-mode epoch (or an inconsistent manifest) before any shard is read.
  epochMembership(manifest, {}, region);
  const setup = {
    shards: await loadSharedShards(epoch),
    manifest,
    region,
    ...(additions.status ? { additions: additions.set.hex() } : {}),
  };
  return new ClassifierPool(setup, request.threads ?? availableParallelism());
}

/** A list as the receipt names it: its epoch, rows listed, and the newest addition answered with. */
function receiptList(list: ListScrub): NonNullable<ScrubReceipt['lists']>[number] {
  const { additions } = list;
  return {
    list: list.list,
    epoch: list.epoch,
    manifestSha256: list.manifestSha256,
    listed: list.listed,
    additions: additions
      ? { through: additions.through, batchSha256: additions.batchSha256, publishedAt: additions.publishedAt }
      : null,
  };
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
  const kind = detectSpreadsheet(head);
  if (kind === 'xls' || kind === 'zip') {
    throw new QuietlistError(
      'INPUT_INVALID',
      kind === 'xls'
        ? 'the input is an Excel 97-2003 workbook (.xls): open it and save it as .xlsx (or CSV), then scrub that file'
        : 'the input is a ZIP archive, not a call list: unzip it and scrub the CSV or .xlsx inside',
    );
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

async function oprfClassifier(
  opened: OpenedList,
  request: ScrubRequest,
  region: CountryCode,
): Promise<OprfRowClassifier> {
  const { epoch } = opened;
  const { manifest } = epoch;
  if (!request.oprf || !manifest.hash.publicKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${manifest.epoch} is in oprf mode: each number needs one blinded evaluation by the worker (--worker URL and an API key)`,
    );
  }
  const backend = request.oprf.backend ?? (await createOprfBackend({ prefer: 'fast' }));
  const publicKey = fromBase64(manifest.hash.publicKey, 'manifest OPRF public key');
  const shards = await loadSharedShards(epoch);
  const filters = new FilterSet(
    manifest.filter.shardPrefixBits,
    shards.map((bytes) => parseFilter(bytes).filter),
  );
  const journal = EvaluationJournal.open(opened.cacheDirectory, manifest.hash.keyId);
  const threads = request.threads ?? availableParallelism();
  // Blinding, proof checks and unblinding on every core; the main thread keeps the requests and the CSV.
  const crypto = threads > 0 ? new OprfThreadPool({ threads, backend: backend.name, publicKey }) : undefined;
  try {
    const evaluate = createOprfEvaluator({
      url: request.oprf.url,
      apiKey: request.oprf.apiKey,
      backend,
      ...(crypto === undefined ? {} : { crypto }),
      publicKey,
      epoch: manifest.epoch,
      keyId: manifest.hash.keyId,
      list: opened.list,
      concurrency: request.oprf.concurrency,
      retry: request.oprf.retry,
      hooks: request.oprf.hooks,
    });
    return new OprfRowClassifier(manifest, filters, journal, evaluate, region, crypto, opened.additions.set);
  } catch (error) {
    // Threads left running would keep the process alive after the error.
    journal.close();
    await crypto?.close();
    throw error;
  }
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
