/**
 * RFC 9497 (ristretto255-SHA512), VOPRF and POPRF, batched, written over a RistrettoGroup: the
 * protocol both libsodium backends share (the WebAssembly build and the native library). Every
 * multiplication by a secret scalar (key, blind, tweaked key, proof nonce) is the group's constant-time
 * one; the proof's composites are linear combinations of public values (the native group computes
 * them with a variable-time multi-scalar multiplication). The DLEQ proof is group-proof.ts.
 */
import { equalBytes } from '../core/encoding/bytes.ts';
import { framed, isAllZero, isNonZeroScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import { dstPrime, type RistrettoGroup } from './group.ts';
import { createDleq, type Dleq, GENERATOR, unwrap } from './group-proof.ts';
import { LABEL_FINALIZE, LABEL_INFO, type OprfMode, suiteTags } from './suite.ts';
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
  checkInfo,
  checkInput,
  checkInputs,
  checkProofScalar,
  checkSecretKey,
  checkSeed,
} from './validate.ts';

/** getRandomValues fills at most 65,536 bytes per call: 1,024 wide scalars. */
const RANDOM_CHUNK = 1024;
const ONE = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0));

/** One mode's hashing tags (as DST_prime) and its proof. */
interface Mode {
  hashToGroup: Uint8Array;
  hashToScalar: Uint8Array;
  deriveKeyPair: Uint8Array;
  dleq: Dleq;
}

