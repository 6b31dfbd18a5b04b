/**
 * RFC 9497 VOPRF (ristretto255-SHA512), batched, written over a RistrettoGroup: the protocol both
 * libsodium backends share (the WebAssembly build and the native library). Every variable-base
 * multiplication is the group's constant-time one (libsodium has no variable-time multi-scalar
 * multiplication), so a batch costs the server two multiplications per element (evaluation and
 * composite) and the client four (blind, two composites, unblind).
 */
import { equalBytes } from '../core/encoding/bytes.ts';
import { framed, i2osp2, isAllZero, isCanonicalScalar, isNonZeroScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import { type BatchOutcome, dstPrime, type MessageParts, type RistrettoGroup } from './group.ts';
import {
  DST_DERIVE_KEY_PAIR,
  DST_HASH_TO_GROUP,
  DST_HASH_TO_SCALAR,
  LABEL_CHALLENGE,
  LABEL_COMPOSITE,
  LABEL_FINALIZE,
  SCALAR_BYTES,
  SEED_DST,
} from './suite.ts';
import type {
  BlindEvaluation,
  BlindedBatch,
  BlindOptions,
  EvaluateOptions,
  OprfBackend,
  OprfBackendName,
} from './types.ts';
import {
  checkElements,
  checkFinalizeArguments,
  checkInput,
  checkInputs,
  checkProofScalar,
  checkSecretKey,
  checkSeed,
} from './validate.ts';

const H2G = dstPrime(DST_HASH_TO_GROUP);
const H2S = dstPrime(DST_HASH_TO_SCALAR);
const DERIVE = dstPrime(DST_DERIVE_KEY_PAIR);
/** The generator's canonical encoding (RFC 9496 §4.4). */
const GENERATOR = Uint8Array.from([
  0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f, 0x58, 0xe3,
  0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
]);
/** getRandomValues fills at most 65,536 bytes per call: 1,024 wide scalars. */
const RANDOM_CHUNK = 1024;

/** The value of a batch outcome, or the error for its failing item. */
function unwrap<T>(outcome: BatchOutcome<T>, failure: (index: number) => OprfError): T {
  if (!outcome.ok) throw failure(outcome.index);
  return outcome.value;
}

export function createGroupBackend(
  name: Exclude<OprfBackendName, 'noble'>,
  group: RistrettoGroup,
  fallbackReason?: string,
): OprfBackend {
  let cachedSecret: Uint8Array | undefined;
  let cachedPublic: Uint8Array | undefined;

  function hashToScalar(parts: MessageParts, dst: Uint8Array): Uint8Array {
    return group.hashToScalarEach([parts], dst)[0]!;
  }

  /** n uniformly random non-zero scalars (a zero is redrawn: probability 2^-252). */
  function randomScalars(count: number): Uint8Array[] {
    const scalars: Uint8Array[] = [];
    while (scalars.length < count) {
      const wanted = Math.min(count - scalars.length, RANDOM_CHUNK);
      const random = globalThis.crypto.getRandomValues(new Uint8Array(64 * wanted));
      const wides = Array.from({ length: wanted }, (_, i) => random.subarray(64 * i, 64 * (i + 1)));
      for (const scalar of group.reduceWideEach(wides)) if (!isAllZero(scalar)) scalars.push(scalar);
      random.fill(0);
    }
    return scalars;
  }

  function publicKeyOf(secretKey: Uint8Array): Uint8Array {
    checkSecretKey(secretKey);
    if (cachedSecret === undefined || cachedPublic === undefined || !equalBytes(cachedSecret, secretKey)) {
      cachedPublic = unwrap(group.multiplyBaseEach([secretKey]), () => {
        return new OprfError('KEY_INVALID', 'secret key gives the identity');
      })[0]!;
      cachedSecret = secretKey.slice();
    }
    return cachedPublic.slice();
  }

  /** H(input) for each input; RFC 9497 §3.3.1 says to fail on the identity (probability 2^-252). */
  function inputElements(inputs: readonly Uint8Array[]): Uint8Array[] {
    const elements = group.hashToGroupEach(
      inputs.map((input) => [input]),
      H2G,
    );
    const identity = elements.findIndex(isAllZero);
    if (identity >= 0) throw itemError('ELEMENT_IDENTITY', 'input element', identity);
    return elements;
  }

  function finalizeHashes(inputs: readonly Uint8Array[], unblinded: readonly Uint8Array[]): Uint8Array[] {
    return group.sha512Each(inputs.map((input, i) => [framed([input, unblinded[i]!], LABEL_FINALIZE)]));
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
    const framedSeed = framed(group.sha512Each([[framed([publicKey, SEED_DST])]]));
    const messages = blinded.map((C, i) => [
      framedSeed,
      i2osp2(i),
      framed([C, evaluated[i]!], LABEL_COMPOSITE),
    ]);
    const d = group.hashToScalarEach(messages, H2S);
    const M = unwrap(group.linearCombination(d, blinded), (i) =>
      itemError('ELEMENT_INVALID', 'blinded element', i),
    );
    if (isAllZero(M)) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    const Z =
      secretKey === undefined
        ? unwrap(group.linearCombination(d, evaluated), (i) =>
            itemError('ELEMENT_INVALID', 'evaluated element', i),
          )
        : unwrap(
            group.multiplyAll(secretKey, [M]),
            () => new OprfError('PROOF_INVALID', 'Z is the identity'),
          )[0]!;
    if (isAllZero(Z)) throw new OprfError('PROOF_INVALID', 'composite element is the identity');
    return { M, Z };
  }

  function challenge(elements: readonly Uint8Array[]): Uint8Array {
    return hashToScalar([framed(elements, LABEL_CHALLENGE)], H2S);
  }

  /** s·X + c·Y, both products constant time (the verifier's t2 and t3). */
  function combine(s: Uint8Array, X: Uint8Array, c: Uint8Array, Y: Uint8Array): Uint8Array {
    return unwrap(group.linearCombination([s, c], [X, Y]), () => {
      return new OprfError('PROOF_INVALID', 'the evaluation proof does not verify');
    });
  }

  return {
    name,
    ...(fallbackReason === undefined ? {} : { fallbackReason }),

    deriveKeyPair(seed: Uint8Array, info: Uint8Array) {
      checkSeed(seed, info);
      const deriveInput = new Uint8Array([...seed, ...framed([info]), 0]);
      try {
        for (let counter = 0; counter <= 255; counter++) {
          deriveInput[deriveInput.length - 1] = counter;
          const secretKey = hashToScalar([deriveInput], DERIVE);
          if (!isAllZero(secretKey)) return { secretKey, publicKey: publicKeyOf(secretKey) };
        }
      } finally {
        deriveInput.fill(0);
        group.wipe();
      }
      throw new OprfError('KEY_INVALID', 'no key could be derived from this seed');
    },

    generateKeyPair() {
      const secretKey = randomScalars(1)[0]!;
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
      const blinds = fixed === undefined ? randomScalars(inputs.length) : fixed.map((blind) => blind.slice());
      const badBlind = blinds.findIndex((blind) => !isNonZeroScalar(blind));
      if (badBlind >= 0) throw itemError('SCALAR_INVALID', 'blind', badBlind);
      const blindedElements = unwrap(group.multiplyEach(blinds, inputElements(inputs)), (i) =>
        itemError('ELEMENT_IDENTITY', 'blinded element', i),
      );
      group.wipe();
      return { blinds, blindedElements };
    },

    checkBlindedElements(blindedElements) {
      checkElements(blindedElements, 'blinded element');
      const invalid = group.firstInvalid(blindedElements);
      if (invalid >= 0) throw itemError('ELEMENT_INVALID', 'blinded element', invalid);
    },

    blindEvaluate(secretKey, blindedElements, options?: EvaluateOptions): BlindEvaluation {
      const publicKey = publicKeyOf(secretKey);
      checkElements(blindedElements, 'blinded element');
      const fixedScalar = options?.fixedProofScalar;
      checkProofScalar(fixedScalar);
      // k ≠ 0 and C ≠ identity in a prime-order group, so a failure means C did not decode.
      const evaluatedElements = unwrap(group.multiplyAll(secretKey, blindedElements), (i) =>
        itemError('ELEMENT_INVALID', 'blinded element', i),
      );
      const { M, Z } = composites(publicKey, blindedElements, evaluatedElements, secretKey);
      const r = fixedScalar?.slice() ?? randomScalars(1)[0]!;
      const [t2, t3] = [
        unwrap(
          group.multiplyBaseEach([r]),
          () => new OprfError('PROOF_INVALID', 'proof commitment is the identity'),
        )[0]!,
        unwrap(
          group.multiplyAll(r, [M]),
          () => new OprfError('PROOF_INVALID', 'proof commitment is the identity'),
        )[0]!,
      ];
      const c = challenge([publicKey, M, Z, t2, t3]);
      const s = group.scalarSub(r, group.scalarMul(c, secretKey));
      r.fill(0);
      group.wipe();
      return { evaluatedElements, proof: new Uint8Array([...c, ...s]) };
    },

    finalize(inputs, blinded, evaluation, publicKey) {
      checkFinalizeArguments(inputs, blinded, evaluation, publicKey);
      if (group.firstInvalid([publicKey]) >= 0) {
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
      const t2 = combine(s, GENERATOR, c, publicKey);
      const t3 = combine(s, M, c, Z);
      if (!equalBytes(challenge([publicKey, M, Z, t2, t3]), c)) {
        throw new OprfError('PROOF_INVALID', 'the evaluation proof does not verify');
      }
      const inverses = unwrap(group.invertEach(blinds), (i) => itemError('SCALAR_INVALID', 'blind', i));
      const unblinded = unwrap(group.multiplyEach(inverses, evaluatedElements), (i) =>
        itemError('ELEMENT_INVALID', 'evaluated element', i),
      );
      const outputs = finalizeHashes(inputs, unblinded);
      for (const scalar of inverses) scalar.fill(0);
      for (const element of unblinded) element.fill(0);
      group.wipe();
      return outputs;
    },

    evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array {
      checkSecretKey(secretKey);
      checkInput(input);
      const evaluated = unwrap(group.multiplyAll(secretKey, inputElements([input])), () => {
        return new OprfError('KEY_INVALID', 'evaluation gave the identity');
      });
      const [output] = finalizeHashes([input], evaluated);
      evaluated[0]!.fill(0);
      group.wipe();
      return output!;
    },
  };
}
