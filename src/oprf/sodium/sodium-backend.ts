/**
 * The fast backend: RFC 9497 VOPRF (ristretto255-SHA512) written over libsodium's WebAssembly
 * ristretto255 primitives. Every variable-base multiplication is libsodium's constant-time one
 * (there is no variable-time multi-scalar multiplication in its API), so a batch costs the server
 * two multiplications per element (evaluation and composite) and the client four.
 */
import { bytesEqual, framed, i2osp2, isAllZero, isCanonicalScalar, isNonZeroScalar } from '../bytes.ts';
import { itemError, OprfError } from '../errors.ts';
import {
  DST_DERIVE_KEY_PAIR,
  DST_HASH_TO_GROUP,
  DST_HASH_TO_SCALAR,
  LABEL_CHALLENGE,
  LABEL_COMPOSITE,
  LABEL_FINALIZE,
  SCALAR_BYTES,
  SEED_DST,
} from '../suite.ts';
import type { BlindEvaluation, BlindedBatch, BlindOptions, EvaluateOptions, OprfBackend } from '../types.ts';
import {
  checkElements,
  checkFinalizeArguments,
  checkInput,
  checkInputs,
  checkSecretKey,
  checkSeed,
} from '../validate.ts';
import { type LoadSodiumOptions, loadSodiumModule } from './sodium-module.ts';
import { dstPrime, SodiumRistretto } from './sodium-ristretto.ts';

const H2G = dstPrime(DST_HASH_TO_GROUP);
const H2S = dstPrime(DST_HASH_TO_SCALAR);
const DERIVE = dstPrime(DST_DERIVE_KEY_PAIR);

export async function createSodiumBackend(options: LoadSodiumOptions = {}): Promise<OprfBackend> {
  return sodiumBackend(new SodiumRistretto(await loadSodiumModule(options)));
}

