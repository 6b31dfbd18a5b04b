/**
 * `scrub` as a library call: the cached epoch (verified), a classifier, the CSV engine, and the
 * receipt. An open-mode epoch is scrubbed locally by a pool of hashing threads sharing its filter
 * (its hash key is in the signed manifest); an oprf-mode epoch through blinded evaluations by the
 * worker, journaled in the cache so that an interrupted scrub resumes without paying twice.
 */
import { availableParallelism } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { fromBase64 } from '../../core/base64.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parseFilter } from '../../core/filter-format.ts';
import { FilterSet } from '../../core/filter-set.ts';
import type { Manifest } from '../../core/manifest.ts';
import { epochMembership } from '../../core/membership.ts';
import { isRegionCode, NORMALIZATION_VERSION } from '../../core/phone.ts';
import { receiptSha256 } from '../../core/receipt.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { type CachedEpoch, loadSharedShards, openCachedEpoch } from '../cached-epoch.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { OprfRowClassifier } from '../oprf/oprf-classifier.ts';
import { createOprfEvaluator } from '../oprf/oprf-evaluator.ts';
import { requestReceiptTimestamp } from '../receipt/request-timestamp.ts';
import { DEFAULT_MAX_AGE_DAYS, staleEpochWarning } from '../staleness.ts';
import { ClassifierPool } from './classifier-pool.ts';
import { type CsvScrubOptions, type CsvScrubResult, type ScrubMode, scrubCsv } from './csv-scrub.ts';
import { buildReceipt, type ScrubReceipt } from './receipt.ts';
import type { RowClassifier } from './row-classifier.ts';

export interface ScrubRequest extends Omit<CsvScrubOptions, 'classifier' | 'mode'> {
  cacheDirectory: string;
  /** Re-verify the cached manifest with this key (default: the key it was pulled with). */
  publicKey?: Uint8Array;
  /** For the receipt: the input's path, or "stdin". */
  inputName: string;
  /** Region for national-format numbers (default: the manifest's). */
  region?: string;
  mode?: ScrubMode;
  /** Hashing threads (default: one per core); 0 hashes on the main thread. */
  threads?: number;
  maxAgeDays?: number;
  now?: () => Date;
  /** oprf-mode epochs: the worker that evaluates blinded numbers. */
  oprf?: OprfScrubOptions;
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

export interface ScrubReport {
  result: CsvScrubResult;
  receipt: ScrubReceipt;
  epoch: CachedEpoch;
  region: CountryCode;
  warnings: string[];
  /** oprf mode: numbers this run had the worker evaluate (the others came from the journal). */
  oprfEvaluated?: number;
}

export async function scrub(request: ScrubRequest): Promise<ScrubReport> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const epoch = await openCachedEpoch(request.cacheDirectory, { publicKey: request.publicKey });
  const { manifest } = epoch;
  const region = (request.region ?? manifest.normalization.defaultRegion).toUpperCase();
  if (!isRegionCode(region))
    throw new QuietlistError('INVALID_ARGUMENT', `--region ${region} is not a known region code`);
  const warnings = epochWarnings(manifest, now(), request.maxAgeDays);
  const mode = request.mode ?? 'drop';
  let classifier: RowClassifier;
  if (manifest.mode === 'oprf') {
    classifier = await oprfClassifier(epoch, request, region);
  } else {
    // Refuses a secret-mode epoch (or an inconsistent manifest) before any shard is read.
    epochMembership(manifest, {}, region);
    const setup = { shards: await loadSharedShards(epoch), manifest, region };
    classifier = new ClassifierPool(setup, request.threads ?? availableParallelism());
  }
  let result: CsvScrubResult;
  try {
    result = await scrubCsv({ ...request, mode, classifier });
  } finally {
    await classifier.close();
  }
  const receipt = buildReceipt({
    epoch,
    inputName: request.inputName,
    settings: { column: request.column, region, mode, delimiter: result.delimiter },
    result,
    workerUrl: manifest.mode === 'oprf' ? request.oprf?.url : undefined,
    startedAt,
    finishedAt: now(),
  });
  if (request.oprf && request.timestamp !== false) {
    const stamped = await requestReceiptTimestamp({
      url: request.oprf.url,
      apiKey: request.oprf.apiKey,
      receiptSha256: receiptSha256(receipt),
      listKey: epoch.publicKey,
    });
    if (stamped.timestamp) receipt.timestamp = stamped.timestamp;
    if (stamped.warning) warnings.push(stamped.warning);
  }
  const oprfEvaluated = classifier instanceof OprfRowClassifier ? classifier.evaluated : undefined;
  return { result, receipt, epoch, region, warnings, oprfEvaluated };
}

async function oprfClassifier(
  epoch: CachedEpoch,
  request: ScrubRequest,
  region: CountryCode,
): Promise<OprfRowClassifier> {
  const { manifest } = epoch;
  if (!request.oprf || !manifest.hash.publicKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${manifest.epoch} is in oprf mode: each number needs one blinded evaluation by the worker (--worker URL and an API key)`,
    );
  }
  const backend = request.oprf.backend ?? (await createOprfBackend({ prefer: 'fast' }));
  const evaluate = createOprfEvaluator({
    url: request.oprf.url,
    apiKey: request.oprf.apiKey,
    backend,
    publicKey: fromBase64(manifest.hash.publicKey, 'manifest OPRF public key'),
    epoch: manifest.epoch,
    keyId: manifest.hash.keyId,
    concurrency: request.oprf.concurrency,
    retry: request.oprf.retry,
    hooks: request.oprf.hooks,
  });
  const shards = await loadSharedShards(epoch);
  const filters = new FilterSet(
    manifest.filter.shardPrefixBits,
    shards.map((bytes) => parseFilter(bytes).filter),
  );
  const journal = EvaluationJournal.open(request.cacheDirectory, manifest.hash.keyId);
  return new OprfRowClassifier(manifest, filters, journal, evaluate, region);
}

/** Stale list; normaliser metadata other than the builder's (a mismatch could turn a listed number "clean"). */
export function epochWarnings(manifest: Manifest, now: Date, maxAgeDays = DEFAULT_MAX_AGE_DAYS): string[] {
  const warnings: string[] = [];
  const stale = staleEpochWarning(manifest, now, maxAgeDays);
  if (stale) warnings.push(stale);
  if (manifest.normalization.version !== NORMALIZATION_VERSION) {
    warnings.push(
      `epoch ${manifest.epoch} was built with ${manifest.normalization.library} ${manifest.normalization.version}, ` +
        `this client normalises with ${NORMALIZATION_VERSION}: upgrade so both agree`,
    );
  }
  return warnings;
}
