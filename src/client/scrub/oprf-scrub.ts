/**
 * `scrub --worker` of a file it can read twice: count first, then ask, then scrub. The first read
 * counts the numbers the journal does not hold yet (client/oprf/evaluation-plan.ts); GET /v1/quota
 * says what is left today; the plan (how many rows today, when the rest) is reported before anything
 * is spent; the worker evaluates what the quota allows, first numbers first, each batch journaled;
 * the second read scrubs from the journal alone (client/oprf/journal-classifier.ts). Rows whose
 * numbers were not all evaluated go to the "not yet checked" output, never to the clean one, and the
 * next run, after the reset, evaluates only what is still missing.
 */
import { Writable } from 'node:stream';
import type { CountryCode } from 'libphonenumber-js/min';
import type { DigestLookup } from '../../core/additions/addition-set.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { MembershipOptions } from '../../core/membership.ts';
import { partitionOf } from '../../core/partitions/partition-rule.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { type CachedEpoch, loadSharedShards } from '../cache/cached-epoch.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import type { OprfClientCrypto } from '../oprf/client-crypto.ts';
import {
  type BudgetOutcome,
  type EvaluationPlan,
  evaluateWithinBudget,
  planEvaluations,
} from '../oprf/evaluation-budget.ts';
import { EvaluationJournal } from '../oprf/evaluation-journal.ts';
import { EvaluationPlanner } from '../oprf/evaluation-plan.ts';
import { JournalRowClassifier } from '../oprf/journal-classifier.ts';
import { OprfRowClassifier } from '../oprf/oprf-classifier.ts';
import { createOprfEvaluator, type OprfEvaluator } from '../oprf/oprf-evaluator.ts';
import { OprfThreadPool } from '../oprf/oprf-threads.ts';
import { fetchWorkerQuota } from '../oprf/worker-quota.ts';
import { filtersOf } from './classifier-setup.ts';
import type { HashedInput } from './hashed-input.ts';
import type { RowClassifier } from './row-classifier.ts';
import type { ScrubMode } from './row-layout.ts';
import type { ScrubTargets } from './scrub-writer.ts';

/** One read of the input through the scrub engine (CSV or spreadsheet), with a classifier and outputs. */
export type ScrubPass<Result> = (
  input: HashedInput,
  classifier: RowClassifier,
  outputs: ScrubTargets,
  mode: ScrubMode,
) => Promise<Result>;

export interface PlannedScrub<Result> {
  result: Result;
  plan: EvaluationPlan;
  outcome: BudgetOutcome;
  /** Rows left unchecked (in the `unchecked` output). */
  unchecked: number;
  /** Readings beyond the first of values that have several (each one more evaluation, unless journaled). */
  extraReadings: number;
}

/** A counting pass writes nothing: its rows go here. */
function discard(): ScrubTargets['clean'] {
  return { stream: new Writable({ write: (_chunk, _encoding, done) => done() }), name: 'count' };
}

export async function scrubWithinQuota<
  Result extends { input: { sha256: string }; outputs: { unchecked?: { rows: number } } },