export function createGroupBackend(
  name: Exclude<OprfBackendName, 'noble'>,
  group: RistrettoGroup,
  fallbackReason?: string,
): OprfBackend {
  let cachedSecret: Uint8Array | undefined;
  let cachedPublic: Uint8Array | undefined;

  const modes = Object.fromEntries(
    (['voprf', 'poprf'] as const).map((mode) => {
      const tags = suiteTags(mode);
      const hashToScalar = dstPrime(tags.hashToScalar);
      return [
        mode,
        {
          hashToGroup: dstPrime(tags.hashToGroup),
          hashToScalar,
          deriveKeyPair: dstPrime(tags.deriveKeyPair),
          dleq: createDleq(group, hashToScalar, tags.seed),
        },
      ];
    }),
  ) as Record<OprfMode, Mode>;
  const modeOf = (info: Uint8Array | undefined): Mode => modes[info === undefined ? 'voprf' : 'poprf'];

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

  /** POPRF's tweak m = HashToScalar("Info" ‖ I2OSP(len(info), 2) ‖ info) (RFC 9497 §3.3.3). */
  function tweakOf(info: Uint8Array): Uint8Array {
    return group.hashToScalarEach([[LABEL_INFO, framed([info])]], modes.poprf.hashToScalar)[0]!;
  }

  /** POPRF server: the tweaked key t = k + m, which RFC 9497 requires to be non-zero (InverseError). */
  function tweakedSecret(secretKey: Uint8Array, info: Uint8Array): Uint8Array {
    const t = group.scalarAdd(secretKey, tweakOf(info));
    if (isAllZero(t))
      throw new OprfError('KEY_INVALID', 'the secret key and this info give a zero tweaked key');
    return t;
  }

  /** H(input) for each input; RFC 9497 §3.3.1 says to fail on the identity (probability 2^-252). */
  function inputElements(inputs: readonly Uint8Array[], mode: Mode): Uint8Array[] {
    const elements = group.hashToGroupEach(
      inputs.map((input) => [input]),
      mode.hashToGroup,
    );
    const identity = elements.findIndex(isAllZero);
    if (identity >= 0) throw itemError('ELEMENT_IDENTITY', 'input element', identity);
    return elements;
  }

  /** Hash(I2OSP(len(input), 2) ‖ input [‖ I2OSP(len(info), 2) ‖ info] ‖ I2OSP(32, 2) ‖ N ‖ "Finalize"). */
  function finalizeHashes(
    inputs: readonly Uint8Array[],
    unblinded: readonly Uint8Array[],
    info: Uint8Array | undefined,
  ): Uint8Array[] {
    return group.sha512Each(
      inputs.map((input, i) => [
        framed(info === undefined ? [input, unblinded[i]!] : [input, info, unblinded[i]!], LABEL_FINALIZE),
      ]),
    );
  }

  return {
    name,
    ...(fallbackReason === undefined ? {} : { fallbackReason }),

    deriveKeyPair(seed, keyInfo, options) {
      checkSeed(seed, keyInfo);
      const dst = modes[options?.mode ?? 'voprf'].deriveKeyPair;
      const deriveInput = new Uint8Array([...seed, ...framed([keyInfo]), 0]);
      try {
        for (let counter = 0; counter <= 255; counter++) {
          deriveInput[deriveInput.length - 1] = counter;
          const secretKey = group.hashToScalarEach([[deriveInput]], dst)[0]!;
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
      const info = options?.info;
      checkInfo(info);
      const fixed = options?.fixedBlinds;
      if (fixed !== undefined && fixed.length !== inputs.length) {
        throw new OprfError('COUNT_MISMATCH', 'one fixed blind per input is required');
      }
      const blinds = fixed === undefined ? randomScalars(inputs.length) : fixed.map((blind) => blind.slice());
      const badBlind = blinds.findIndex((blind) => !isNonZeroScalar(blind));
      if (badBlind >= 0) throw itemError('SCALAR_INVALID', 'blind', badBlind);
      const blindedElements = unwrap(group.multiplyEach(blinds, inputElements(inputs, modeOf(info))), (i) =>
        itemError('ELEMENT_IDENTITY', 'blinded element', i),
      );
      group.wipe();
      return { blinds, blindedElements, ...(info === undefined ? {} : { info: info.slice() }) };
    },

    checkBlindedElements(blindedElements) {
      checkElements(blindedElements, 'blinded element');
      const invalid = group.firstInvalid(blindedElements);
      if (invalid >= 0) throw itemError('ELEMENT_INVALID', 'blinded element', invalid);
    },

    blindEvaluate(secretKey, blindedElements, options?: EvaluateOptions): BlindEvaluation {
      const publicKey = publicKeyOf(secretKey);
      checkElements(blindedElements, 'blinded element');
      const { info, fixedProofScalar } = options ?? {};
      checkInfo(info);
      checkProofScalar(fixedProofScalar);
      const r = fixedProofScalar?.slice() ?? randomScalars(1)[0]!;
      try {
        if (info === undefined) {
          // k ≠ 0 and C ≠ identity in a prime-order group, so a failure means C did not decode.
          const evaluatedElements = unwrap(group.multiplyAll(secretKey, blindedElements), (i) =>
            itemError('ELEMENT_INVALID', 'blinded element', i),
          );
          const statement = {
            key: publicKey,
            C: blindedElements,
            D: evaluatedElements,
            cName: 'blinded element',
            dName: 'evaluated element',
          };
          return { evaluatedElements, proof: modes.voprf.dleq.prove(secretKey, statement, r) };
        }
        // POPRF: Dᵢ = (1/t)·Cᵢ, and the proof that Cᵢ = t·Dᵢ for the tweaked key t·G.
        const t = tweakedSecret(secretKey, info);
        const inverse = unwrap(group.invertEach([t]), () => new OprfError('KEY_INVALID', 'zero tweaked key'));
        const evaluatedElements = unwrap(group.multiplyAll(inverse[0]!, blindedElements), (i) =>
          itemError('ELEMENT_INVALID', 'blinded element', i),
        );
        const tweakedKey = unwrap(group.multiplyBaseEach([t]), () => {
          return new OprfError('KEY_INVALID', 'zero tweaked key');
        })[0]!;
        const statement = {
          key: tweakedKey,
          C: evaluatedElements,
          D: blindedElements,
          cName: 'evaluated element',
          dName: 'blinded element',
        };
        const proof = modes.poprf.dleq.prove(t, statement, r);
        t.fill(0);
        inverse[0]!.fill(0);
        return { evaluatedElements, proof };
      } finally {
        r.fill(0);
        group.wipe();
      }
    },

    finalize(inputs, blinded, evaluation, publicKey) {
      checkFinalizeArguments(inputs, blinded, evaluation, publicKey);
      if (group.firstInvalid([publicKey]) >= 0) {
        throw new OprfError('KEY_INVALID', 'public key is not a canonical ristretto255 element');
      }
      const { blindedElements, blinds, info } = blinded;
      const { evaluatedElements } = evaluation;
      if (info === undefined) {
        const statement = {
          key: publicKey,
          C: blindedElements,
          D: evaluatedElements,
          cName: 'blinded element',
          dName: 'evaluated element',
        };
        modes.voprf.dleq.verify(statement, evaluation.proof);
      } else {
        // The tweaked key T = m·G + pk, which the client derives itself from the pinned key and info.
        const tweakedKey = unwrap(
          group.linearCombination([tweakOf(info), ONE], [GENERATOR, publicKey]),
          () => {
            return new OprfError('KEY_INVALID', 'public key is not a canonical ristretto255 element');
          },
        );
        if (isAllZero(tweakedKey)) {
          throw new OprfError('KEY_INVALID', 'the public key and this info give the identity tweaked key');
        }
        const statement = {
          key: tweakedKey,
          C: evaluatedElements,
          D: blindedElements,
          cName: 'evaluated element',
          dName: 'blinded element',
        };
        modes.poprf.dleq.verify(statement, evaluation.proof);
      }
      const inverses = unwrap(group.invertEach(blinds), (i) => itemError('SCALAR_INVALID', 'blind', i));
      const unblinded = unwrap(group.multiplyEach(inverses, evaluatedElements), (i) =>
        itemError('ELEMENT_INVALID', 'evaluated element', i),
      );
      const outputs = finalizeHashes(inputs, unblinded, info);
      for (const scalar of inverses) scalar.fill(0);
      for (const element of unblinded) element.fill(0);
      group.wipe();
      return outputs;
    },

    evaluate(secretKey, input, options) {
      checkSecretKey(secretKey);
      checkInput(input);
      const info = options?.info;
      checkInfo(info);
      let scalar = secretKey;
      if (info !== undefined) {
        const t = tweakedSecret(secretKey, info);
        scalar = unwrap(group.invertEach([t]), () => new OprfError('KEY_INVALID', 'zero tweaked key'))[0]!;
        t.fill(0);
      }
      const evaluated = unwrap(group.multiplyAll(scalar, inputElements([input], modeOf(info))), () => {
        return new OprfError('KEY_INVALID', 'evaluation gave the identity');
      });
      const [output] = finalizeHashes([input], evaluated, info);
      evaluated[0]!.fill(0);
      if (scalar !== secretKey) scalar.fill(0);
      group.wipe();
      return output!;
    },
  };
}
