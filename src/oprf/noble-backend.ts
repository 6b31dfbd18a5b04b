/**
 * The pure-JS backend: @noble/curves' own RFC 9497 implementation (`ristretto255_oprf.voprf`, and
 * `ristretto255_oprf.poprf(info)` when a public input is given), wrapped so that it validates and
 * fails exactly like the libsodium backend. Always available; the fallback wherever WebAssembly cannot
 * be loaded. Being an independent implementation, it is also the reference the fast backend is tested
 * against.
 */
import { ristretto255, ristretto255_hasher, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { equalBytes } from '../core/encoding/bytes.ts';
import { framed, isNonZeroScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import { LABEL_INFO, suiteTags } from './suite.ts';
import type { BlindEvaluation, BlindedBatch, BlindOptions, EvaluateOptions, OprfBackend } from './types.ts';
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

/** `evaluate` exists at run time (RFC 9497 Evaluate) but is missing from noble 2.4's VOPRF typings. */
const voprf = ristretto255_oprf.voprf as typeof ristretto255_oprf.voprf & {
  evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array;
};
const Point = ristretto255.Point;
/** noble's POPRF blind also returns the tweaked key, for which it needs a public key: any valid one does. */
const ANY_PUBLIC_KEY = Point.BASE.toBytes();

const POPRF_HASH_TO_SCALAR = suiteTags('poprf').hashToScalar;

/**
 * POPRF's tweak m (RFC 9497 §3.3.3), computed here only to name the two degenerate keys as the other
 * backends do: a secret key with k + m = 0 (noble throws a bare Error) and a public key with
 * m·G + pk = identity.
 */
function tweakOf(info: Uint8Array): bigint {
  return ristretto255_hasher.hashToScalar(concatBytes(LABEL_INFO, framed([info])), {
    DST: POPRF_HASH_TO_SCALAR,
  });
}

function checkTweakedSecret(secretKey: Uint8Array, info: Uint8Array | undefined): void {
  if (info === undefined) return;
  if (Point.Fn.add(Point.Fn.fromBytes(secretKey), tweakOf(info)) === 0n) {
    throw new OprfError('KEY_INVALID', 'the secret key and this info give a zero tweaked key');
  }
}

/** noble's POPRF for one `info`, built on demand (one hash, one multiplication). */
const poprfFor = (info: Uint8Array) => ristretto255_oprf.poprf(info);
/** noble draws a scalar as mapHashToField(rng(48 bytes)) = (LE(bytes) mod (ℓ − 1)) + 1. */
const RNG_BYTES = 48;

/** An rng that makes noble pick exactly `scalar`: the 48-byte little-endian encoding of scalar − 1. */
function rngFor(scalar: Uint8Array): (length?: number) => Uint8Array<ArrayBuffer> {
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

    deriveKeyPair(seed, keyInfo, options) {
      checkSeed(seed, keyInfo);
      return options?.mode === 'poprf'
        ? poprfFor(new Uint8Array(0)).deriveKeyPair(seed, keyInfo)
        : voprf.deriveKeyPair(seed, keyInfo);
    },

    generateKeyPair() {
      return voprf.generateKeyPair();
    },

    publicKeyOf,

    blind(inputs: readonly Uint8Array[], options?: BlindOptions): BlindedBatch {
      checkInputs(inputs);
      const info = options?.info;
      checkInfo(info);
      const poprf = info === undefined ? undefined : poprfFor(info);
      const blindOne = (input: Uint8Array, rng?: (length?: number) => Uint8Array<ArrayBuffer>) =>
        poprf === undefined ? voprf.blind(input, rng) : poprf.blind(input, ANY_PUBLIC_KEY, rng);
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
        const { blind, blinded } = blindOne(input, fixedBlind === undefined ? undefined : rngFor(fixedBlind));
        blinds.push(blind);
        blindedElements.push(blinded);
      });
      return { blinds, blindedElements, ...(info === undefined ? {} : { info: info.slice() }) };
    },

    checkBlindedElements(blindedElements) {
      checkElements(blindedElements, 'blinded element');
      explainDecodeFailure([[blindedElements, 'blinded element']]);
    },

    blindEvaluate(secretKey, blindedElements, options?: EvaluateOptions): BlindEvaluation {
      const publicKey = publicKeyOf(secretKey);
      checkElements(blindedElements, 'blinded element');
      const fixedScalar = options?.fixedProofScalar;
      const info = options?.info;
      checkInfo(info);
      checkProofScalar(fixedScalar);
      const rng = fixedScalar === undefined ? undefined : rngFor(fixedScalar);
      checkTweakedSecret(secretKey, info);
      try {
        const { evaluated, proof } =
          info === undefined
            ? voprf.blindEvaluateBatch(secretKey, publicKey, [...blindedElements], rng)
            : poprfFor(info).blindEvaluateBatch(secretKey, [...blindedElements], rng);
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
      const info = blinded.info;
      if (info !== undefined && firstUndecodable([publicKey]) < 0) {
        const tweaked = Point.BASE.multiplyUnsafe(tweakOf(info)).add(Point.fromBytes(publicKey));
        if (tweaked.equals(Point.ZERO)) {
          throw new OprfError('KEY_INVALID', 'the public key and this info give the identity tweaked key');
        }
      }
      try {
        if (info === undefined) return voprf.finalizeBatch(items, publicKey, evaluation.proof);
        // noble's blind derives the tweaked key m·G + pk from the public key (and checks both).
        const poprf = poprfFor(info);
        const { tweakedKey } = poprf.blind(new Uint8Array(0), publicKey);
        return poprf.finalizeBatch(items, evaluation.proof, tweakedKey);
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

    evaluate(secretKey, input, options) {
      checkSecretKey(secretKey);
      checkInput(input);
      const info = options?.info;
      checkInfo(info);
      checkTweakedSecret(secretKey, info);
      return info === undefined
        ? voprf.evaluate(secretKey, input)
        : poprfFor(info).evaluate(secretKey, input);
    },
  };
}