>(args: {
  epoch: CachedEpoch;
  region: CountryCode;
  cacheDirectory: string;
  /** A live list's unexpired additions (OPRF outputs' digests), on top of the filter. */
  additions?: DigestLookup;
  worker: { url: string; apiKey: string };
  evaluate: OprfEvaluator;
  /** The input as sniffed (read once to count), and a function that reads it again (to scrub). */
  input: HashedInput;
  reopen: () => HashedInput;
  pass: ScrubPass<Result>;
  mode: ScrubMode;
  outputs: ScrubTargets;
  onPlan?: (plan: EvaluationPlan) => void;
  onEvaluations?: (evaluated: number, total: number) => void;
  onCounted?: (rows: number) => void;
  /** The scope checked and the partitions held: one evaluation per number held, whatever the scope. */
  membership?: MembershipOptions;
}): Promise<PlannedScrub<Result>> {
  const { manifest } = args.epoch;
  const journal = openJournal(args.cacheDirectory, args.epoch);
  try {
    const planner = new EvaluationPlanner(manifest, journal, args.region, args.membership);
    const counted = await args.pass(args.input, planner, { clean: discard() }, 'drop');
    args.onCounted?.(planner.rows);
    const quota = await fetchWorkerQuota(args.worker.url, args.worker.apiKey);
    const plan = planEvaluations(planner, quota);
    args.onPlan?.(plan);
    const outcome = await evaluateWithinBudget({
      numbers: planner.numbers,
      budget: plan.budget,
      journal,
      evaluate: args.evaluate,
      onProgress: args.onEvaluations,
    });
    const filters = filtersOf(await loadSharedShards(args.epoch));
    const classifier = new JournalRowClassifier(
      manifest,
      filters,
      journal,
      args.region,
      args.membership,
      args.additions,
    );
    const result = await args.pass(args.reopen(), classifier, args.outputs, args.mode);
    if (result.input.sha256 !== counted.input.sha256) {
      throw new QuietlistError(
        'INPUT_INVALID',
        'the input changed between the count and the scrub: scrub it again once nothing writes to it',
      );
    }
    return {
      result,
      plan,
      outcome,
      unchecked: result.outputs.unchecked?.rows ?? 0,
      extraReadings: planner.extraReadings,
    };
  } finally {
    journal.close();
  }
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

/** The worker's evaluations under the manifest's OPRF key, and the blinding threads to close after. */
export interface OprfEvaluation {
  evaluate: OprfEvaluator;
  /** Blinding, proof checks and unblinding on every core (undefined: on this thread). */
  crypto: OprfClientCrypto | undefined;
  close(): Promise<void>;
}

/**
 * The worker's evaluations of an oprf-mode epoch, under the manifest's OPRF key. `threads` > 0:
 * blinding, proof checks and unblinding on that many threads; the main thread keeps the requests and
 * the CSV. The caller closes it (threads left running would keep the process alive).
 */
export async function oprfEvaluator(
  epoch: CachedEpoch,
  oprf: OprfScrubOptions | undefined,
  threads: number,
  /** The list whose key evaluates (POST /v1/lists/<list>/oprf/evaluate; default the root list). */
  list?: string,
): Promise<OprfEvaluation> {
  const { manifest } = epoch;
  if (!oprf || !manifest.hash.publicKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${manifest.epoch} is in oprf mode: each number needs one blinded evaluation by the worker (--worker URL and an API key)`,
    );
  }
  const backend = oprf.backend ?? (await createOprfBackend({ prefer: 'fast' }));
  const publicKey = fromBase64(manifest.hash.publicKey, 'manifest OPRF public key');
  const crypto = threads > 0 ? new OprfThreadPool({ threads, backend: backend.name, publicKey }) : undefined;
  const rule = manifest.register?.partition;
  try {
    const evaluate = createOprfEvaluator({
      url: oprf.url,
      apiKey: oprf.apiKey,
      backend,
      ...(crypto === undefined ? {} : { crypto }),
      publicKey,
      epoch: manifest.epoch,
      keyId: manifest.hash.keyId,
      ...(list === undefined ? {} : { list }),
      concurrency: oprf.concurrency,
      retry: oprf.retry,
      hooks: oprf.hooks,
      // A partitioned epoch: each number is evaluated under its partition (the POPRF's public input).
      ...(rule ? { partitionOf: (key: string) => partitionOf(key, rule) } : {}),
    });
    return { evaluate, crypto, close: async () => crypto?.close() };
  } catch (error) {
    await crypto?.close();
    throw error;
  }
}

/** A scrub read once (stdin): batches evaluated as they are read, journaled in the cache. */
export async function oprfClassifier(
  epoch: CachedEpoch,
  oprf: OprfScrubOptions | undefined,
  cacheDirectory: string,
  region: CountryCode,
  threads: number,
  /** The scope checked, and the partitions held (only their numbers are evaluated). */
  membership: MembershipOptions = {},
  live: { list?: string; additions?: DigestLookup } = {},
): Promise<OprfRowClassifier> {
  const { manifest } = epoch;
  const { evaluate, crypto, close } = await oprfEvaluator(epoch, oprf, threads, live.list);
  let journal: EvaluationJournal | undefined;
  try {
    const filters = filtersOf(await loadSharedShards(epoch));
    journal = openJournal(cacheDirectory, epoch);
    // The classifier closes the threads with the journal.
    return new OprfRowClassifier(
      manifest,
      filters,
      journal,
      evaluate,
      region,
      crypto,
      membership,
      live.additions,
    );
  } catch (error) {
    journal?.close();
    await close();
    throw error;
  }
}

/** The evaluation journal of the epoch's OPRF key (a partitioned epoch's POPRF outputs kept apart). */
function openJournal(cacheDirectory: string, epoch: CachedEpoch): EvaluationJournal {
  const { manifest } = epoch;
  return EvaluationJournal.open(cacheDirectory, manifest.hash.keyId, {
    poprf: !!manifest.register?.partition,
  });
}
