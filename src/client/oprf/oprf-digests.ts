/**
 * Digests for oprf-mode epochs: every number's OPRF output comes from the journal when it was paid
 * for before, otherwise from the worker (each batch journaled as soon as its proof verifies, so an
 * interrupted run resumes where it stopped). Afterwards a synchronous hasher serves the lookups, the
 * same shape as the keyed hash of the other modes.
 */

import type { KeyedHasher } from '../../core/digest/keyed-hash.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { OprfEvaluator } from './oprf-evaluator.ts';

/**
 * Where OPRF outputs already paid for are kept: the cache's EvaluationJournal (CLI), or memory (the
 * browser page, which keeps nothing after the tab closes).
 */
export interface OprfOutputJournal {
  get(e164: string): Uint8Array | undefined;
  add(e164s: readonly string[], outputs: readonly Uint8Array[]): void;
  close(): void;
}

/** Numbers sent per round: the evaluator splits a round into parallel batches of 1,000. */
export const OPRF_ROUND = 8000;

/** Evaluates (and journals) every number of the list the journal does not know yet; returns how many. */
export async function resolveOprfOutputs(
  e164s: Iterable<string>,
  journal: OprfOutputJournal,
  evaluate: OprfEvaluator,
  onRound?: (evaluated: number) => void,
): Promise<number> {
  const pending: string[] = [];
  const queued = new Set<string>();
  let evaluated = 0;
  const flush = async () => {
    const round = pending.splice(0, pending.length);
    if (round.length === 0) return;
    // Journaled batch by batch: a failure half-way keeps every batch already verified.
    await evaluate(round, (batch, outputs) => {
      journal.add(batch, outputs);
      evaluated += batch.length;
    });
    onRound?.(evaluated);
  };
  for (const e164 of e164s) {
    if (queued.has(e164) || journal.get(e164) !== undefined) continue;
    queued.add(e164);
    pending.push(e164);
    if (pending.length >= OPRF_ROUND) await flush();
  }
  await flush();
  return evaluated;
}

/** A hasher over the journal: every number must have been resolved first. */
export function journalHasher(journal: OprfOutputJournal): KeyedHasher {
  return {
    digest(e164) {
      const head = journal.get(e164);
      if (!head)
        throw new QuietlistError('INVALID_ARGUMENT', 'a number was looked up before its OPRF evaluation');
      return head;
    },
  };
}
