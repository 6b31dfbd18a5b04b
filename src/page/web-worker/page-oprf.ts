/**
 * The scrub page in oprf mode, before any row is sorted: count the numbers the browser's journal does
 * not hold yet (a first pass over the file: client/oprf/evaluation-plan.ts), ask the server what is
 * left of today's quota (GET /v1/quota), and when that does not cover the file, stop and let the person
 * decide (the plan). Then the server evaluates what the quota allows, first numbers first, each batch
 * kept in IndexedDB as soon as its proof verifies (evaluation-store.ts); a failure part-way stops the
 * evaluations, never the scrub, which then sorts from the journal alone (client/oprf/journal-classifier.ts),
 * rows whose numbers are missing going to the "not yet checked" file.
 */
import {
  type BudgetOutcome,
  type EvaluationPlan,
  evaluateWithinBudget,
  planEvaluations,
} from '../../client/oprf/evaluation-budget.ts';
import { EvaluationPlanner } from '../../client/oprf/evaluation-plan.ts';
import { JournalRowClassifier } from '../../client/oprf/journal-classifier.ts';
import { createOprfEvaluator, type OprfEvaluator } from '../../client/oprf/oprf-evaluator.ts';
import { fetchWorkerQuota } from '../../client/oprf/worker-quota.ts';
import { filtersOf } from '../../client/scrub/classifier-setup.ts';
import type { DigestLookup } from '../../core/additions/addition-set.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { epochRegion, type MembershipOptions } from '../../core/membership.ts';
import { partitionOf } from '../../core/partitions/partition-rule.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import type { CallList } from './call-list.ts';
import type { VerifiedEpoch } from './epoch-download.ts';
import { BrowserEvaluationJournal } from './evaluation-store.ts';

let oprfBackend: Promise<OprfBackend> | undefined;

/**
 * libsodium's WebAssembly (about 8× faster than pure JS here, docs/BROWSER.md), loaded once per Web
 * Worker and only in oprf mode; @noble/curves when WebAssembly is unavailable (a policy, an old
 * browser). Both give the same bytes (test/unit/oprf/backends-agree.test.ts).
 */
function pageOprfBackend(): Promise<OprfBackend> {
  oprfBackend ??= createOprfBackend({ prefer: 'libsodium' });
  return oprfBackend;
}

const journals = new Map<string, Promise<BrowserEvaluationJournal>>();

/** The journal of an OPRF key, opened once per Web Worker (it is read whole from IndexedDB). */
function journalOf(keyId: string): Promise<BrowserEvaluationJournal> {
  let journal = journals.get(keyId);
  if (!journal) {
    journal = BrowserEvaluationJournal.open(keyId);
    journals.set(keyId, journal);
  }
  return journal;
}

export type OprfPreparation =
  | { kind: 'plan'; plan: EvaluationPlan }
  | {
      kind: 'ready';
      classifier: JournalRowClassifier;
      plan: EvaluationPlan;
      outcome: BudgetOutcome;
      backend: OprfBackend;
      /** Whether the evaluations are kept in this browser (IndexedDB) for a later run. */
      kept: boolean;
    };

export async function prepareOprf(args: {
  list: CallList;
  epoch: VerifiedEpoch;
  origin: string;
  apiKey: string;
  /** The person agreed to check only what today's quota covers. */
  partial: boolean;
  /** A live list's unexpired additions (OPRF outputs' digests), on top of the filter. */
  additions?: DigestLookup;
  onProgress: (stage: 'count' | 'evaluate', done: number, total: number) => void;
  /**
   * The scope checked (every phone column in it) and the partitions downloaded: the count asks one
   * evaluation per number whatever the scope, none for a number of a partition not held.
   */
  membership?: MembershipOptions;
}): Promise<OprfPreparation> {
  const { manifest } = args.epoch;
  const region = epochRegion(manifest);
  const rule = manifest.register?.partition;
  // A partitioned epoch's POPRF outputs are other values than the OPRF's under the same key: kept apart.
  const journal = await journalOf(rule ? `${manifest.hash.keyId}-poprf` : manifest.hash.keyId);
  const planner = new EvaluationPlanner(manifest, journal, region, args.membership);
  const rows = args.list.inspected.rows;
  await args.list.pass(planner, 'drop', {
    keep: false,
    onProgress: (done) => args.onProgress('count', done, rows),
  });
  // Asked even when nothing is needed: a wrong key is told here, before any work.
  const quota = await fetchWorkerQuota(args.origin, args.apiKey);
  const plan = planEvaluations(planner, quota);
  if (plan.budget < plan.needed && !args.partial) return { kind: 'plan', plan };
  const backend = await pageOprfBackend();
  const outcome = await evaluateWithinBudget({
    numbers: planner.numbers,
    budget: plan.budget,
    journal,
    evaluate: kept(
      createOprfEvaluator({
        url: args.origin,
        apiKey: args.apiKey,
        backend,
        publicKey: fromBase64(manifest.hash.publicKey!, 'manifest OPRF public key'),
        epoch: manifest.epoch,
        keyId: manifest.hash.keyId,
        ...(rule ? { partitionOf: (key: string) => partitionOf(key, rule) } : {}),
      }),
      journal,
    ),
    onProgress: (done, total) => args.onProgress('evaluate', done, total),
  });
  // Stopped or not, what was evaluated is on disk before the person is told it is kept.
  await journal.flush();
  const filters = filtersOf(args.epoch.shards);
  return {
    kind: 'ready',
    classifier: new JournalRowClassifier(manifest, filters, journal, region, args.membership, args.additions),
    plan,
    outcome,
    backend,
    kept: journal.kept,
  };
}

/** Each round of evaluations is on disk before the next is asked for: a closed tab loses none of it. */
function kept(evaluate: OprfEvaluator, journal: BrowserEvaluationJournal): OprfEvaluator {
  return async (e164s, onBatch) => {
    const outputs = await evaluate(e164s, onBatch);
    await journal.flush();
    return outputs;
  };
}
