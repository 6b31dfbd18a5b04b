/**
 * The pure-JS backend: @noble/curves' own RFC 9497 implementation (`ristretto255_oprf.voprf`),
 * wrapped so that it validates and fails exactly like the libsodium backend. Always available; the
 * fallback wherever WebAssembly cannot be loaded. Being an independent implementation, it is also the
 * reference the fast backend is tested against.
 */
import { ristretto255, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { equalBytes } from '../core/encoding/bytes.ts';
import { isNonZeroScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import type { BlindEvaluation, BlindedBatch, BlindOptions, EvaluateOptions, OprfBackend } from './types.ts';
import {
  checkElements,
  checkFinalizeArguments,
  checkInput,
  checkInputs,
  checkProofScalar,
  checkSecretKey,
  checkSeed,
} from './validate.ts';

/** `evaluate` exists at run time (RFC 9497 Evaluate) but is missing from noble 2.4's VOPRF typings. */
const voprf = ristretto255_oprf.voprf as typeof ristretto255_oprf.voprf & {
  evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array;
};
const Point = ristretto255.Point;
/** noble draws a scalar as mapHashToField(rng(48 bytes)) = (LE(bytes) mod (ℓ − 1)) + 1. */
const RNG_BYTES = 48;

/** An rng that makes noble pick exactly `scalar`: the 48-byte little-endian encoding of scalar − 1. */
function rngFor(scalar: Uint8Array): (length?: number) => Uint8Array {
  let value = 0n;
  for (let i = scalar.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(scalar[i]!);
  value -= 1n;
  const bytes = new Uint8Array(RNG_BYTES);
  for (let i = 0; i < RNG_BYTES; i++) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return () => bytes.slice();
}

/** The position of the first element that does not decode, or -1; only run after noble has thrown. */
function firstUndecodable(elements: readonly Uint8Array[]): number {
  return elements.findIndex((element) => {
    try {
      Point.fromBytes(element);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * noble rejects bad encodings itself, without saying which: when it throws, find the culprit so the
 * error matches the libsodium backend's. The success path decodes nothing twice.
 */
function explainDecodeFailure(groups: readonly [readonly Uint8Array[], string][]): void {
  for (const [elements, what] of groups) {
    const index = firstUndecodable(elements);
    if (index >= 0) throw itemError('ELEMENT_INVALID', what, index);
  }
}

export function createNobleBackend(fallbackReason?: string): OprfBackend {
  let cachedSecret: Uint8Array | undefined;
  let cachedPublic: Uint8Array | undefined;

  function publicKeyOf(secretKey: Uint8Array): Uint8Array {
    checkSecretKey(secretKey);
    if (cachedSecret === undefined || cachedPublic === undefined || !equalBytes(cachedSecret, secretKey)) {
      cachedPublic = Point.BASE.multiply(Point.Fn.fromBytes(secretKey)).toBytes();
      cachedSecret = secretKey.slice();
    }
    return cachedPublic.slice();
  }

  return {
    name: 'noble',
    ...(fallbackReason === undefined ? {} : { fallbackReason }),

    deriveKeyPair(seed: Uint8Array, info: Uint8Array) {
      checkSeed(seed, info);
      return voprf.deriveKeyPair(seed, info);
    },

    generateKeyPair() {
      return voprf.generateKeyPair();
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
        const fixedBlind = fixed?.[index];
        if (fixedBlind !== undefined && !isNonZeroScalar(fixedBlind))
          throw itemError('SCALAR_INVALID', 'blind', index);
        const { blind, blinded } =
          fixedBlind === undefined ? voprf.blind(input) : voprf.blind(input, rngFor(fixedBlind));
        blinds.push(blind);
        blindedElements.push(blinded);
      });
      return { blinds, blindedElements };
    },

    checkBlindedElements(blindedElements) {
      checkElements(blindedElements, 'blinded element');
      explainDecodeFailure([[blindedElements, 'blinded element']]);
    },

    blindEvaluate(secretKey, blindedElements, options?: EvaluateOptions): BlindEvaluation {
      const publicKey = publicKeyOf(secretKey);
      checkElements(blindedElements, 'blinded element');
      const fixedScalar = options?.fixedProofScalar;
      checkProofScalar(fixedScalar);
      const rng = fixedScalar === undefined ? undefined : rngFor(fixedScalar);
      try {
        const { evaluated, proof } = voprf.blindEvaluateBatch(
          secretKey,
          publicKey,
          [...blindedElements],
          rng,
        );
        return { evaluatedElements: evaluated, proof };
      } catch (cause) {
        explainDecodeFailure([[blindedElements, 'blinded element']]);
        throw cause;
      }
    },

    finalize(inputs, blinded, evaluation, publicKey) {
      checkFinalizeArguments(inputs, blinded, evaluation, publicKey);
      const items = inputs.map((input, index) => ({
        input,
        blind: blinded.blinds[index]!,
        blinded: blinded.blindedElements[index]!,
        evaluated: evaluation.evaluatedElements[index]!,
      }));
      try {
        return voprf.finalizeBatch(items, publicKey, evaluation.proof);
      } catch (cause) {
        if (firstUndecodable([publicKey]) === 0) {
          throw new OprfError('KEY_INVALID', 'public key is not a canonical ristretto255 element');
        }
        explainDecodeFailure([
          [blinded.blindedElements, 'blinded element'],
          [evaluation.evaluatedElements, 'evaluated element'],
        ]);
        // Everything else was validated: what is left is the proof (or its scalars' encoding).
        throw new OprfError('PROOF_INVALID', 'the evaluation proof does not verify', { cause });
      }
    },

    evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array {
      checkSecretKey(secretKey);
      checkInput(input);
      return voprf.evaluate(secretKey, input);
    },
  };
}
