/**
 * Checks both backends share, so that they reject the same requests with the same reasons before
 * any group operation runs. Group membership of elements is checked by each backend's decoder.
 */
import { isAllZero, isNonZeroScalar } from './bytes.ts';
import { itemError, OprfError } from './errors.ts';
import { ELEMENT_BYTES, MAX_INPUT_BYTES, PROOF_BYTES, SEED_BYTES } from './suite.ts';
import type { BlindEvaluation, BlindedBatch } from './types.ts';

export function checkInputs(inputs: readonly Uint8Array[]): void {
  if (inputs.length === 0) throw new OprfError('EMPTY_BATCH', 'no input to blind');
  inputs.forEach(checkInput);
}

export function checkInput(input: Uint8Array, index = 0): void {
  if (!(input instanceof Uint8Array))
    throw new OprfError('INPUT_INVALID', `input ${index} is not a byte array`, { index });
  if (input.length > MAX_INPUT_BYTES) {
    throw new OprfError('INPUT_TOO_LONG', `input ${index} is longer than ${MAX_INPUT_BYTES} bytes`, {
      index,
    });
  }
}

/** POPRF's public input: a byte array its 2-byte length prefix can describe. */
export function checkInfo(info: Uint8Array | undefined): void {
  if (info === undefined) return;
  if (!(info instanceof Uint8Array)) throw new OprfError('INPUT_INVALID', 'info is not a byte array');
  if (info.length > MAX_INPUT_BYTES) {
    throw new OprfError('INPUT_TOO_LONG', `info is longer than ${MAX_INPUT_BYTES} bytes`);
  }
}

export function checkSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || !isNonZeroScalar(secretKey)) {
    throw new OprfError('KEY_INVALID', 'secret key is not a canonical non-zero 32-byte scalar');
  }
}

export function checkSeed(seed: Uint8Array, info: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
    throw new OprfError('KEY_INVALID', `key seed must be ${SEED_BYTES} bytes`);
  }
  if (!(info instanceof Uint8Array) || info.length > MAX_INPUT_BYTES) {
    throw new OprfError('KEY_INVALID', `key info must be at most ${MAX_INPUT_BYTES} bytes`);
  }
}

/**
 * Length and identity of received elements (the identity's only canonical encoding is 32 zero
 * bytes, so a byte test is exact). `what` names them in errors.
 */
export function checkElements(elements: readonly Uint8Array[], what: string): void {
  if (!Array.isArray(elements) || elements.length === 0) {
    throw new OprfError('EMPTY_BATCH', `no ${what} in the batch`);
  }
  elements.forEach((element, index) => {
    if (!(element instanceof Uint8Array) || element.length !== ELEMENT_BYTES) {
      throw itemError('ELEMENT_INVALID', what, index);
    }
    if (isAllZero(element)) throw itemError('ELEMENT_IDENTITY', what, index);
  });
}

export function checkPublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ELEMENT_BYTES || isAllZero(publicKey)) {
    throw new OprfError('KEY_INVALID', 'public key is not a non-identity 32-byte element');
  }
}

/** Everything finalize can check before touching the group: counts, blinds, element sizes, proof size. */
export function checkFinalizeArguments(
  inputs: readonly Uint8Array[],
  blinded: BlindedBatch,
  evaluation: BlindEvaluation,
  publicKey: Uint8Array,
): void {
  const count = inputs.length;
  const counts = [blinded.blinds.length, blinded.blindedElements.length, evaluation.evaluatedElements.length];
  if (counts.some((other) => other !== count)) {
    throw new OprfError(
      'COUNT_MISMATCH',
      `batch sizes differ: ${count} inputs, ${counts[0]} blinds, ${counts[1]} blinded, ${counts[2]} evaluated`,
    );
  }
  checkInputs(inputs);
  checkInfo(blinded.info);
  blinded.blinds.forEach((blind, index) => {
    if (!(blind instanceof Uint8Array) || !isNonZeroScalar(blind))
      throw itemError('SCALAR_INVALID', 'blind', index);
  });
  checkElements(blinded.blindedElements, 'blinded element');
  checkElements(evaluation.evaluatedElements, 'evaluated element');
  checkPublicKey(publicKey);
  if (!(evaluation.proof instanceof Uint8Array) || evaluation.proof.length !== PROOF_BYTES) {
    throw new OprfError('PROOF_INVALID', `proof must be ${PROOF_BYTES} bytes`);
  }
}

/** Test vectors only: a fixed proof scalar must still be a canonical non-zero scalar. */
export function checkProofScalar(scalar: Uint8Array | undefined): void {
  if (scalar !== undefined && !isNonZeroScalar(scalar)) {
    throw new OprfError('SCALAR_INVALID', 'proof scalar is not a canonical non-zero scalar');
  }
}
