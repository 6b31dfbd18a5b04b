/**
 * Typed OPRF failures. `reason` is stable and precise; `code` is the project-wide ErrorCode the API and
 * CLI already map (INVALID_ARGUMENT → 400, KEY_INVALID → misconfiguration, SIGNATURE_INVALID →
 * integrity failure). Messages name positions and sizes only, never an input, element or key.
 */
import { type ErrorCode, QuietlistError } from '../core/errors.ts';

export type OprfErrorReason =
  /** A private input that is not a byte array. */
  | 'INPUT_INVALID'
  /** A private input longer than the 2^16 − 1 bytes its 2-byte length prefix can describe. */
  | 'INPUT_TOO_LONG'
  /** A batch with no element: nothing to evaluate or prove. */
  | 'EMPTY_BATCH'
  /** Inputs, blinds, blinded and evaluated elements do not line up one to one. */
  | 'COUNT_MISMATCH'
  /** Not the canonical 32-byte encoding of a ristretto255 element. */
  | 'ELEMENT_INVALID'
  /** The identity element, which RFC 9497 §3.3 requires receivers to reject. */
  | 'ELEMENT_IDENTITY'
  /** A blind that is not a canonical non-zero scalar. */
  | 'SCALAR_INVALID'
  /** A secret key that is not a canonical non-zero scalar, or an invalid public key or seed. */
  | 'KEY_INVALID'
  /** The DLEQ proof does not verify against the pinned public key (or is malformed). */
  | 'PROOF_INVALID'
  /** The requested backend could not be loaded in this runtime. */
  | 'BACKEND_UNAVAILABLE';

const CODES: Record<OprfErrorReason, ErrorCode> = {
  INPUT_INVALID: 'INVALID_ARGUMENT',
  INPUT_TOO_LONG: 'INVALID_ARGUMENT',
  EMPTY_BATCH: 'INVALID_ARGUMENT',
  COUNT_MISMATCH: 'INVALID_ARGUMENT',
  ELEMENT_INVALID: 'INVALID_ARGUMENT',
  ELEMENT_IDENTITY: 'INVALID_ARGUMENT',
  SCALAR_INVALID: 'INVALID_ARGUMENT',
  KEY_INVALID: 'KEY_INVALID',
  PROOF_INVALID: 'SIGNATURE_INVALID',
  BACKEND_UNAVAILABLE: 'INVALID_CONFIG',
};

export class OprfError extends QuietlistError {
  readonly reason: OprfErrorReason;
  /** The position in the batch of the offending item, when there is one. */
  readonly index: number | undefined;

  constructor(reason: OprfErrorReason, message: string, options?: { index?: number; cause?: unknown }) {
    super(CODES[reason], message, { cause: options?.cause });
    this.reason = reason;
    this.index = options?.index;
  }
}

/** The error for item `index` of a batch; `what` names the field ("blinded element"). */
export function itemError(reason: OprfErrorReason, what: string, index: number): OprfError {
  const problem =
    reason === 'ELEMENT_IDENTITY'
      ? 'is the identity element'
      : reason === 'ELEMENT_INVALID'
        ? 'is not a canonical ristretto255 element'
        : 'is invalid';
  return new OprfError(reason, `${what} ${index} ${problem}`, { index });
}
