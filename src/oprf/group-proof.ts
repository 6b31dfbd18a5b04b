/**
 * The batched DLEQ proof of RFC 9497 §2.2 over a RistrettoGroup: GenerateProof (server, with the
 * ComputeCompositesFast shortcut Z = k·M) and VerifyProof (client, both composites). It proves
 * log_G(B) = log_Cᵢ(Dᵢ) for every i. The VOPRF proves B = pk over (C, D) = (blinded, evaluated); the
 * POPRF, whose evaluation multiplies by 1/t, proves B = t·G over (C, D) = (evaluated, blinded).
 */
import { equalBytes } from '../core/encoding/bytes.ts';
import { framed, i2osp2, isAllZero, isCanonicalScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import type { BatchOutcome, RistrettoGroup } from './group.ts';
import { LABEL_CHALLENGE, LABEL_COMPOSITE, SCALAR_BYTES } from './suite.ts';

/** The generator's canonical encoding (RFC 9496 §4.4). */
export const GENERATOR = Uint8Array.from([
  0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f, 0x58, 0xe3,
  0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
]);

/** The value of a batch outcome, or the error for its failing item. */
export function unwrap<T>(outcome: BatchOutcome<T>, failure: (index: number) => OprfError): T {
  if (!outcome.ok) throw failure(outcome.index);
  return outcome.value;
}

/** Two lists of elements and what to call them in errors ("blinded element"). */
export interface ProofStatement {
  /** B: the key's public element. */
  key: Uint8Array;
  C: readonly Uint8Array[];
  D: readonly Uint8Array[];
  cName: string;
  dName: string;
}

export interface Dleq {
  /** GenerateProof with secret k (B = k·G) and random r: c ‖ s. */
  prove(k: Uint8Array, statement: ProofStatement, r: Uint8Array): Uint8Array;
  /** VerifyProof: throws PROOF_INVALID unless `proof` proves the statement. */
  verify(statement: ProofStatement, proof: Uint8Array): void;
}

/** `hashToScalarDst` is DST_prime of "HashToScalar-" ‖ context; `seedDst` the raw "Seed-" ‖ context. */
export function createDleq(group: RistrettoGroup, hashToScalarDst: Uint8Array, seedDst: Uint8Array): Dleq {
  function challenge(elements: readonly Uint8Array[]): Uint8Array {
    return group.hashToScalarEach([[framed(elements, LABEL_CHALLENGE)]], hashToScalarDst)[0]!;
  }

  /**
   * ComputeComposites (RFC 9497 §2.2.1): M = Σ dᵢ·Cᵢ and, unless the server passes its key for the
   * Z = k·M shortcut, Z = Σ dᵢ·Dᵢ. An element that fails to decode is reported by position.
   */
  function composites(statement: ProofStatement, k?: Uint8Array): { M: Uint8Array; Z: Uint8Array } {
    const { key, C, D } = statement;
    const framedSeed = framed(group.sha512Each([[framed([key, seedDst])]]));
    const messages = C.map((Ci, i) => [framedSeed, i2osp2(i), framed([Ci, D[i]!], LABEL_COMPOSITE)]);
    const d = group.hashToScalarEach(messages, hashToScalarDst);
    const M = unwrap(group.linearCombination(d, C), (i) => itemError('ELEMENT_INVALID', statement.cName, i));
    if (isAllZero(M)) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    const Z =
      k === undefined
        ? unwrap(group.linearCombination(d, D), (i) => itemError('ELEMENT_INVALID', statement.dName, i))
        : unwrap(group.multiplyAll(k, [M]), () => new OprfError('PROOF_INVALID', 'Z is the identity'))[0]!;
    if (isAllZero(Z)) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    return { M, Z };
  }

  /** s·X + c·Y (the verifier's t2 and t3; every operand is public). */
  function combine(s: Uint8Array, X: Uint8Array, c: Uint8Array, Y: Uint8Array): Uint8Array {
    return unwrap(group.linearCombination([s, c], [X, Y]), () => {
      return new OprfError('PROOF_INVALID', 'the evaluation proof does not verify');
    });
  }

  return {
    prove(k, statement, r) {
      const { M, Z } = composites(statement, k);
      const commitment = () => new OprfError('PROOF_INVALID', 'proof commitment is the identity');
      const t2 = unwrap(group.multiplyBaseEach([r]), commitment)[0]!;
      const t3 = unwrap(group.multiplyAll(r, [M]), commitment)[0]!;
      const c = challenge([statement.key, M, Z, t2, t3]);
      const s = group.scalarSub(r, group.scalarMul(c, k));
      return new Uint8Array([...c, ...s]);
    },

    verify(statement, proof) {
      const c = proof.subarray(0, SCALAR_BYTES);
      const s = proof.subarray(SCALAR_BYTES);
      if (!isCanonicalScalar(c) || !isCanonicalScalar(s)) {
        throw new OprfError('PROOF_INVALID', 'proof scalars are not canonical');
      }
      const { M, Z } = composites(statement);
      const t2 = combine(s, GENERATOR, c, statement.key);
      const t3 = combine(s, M, c, Z);
      if (!equalBytes(challenge([statement.key, M, Z, t2, t3]), c)) {
        throw new OprfError('PROOF_INVALID', 'the evaluation proof does not verify');
      }
    },
  };
}
