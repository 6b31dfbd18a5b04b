/**
 * A large oprf-mode scrub within the day's quota: how much of the file the quota left today covers
 * (evaluation-plan.ts counts the numbers, GET /v1/quota says what is left), and the evaluations
 * themselves, the first `budget` numbers in file order, each batch journaled as soon as its proof
 * verifies. A failure part-way (the quota, the network, a closed tab) loses no batch already
 * journaled: the scrub then finishes from the journal (journal-classifier.ts), rows not yet checked
 * going to their own output, and the next run evaluates only what is still missing.
 */
import type { EvaluationPlanner } from './evaluation-plan.ts';
import { type OprfOutputJournal, resolveOprfOutputs } from './oprf-digests.ts';
import type { OprfEvaluator } from './oprf-evaluator.ts';
import { quotaResetsAt, type WorkerQuota } from './worker-quota.ts';

export interface EvaluationPlan {
  /** Data rows of the file. */
  rows: number;
  /** Numbers the journal does not hold yet: what a whole scrub costs in quota. */
  needed: number;
  /** What the quota leaves today (the smaller of the day's and the month's). */
  remaining: number;
  /** Numbers this run will have evaluated: min(needed, remaining). */
  budget: number;
  /** Rows fully checked once `budget` numbers are evaluated. */
  rowsToday: number;
  /** When the quota that binds starts again (ISO 8601), if the file needs more than is left. */
  resumesAt?: string;
  /** At the daily limit, further days the rest needs after `resumesAt` (0: it fits in that day). */
  moreDays: number;
}

export function planEvaluations(planner: EvaluationPlanner, quota: WorkerQuota): EvaluationPlan {
  const needed = planner.numbers.length;
  const budget = Math.min(needed, quota.remaining);
  const rest = needed - budget;
  const daily = quota.day.limit;
  return {
    rows: planner.rows,
    needed,
    remaining: quota.remaining,
    budget,
    rowsToday: planner.rowsWithin(budget),
    ...(rest > 0 ? { resumesAt: quotaResetsAt(quota) } : {}),
    moreDays: rest > 0 && daily > 0 ? Math.max(0, Math.ceil(rest / daily) - 1) : 0,
  };
}

export interface BudgetOutcome {
  /** Numbers evaluated (and journaled) by this run. */
  evaluated: number;
  /** Why the evaluations stopped before the budget was spent, if they did. */
  failure?: unknown;
}

/**
 * Evaluates the first `budget` numbers (those the journal lacks), journaling batch by batch; reports
 * progress in numbers. Never throws for a failed request: it stops and says why.
 */
export async function evaluateWithinBudget(args: {
  numbers: readonly string[];
  budget: number;
  journal: OprfOutputJournal;
  evaluate: OprfEvaluator;
  onProgress?: (evaluated: number, total: number) => void;
}): Promise<BudgetOutcome> {
  const chosen = args.numbers.slice(0, args.budget);
  let evaluated = 0;
  const counting: OprfEvaluator = (e164s, onBatch) =>
    args.evaluate(e164s, (batch, outputs) => {
      onBatch?.(batch, outputs);
      evaluated += batch.length;
      args.onProgress?.(evaluated, chosen.length);
    });
  args.onProgress?.(0, chosen.length);
  try {
    await resolveOprfOutputs(chosen, args.journal, counting);
    return { evaluated };
  } catch (failure) {
    return { evaluated, failure };
  }
}
