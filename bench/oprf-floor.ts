/**
 * The oprf client's floor: the group operations one number cannot do without, timed alone on the
 * group the fast backend uses (native libsodium, else its WebAssembly build), on batches of 1,000,
 * in CPU time. Per number:
 *   - hash to group: expand_message_xmd (2 SHA-512) and the ristretto255 map (libsodium from_hash);
 *   - blind: one constant-time scalar multiplication rᵢ·H(xᵢ);
 *   - unblind: one constant-time scalar multiplication rᵢ⁻¹·Dᵢ;
 *   - the proof's composites M = Σ dᵢ·Cᵢ and Z = Σ dᵢ·Dᵢ: two multi-scalar multiplications over the
 *     batch (variable time, public data), divided by the batch size.
 * Beside it, what is not a group operation but is also unavoidable: the composite weights dᵢ
 * (HashToScalar), the batch inversion of the blinds and the final SHA-512 ("hashing and scalars").
 */
import { dstPrime, type RistrettoGroup } from '../src/oprf/group.ts';
import { suiteTags } from '../src/oprf/suite.ts';
import { collectGarbage } from './support/timing.ts';

export const FLOOR_BATCH = 1000;

/** CPU seconds per number of each part, best of the rounds. */
export interface ClientFloor {
  hashToGroup: number;
  blind: number;
  unblind: number;
  composites: number;
  /** The sum of the four group operations above: the floor. */
  groupOperations: number;
  /** Composite weights, batch inversion, final SHA-512. */
  hashingAndScalars: number;
}

function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function must<T>(outcome: { ok: true; value: T } | { ok: false; index: number }): T {
  if (!outcome.ok) throw new Error(`floor: group operation failed at ${outcome.index}`);
  return outcome.value;
}

export function measureClientFloor(
  group: RistrettoGroup,
  inputs: readonly Uint8Array[],
  rounds: number,
): ClientFloor {
  const tags = suiteTags('voprf');
  const hashToGroupDst = dstPrime(tags.hashToGroup);
  const hashToScalarDst = dstPrime(tags.hashToScalar);
  const batch = inputs.slice(0, FLOOR_BATCH);
  const n = batch.length;
  const random = (count: number) =>
    group.reduceWideEach(Array.from({ length: count }, () => crypto.getRandomValues(new Uint8Array(64))));
  const [key] = random(1);
  const blinds = random(n);
  const best: Omit<ClientFloor, 'groupOperations'> = {
    hashToGroup: Infinity,
    blind: Infinity,
    unblind: Infinity,
    composites: Infinity,
    hashingAndScalars: Infinity,
  };
  for (let round = 0; round < rounds; round++) {
    collectGarbage();
    let points: Uint8Array[] = [];
    let blinded: Uint8Array[] = [];
    best.hashToGroup = Math.min(
      best.hashToGroup,
      cpuSeconds(() => {
        points = group.hashToGroupEach(
          batch.map((input) => [input]),
          hashToGroupDst,
        );
      }) / n,
    );
    best.blind = Math.min(
      best.blind,
      cpuSeconds(() => {
        blinded = must(group.multiplyEach(blinds, points));
      }) / n,
    );
    // The server's share, untimed.
    const evaluated = must(group.multiplyAll(key!, blinded));
    let weights: Uint8Array[] = [];
    let inverses: Uint8Array[] = [];
    let unblinded: Uint8Array[] = [];
    const hashing =
      cpuSeconds(() => {
        weights = group.hashToScalarEach(
          blinded.map((C, i) => [C, evaluated[i]!]),
          hashToScalarDst,
        );
        inverses = must(group.invertEach(blinds));
      }) / n;
    best.composites = Math.min(
      best.composites,
      cpuSeconds(() => {
        must(group.linearCombination(weights, blinded));
        must(group.linearCombination(weights, evaluated));
      }) / n,
    );
    best.unblind = Math.min(
      best.unblind,
      cpuSeconds(() => {
        unblinded = must(group.multiplyEach(inverses, evaluated));
      }) / n,
    );
    const finalHash =
      cpuSeconds(() => {
        group.sha512Each(batch.map((input, i) => [input, unblinded[i]!]));
      }) / n;
    best.hashingAndScalars = Math.min(best.hashingAndScalars, hashing + finalHash);
  }
  return {
    ...best,
    groupOperations: best.hashToGroup + best.blind + best.unblind + best.composites,
  };
}

/** The floor's definition, for the notes of a suite. */
export const FLOOR_NOTE =
  'floor = the group operations alone, per number, batches of 1,000, CPU time, best round: hash to group (expand_message_xmd + ristretto255 map), blind (1 constant-time scalar multiplication), unblind (1), and the two proof composites M = Σ dᵢ·Cᵢ, Z = Σ dᵢ·Dᵢ by variable-time multi-scalar multiplication ÷ 1,000; hashing and scalars (composite weights, batch inversion, final SHA-512) shown apart';
