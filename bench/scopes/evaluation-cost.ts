/**
 * Scopes bench, part 3: what a scope costs per number in oprf mode. The worker evaluates one blinded
 * element per number whatever the scopes (the labels are derived on the client from the one output:
 * docs/FORMAT.md §1.3), so the costs compared are, per number and in CPU seconds: the server's
 * evaluation, VOPRF against the POPRF of a partitioned epoch (the area code as public input); the
 * client's blind + verify + unblind; and the client's derivation of a check's four scope digests.
 */
import { scopeDigests } from '../../src/core/scopes/scope-digest.ts';
import { createOprfBackend } from '../../src/oprf/backend.ts';
import type { Measurement, TargetCheck } from '../support/suite.ts';
import { checkTarget } from '../support/suite.ts';
import { timeOf } from '../support/timing.ts';

const BATCH = 1000;
const DERIVATION_REPEATS = 50;
const LABELS = ['call/energy', 'call/*', '*/energy', '*/*'];

export async function evaluationCost(
  rounds: number,
): Promise<{ measurements: Measurement[]; targets: TargetCheck[]; backend: string }> {
  const backend = await createOprfBackend({ prefer: 'fast' });
  const keys = backend.generateKeyPair();
  const utf8 = new TextEncoder();
  const inputs = Array.from({ length: BATCH }, (_, i) =>
    utf8.encode(`+1212555${String(i).padStart(4, '0')}`),
  );
  const info = utf8.encode('212');
  const best = {
    voprf: Infinity,
    poprf: Infinity,
    client: Infinity,
    poprfClient: Infinity,
    scopes: Infinity,
  };
  for (let round = 0; round < rounds; round++) {
    for (const [name, options] of [
      ['voprf', {}],
      ['poprf', { info }],
    ] as const) {
      const blinded = backend.blind(inputs, options);
      const server = timeOf(() => {
        backend.blindEvaluate(keys.secretKey, blinded.blindedElements, options);
      });
      best[name] = Math.min(best[name], server.cpuSeconds / BATCH);
      let again = blinded;
      const blinding = timeOf(() => {
        again = backend.blind(inputs, options);
      });
      const evaluation = backend.blindEvaluate(keys.secretKey, again.blindedElements, options);
      let outputs: Uint8Array[] = [];
      const finalizing = timeOf(() => {
        outputs = backend.finalize(inputs, again, evaluation, keys.publicKey);
      });
      const client = (blinding.cpuSeconds + finalizing.cpuSeconds) / BATCH;
      if (name === 'voprf') best.client = Math.min(best.client, client);
      else best.poprfClient = Math.min(best.poprfClient, client);
      // About a microsecond a number: repeated so the CPU clock's granularity does not round it to 0.
      const derivation = timeOf(() => {
        for (let repeat = 0; repeat < DERIVATION_REPEATS; repeat++)
          for (const output of outputs) scopeDigests(output, LABELS);
      });
      best.scopes = Math.min(best.scopes, derivation.cpuSeconds / (BATCH * DERIVATION_REPEATS));
    }
  }
  const us = (seconds: number) => seconds * 1e6;
  const measurements: Measurement[] = [
    { metric: 'server evaluation, VOPRF (µs per number)', value: us(best.voprf) },
    { metric: 'server evaluation, POPRF with the area code (µs per number)', value: us(best.poprf) },
    { metric: 'client blind + verify + unblind, VOPRF (µs per number)', value: us(best.client) },
    { metric: 'client blind + verify + unblind, POPRF (µs per number)', value: us(best.poprfClient) },
    { metric: 'client: a check’s four scope digests (µs per number)', value: us(best.scopes) },
    { metric: 'client cost with a scope / without (×)', value: (best.client + best.scopes) / best.client },
  ];
  return {
    measurements,
    backend: backend.name,
    targets: [
      checkTarget(
        'a scope adds at most 5% to the client’s cost per number',
        (best.client + best.scopes) / best.client,
        '<=',
        1.05,
        '×',
      ),
      checkTarget(
        'POPRF server cost per number at most 1.1 × VOPRF',
        best.poprf / best.voprf,
        '<=',
        1.1,
        '×',
      ),
    ],
  };
}
