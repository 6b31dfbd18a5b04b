/**
 * The count before an oprf scrub (client/oprf/evaluation-plan.ts, evaluation-budget.ts): every reading
 * the membership path would look up, each number once in the order the file first needs it, minus
 * what the journal holds; how many rows a number of evaluations finishes; what today's quota covers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { planEvaluations } from '../../../src/client/oprf/evaluation-budget.ts';
import { EvaluationPlanner } from '../../../src/client/oprf/evaluation-plan.ts';
import type { OprfOutputJournal } from '../../../src/client/oprf/oprf-digests.ts';
import type { WorkerQuota } from '../../../src/client/oprf/worker-quota.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';

class MapJournal implements OprfOutputJournal {
  readonly outputs = new Map<string, Uint8Array>();
  get(e164: string) {
    return this.outputs.get(e164);
  }
  add(e164s: readonly string[], outputs: readonly Uint8Array[]) {
    for (const [i, e164] of e164s.entries()) this.outputs.set(e164, outputs[i]!);
  }
  close() {}
}

async function oprfManifest() {
  const backend = await createOprfBackend({ prefer: 'fast' });
  const report = await buildInto(tempFileStore(), newOperatorKeys(), [fictionalNumber(0)], {
    mode: 'oprf',
    hashKey: undefined,
    oprf: {
      backend,
      secretKey: backend.generateKeyPair().secretKey,
      stateDirectory: mkdtempSync(join(tmpdir(), 'quietlist-plan-')),
      fullRebuild: false,
    },
  });
  return report.signed.manifest;
}

const national = (e164: string) => `0${e164.slice(3)}`;

describe('the evaluation plan', () => {
  it('counts each number once, in file order, skips what the journal holds, and knows which rows a budget finishes', async () => {
    const manifest = await oprfManifest();
    const journal = new MapJournal();
    journal.add([fictionalNumber(9)], [new Uint8Array(32)]);
    const planner = new EvaluationPlanner(manifest, journal, 'FR');
    planner.startRows(2);
    // Rows of two phone columns (fixe, portable).
    await planner.classify([
      national(fictionalNumber(1)),
      national(fictionalNumber(2)), // needs #0, #1
      `+33 ${fictionalNumber(1).slice(3)}`,
      '', // the same number again: nothing new
      'pas de numéro',
      national(fictionalNumber(9)), // nothing to evaluate (journaled, unreadable)
      national(fictionalNumber(3)),
      undefined, // needs #2
      national(fictionalNumber(4)),
      national(fictionalNumber(2)), // needs #3 (and #1)
    ]);
    expect(planner.numbers).toEqual([1, 2, 3, 4].map(fictionalNumber));
    expect(planner.rows).toBe(5);
    expect([0, 1, 2, 3, 4].map((budget) => planner.rowsWithin(budget))).toEqual([1, 2, 3, 4, 5]);

    const quota = (remaining: number, limit: number): WorkerQuota => ({
      remaining,
      day: { limit, remaining, resetsAt: '2026-12-08T00:00:00.000Z' },
      month: null,
      at: '2026-12-07T09:00:00.000Z',
    });
    expect(planEvaluations(planner, quota(10, 10))).toEqual({
      rows: 5,
      needed: 4,
      remaining: 10,
      budget: 4,
      rowsToday: 5,
      moreDays: 0,
    });
    // Two left today and a daily limit of one: three rows today, the rest from midnight UTC, a day more.
    expect(planEvaluations(planner, quota(2, 1))).toEqual({
      rows: 5,
      needed: 4,
      remaining: 2,
      budget: 2,
      rowsToday: 3,
      resumesAt: '2026-12-08T00:00:00.000Z',
      moreDays: 1,
    });
  });
});