export function sodiumBackend(group: SodiumRistretto): OprfBackend {
  let cachedSecret: Uint8Array | undefined;
  let cachedPublic: Uint8Array | undefined;

  function randomScalar(): Uint8Array {
    for (;;) {
      const scalar = group.reduceWide(globalThis.crypto.getRandomValues(new Uint8Array(64)));
      if (!isAllZero(scalar)) return scalar;
    }
  }

  function publicKeyOf(secretKey: Uint8Array): Uint8Array {
    checkSecretKey(secretKey);
    if (cachedSecret === undefined || cachedPublic === undefined || !bytesEqual(cachedSecret, secretKey)) {
      const publicKey = group.multiplyBase(secretKey);
      if (publicKey === undefined) throw new OprfError('KEY_INVALID', 'secret key gives the identity');
      cachedPublic = publicKey;
      cachedSecret = secretKey.slice();
    }
    return cachedPublic.slice();
  }

  function inputElement(input: Uint8Array, index: number): Uint8Array {
    const element = group.hashToGroup([input], H2G);
    // Probability 2^-252; RFC 9497 §3.3.1 still says to fail rather than blind the identity.
    if (isAllZero(element)) throw itemError('ELEMENT_IDENTITY', 'input element', index);
    return element;
  }

  function finalizeHash(input: Uint8Array, unblinded: Uint8Array): Uint8Array {
    return group.sha512([framed([input, unblinded], LABEL_FINALIZE)]);
  }

  /**
   * ComputeComposites (RFC 9497 §2.2.1): M = Σ dᵢ·Cᵢ and, unless the server passes its key for the
   * Z = k·M shortcut, Z = Σ dᵢ·Dᵢ. An element that fails to decode is reported by position.
   */
  function composites(
    publicKey: Uint8Array,
    blinded: readonly Uint8Array[],
    evaluated: readonly Uint8Array[],
    secretKey?: Uint8Array,
  ): { M: Uint8Array; Z: Uint8Array } {
    const framedSeed = framed([group.sha512([framed([publicKey, SEED_DST])])]);
    let M: Uint8Array | undefined;
    let Z: Uint8Array | undefined;
    const sum = (acc: Uint8Array | undefined, term: Uint8Array): Uint8Array => {
      if (acc === undefined) return term;
      const total = group.add(acc, term);
      // Both operands are libsodium's own outputs, so they always decode.
      if (total === undefined) throw new OprfError('PROOF_INVALID', 'composite addition failed');
      return total;
    };
    for (let i = 0; i < blinded.length; i++) {
      const C = blinded[i]!;
      const D = evaluated[i]!;
      const d = group.hashToScalar([framedSeed, i2osp2(i), framed([C, D], LABEL_COMPOSITE)], H2S);
      const dC = group.multiply(d, C);
      if (dC === undefined) throw itemError('ELEMENT_INVALID', 'blinded element', i);
      M = sum(M, dC);
      if (secretKey === undefined) {
        const dD = group.multiply(d, D);
        if (dD === undefined) throw itemError('ELEMENT_INVALID', 'evaluated element', i);
        Z = sum(Z, dD);
      }
    }
    if (M === undefined) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    if (secretKey !== undefined) Z = group.multiply(secretKey, M);
    if (Z === undefined) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    return { M, Z };
  }

  function challenge(elements: readonly Uint8Array[]): Uint8Array {
    return group.hashToScalar([framed(elements, LABEL_CHALLENGE)], H2S);
  }

  /** s·X + c·Y, both products computed in constant time (identity results only come from forged proofs). */
  function linearCombination(s: Uint8Array, X: Uint8Array | 'G', c: Uint8Array, Y: Uint8Array) {
    const sX = X === 'G' ? group.multiplyBase(s) : group.multiply(s, X);
    const cY = group.multiply(c, Y);
    if (sX === undefined || cY === undefined) return undefined;
    return group.add(sX, cY);
  }

  return {
    name: 'libsodium',

    deriveKeyPair(seed: Uint8Array, info: Uint8Array) {
      checkSeed(seed, info);
      const deriveInput = new Uint8Array([...seed, ...framed([info]), 0]);
      for (let counter = 0; counter <= 255; counter++) {
        deriveInput[deriveInput.length - 1] = counter;
        const secretKey = group.hashToScalar([deriveInput], DERIVE);
        if (!isAllZero(secretKey)) {
          const publicKey = publicKeyOf(secretKey);
          group.wipe();
          return { secretKey, publicKey };
        }
      }
      throw new OprfError('KEY_INVALID', 'no key could be derived from this seed');
    },

    generateKeyPair() {
      const secretKey = randomScalar();
      const publicKey = publicKeyOf(secretKey);
      group.wipe();
      return { secretKey, publicKey };
    },

    publicKeyOf,

    blind(inputs: readonly Uint8Array[], options?: BlindOptions): BlindedBatch {
      checkInputs(inputs);
      const fixed = options?.fixedBlinds;
      if (fixed !== undefined && fixed.length !== inputs.length) {
        throw new OprfError('COUNT_MISMATCH', 'one fixed blind per input is required');
      }
      const blinds: Uint8Array[] = [];
      const blindedElements: Uint8Array[] = [];
      inputs.forEach((input, index) => {
        const blind = fixed?.[index]?.slice() ?? randomScalar();
        if (!isNonZeroScalar(blind)) {
          throw itemError('SCALAR_INVALID', 'blind', index);
        }
        const blinded = group.multiply(blind, inputElement(input, index));
        if (blinded === undefined) throw itemError('ELEMENT_IDENTITY', 'blinded element', index);
        blinds.push(blind);
        blindedElements.push(blinded);
      });
      group.wipe();
      return { blinds, blindedElements };
    },

    blindEvaluate(secretKey, blindedElements, options?: EvaluateOptions): BlindEvaluation {
      const publicKey = publicKeyOf(secretKey);
      checkElements(blindedElements, 'blinded element');
      const evaluatedElements = blindedElements.map((C, index) => {
        // k ≠ 0 and C ≠ identity in a prime-order group, so failure here means C did not decode.
        const D = group.multiply(secretKey, C);
        if (D === undefined) throw itemError('ELEMENT_INVALID', 'blinded element', index);
        return D;
      });
      const { M, Z } = composites(publicKey, blindedElements, evaluatedElements, secretKey);
      const r = options?.fixedProofScalar?.slice() ?? randomScalar();
      if (!isNonZeroScalar(r))
        throw new OprfError('SCALAR_INVALID', 'proof scalar is not a canonical non-zero scalar');
      const t2 = group.multiplyBase(r);
      const t3 = group.multiply(r, M);
      if (t2 === undefined || t3 === undefined)
        throw new OprfError('PROOF_INVALID', 'proof commitment is the identity');
      const c = challenge([publicKey, M, Z, t2, t3]);
      const s = group.scalarSub(r, group.scalarMul(c, secretKey));
      group.wipe();
      return { evaluatedElements, proof: new Uint8Array([...c, ...s]) };
    },

    finalize(inputs, blinded, evaluation, publicKey) {
      checkFinalizeArguments(inputs, blinded, evaluation, publicKey);
      if (!group.isValidElement(publicKey)) {
        throw new OprfError('KEY_INVALID', 'public key is not a canonical ristretto255 element');
      }
      const c = evaluation.proof.subarray(0, SCALAR_BYTES);
      const s = evaluation.proof.subarray(SCALAR_BYTES);
      if (!isCanonicalScalar(c) || !isCanonicalScalar(s)) {
        throw new OprfError('PROOF_INVALID', 'proof scalars are not canonical');
      }
      const { blindedElements, blinds } = blinded;
      const { evaluatedElements } = evaluation;
      const { M, Z } = composites(publicKey, blindedElements, evaluatedElements);
      const t2 = linearCombination(s, 'G', c, publicKey);
      const t3 = linearCombination(s, M, c, Z);
      if (t2 === undefined || t3 === undefined || !bytesEqual(challenge([publicKey, M, Z, t2, t3]), c)) {
        throw new OprfError('PROOF_INVALID', 'the evaluation proof does not verify');
      }
      const inverses = invertAll(group, blinds);
      const outputs = inputs.map((input, index) => {
        const unblinded = group.multiply(inverses[index]!, evaluatedElements[index]!);
        if (unblinded === undefined) throw itemError('ELEMENT_INVALID', 'evaluated element', index);
        return finalizeHash(input, unblinded);
      });
      group.wipe();
      return outputs;
    },

    evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array {
      checkSecretKey(secretKey);
      checkInput(input);
      const evaluated = group.multiply(secretKey, inputElement(input, 0));
      if (evaluated === undefined) throw new OprfError('KEY_INVALID', 'evaluation gave the identity');
      const output = finalizeHash(input, evaluated);
      group.wipe();
      return output;
    },
  };
}

/** Montgomery's trick: n inverses for one inversion and 3(n − 1) multiplications. */
function invertAll(group: SodiumRistretto, scalars: readonly Uint8Array[]): Uint8Array[] {
  const prefix: Uint8Array[] = [];
  let acc = scalars[0]!;
  prefix.push(acc);
  for (let i = 1; i < scalars.length; i++) {
    acc = group.scalarMul(acc, scalars[i]!);
    prefix.push(acc);
  }
  let inverse = group.scalarInvert(acc);
  const out = new Array<Uint8Array>(scalars.length);
  for (let i = scalars.length - 1; i > 0; i--) {
    out[i] = group.scalarMul(inverse, prefix[i - 1]!);
    inverse = group.scalarMul(inverse, scalars[i]!);
  }
  out[0] = inverse;
  return out;
}
