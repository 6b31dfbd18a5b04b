/**
 * How elements, scalars and proofs travel in JSON: standard base64 (src/core/encoding/base64.ts) of their RFC
 * 9497 serialisation. Decoding checks the length only; group membership and the identity are checked
 * where the element is used (blindEvaluate on the server, finalize on the client).
 */
import { fromBase64, toBase64 } from '../core/encoding/base64.ts';
import { itemError, OprfError } from './errors.ts';
import { ELEMENT_BYTES, PROOF_BYTES } from './suite.ts';

/** 32 bytes in base64: 43 characters and one '=' of padding. */
export const ELEMENT_BASE64_LENGTH = 44;

export function encodeElements(elements: readonly Uint8Array[]): string[] {
  return elements.map(toBase64);
}

/** `what` names the elements in errors ("blinded element"); errors carry the index, never the value. */
export function decodeElements(texts: readonly unknown[], what: string): Uint8Array[] {
  return texts.map((text, index) => {
    if (typeof text !== 'string' || text.length !== ELEMENT_BASE64_LENGTH) {
      throw itemError('ELEMENT_INVALID', what, index);
    }
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(text);
    } catch {
      throw itemError('ELEMENT_INVALID', what, index);
    }
    if (bytes.length !== ELEMENT_BYTES) throw itemError('ELEMENT_INVALID', what, index);
    return bytes;
  });
}

export function encodeProof(proof: Uint8Array): string {
  return toBase64(proof);
}

export function decodeProof(text: unknown): Uint8Array {
  let bytes: Uint8Array | undefined;
  try {
    bytes = typeof text === 'string' ? fromBase64(text) : undefined;
  } catch {
    bytes = undefined;
  }
  if (bytes === undefined || bytes.length !== PROOF_BYTES) {
    throw new OprfError('PROOF_INVALID', `proof must be ${PROOF_BYTES} bytes of base64`);
  }
  return bytes;
}
