/**
 * The backend interface: RFC 9497 (ristretto255-SHA512), batched, on byte arrays: the VOPRF (mode
 * 0x01) by default, the POPRF (mode 0x02) whenever a public `info` input is passed. Every backend
 * implements it identically, byte for byte; only their speed differs.
 */
import type { OprfMode } from './suite.ts';

export type OprfBackendName = 'native' | 'libsodium' | 'noble';

export interface OprfKeyPair {
  /** 32-byte little-endian scalar. Server only: never logged, never published. */
  secretKey: Uint8Array;
  /** 32-byte ristretto255 element, published in the manifest so clients can verify proofs. */
  publicKey: Uint8Array;
}

/** What a client keeps after blinding: blinds stay private, blinded elements go to the server. */
export interface BlindedBatch {
  blinds: Uint8Array[];
  blindedElements: Uint8Array[];
  /**
   * POPRF: the public input the batch was blinded under (the mode is fixed at blinding, since the
   * hash to the group depends on it); finalize binds it into every output. Absent: VOPRF.
   */
  info?: Uint8Array;
}

/** What the server answers: one evaluated element per blinded element and one proof for the batch. */
export interface BlindEvaluation {
  evaluatedElements: Uint8Array[];
  /** c || s, 64 bytes: a batched DLEQ proof that log_G(publicKey) = log_C(D) for every pair. */
  proof: Uint8Array;
}

/**
 * The POPRF's public input (RFC 9497 §3.3.3): present, even empty, selects mode 0x02; the server
 * evaluates under the tweaked key t = k + HashToScalar("Info" ‖ len ‖ info) and sees `info` in clear.
 */
export interface PublicInputOptions {
  info?: Uint8Array;
}

export interface BlindOptions extends PublicInputOptions {
  /** Test vectors only: use these blinds instead of random ones (reusing a blind links requests). */
  fixedBlinds?: readonly Uint8Array[];
}

export interface EvaluateOptions extends PublicInputOptions {
  /** Test vectors only: the proof's random scalar r (reusing r with the same key leaks the key). */
  fixedProofScalar?: Uint8Array;
}

export interface DeriveKeyOptions {
  /** The mode whose context string derives the key (RFC 9497 §3.2.1); default 'voprf'. */
  mode?: OprfMode;
}

export interface OprfBackend {
  readonly name: OprfBackendName;
  /** Why a faster backend was asked for and not used, when this backend is a fallback. */
  readonly fallbackReason?: string;

  /** Server: deterministic key pair from a 32-byte secret seed and a public key info string (RFC 9497 §3.2.1). */
  deriveKeyPair(seed: Uint8Array, keyInfo: Uint8Array, options?: DeriveKeyOptions): OprfKeyPair;
  /** Server: a random key pair. */
  generateKeyPair(): OprfKeyPair;
  /** The public key of a secret key. */
  publicKeyOf(secretKey: Uint8Array): Uint8Array;

  /** Client: blind each input with a fresh random scalar (POPRF when `options.info` is given). */
  blind(inputs: readonly Uint8Array[], options?: BlindOptions): BlindedBatch;
  /**
   * Server: throw the OprfError blindEvaluate would throw for these elements (ELEMENT_INVALID or
   * ELEMENT_IDENTITY, with the position), without evaluating: lets the API charge valid batches only.
   */
  checkBlindedElements(blindedElements: readonly Uint8Array[]): void;
  /**
   * Server: evaluate a batch of blinded elements and prove it with one DLEQ proof. POPRF (with
   * `options.info`): each element times 1/t, the proof over the tweaked key t·G.
   */
  blindEvaluate(
    secretKey: Uint8Array,
    blindedElements: readonly Uint8Array[],
    options?: EvaluateOptions,
  ): BlindEvaluation;
  /**
   * Client: verify the proof against the pinned public key (POPRF: against the tweaked key
   * HashToScalar(info)·G + publicKey, with the batch's `info`), then unblind: one 64-byte output per
   * input, equal to `evaluate(secretKey, input, { info })`. Throws OprfError PROOF_INVALID on any mismatch.
   */
  finalize(
    inputs: readonly Uint8Array[],
    blinded: BlindedBatch,
    evaluation: BlindEvaluation,
    publicKey: Uint8Array,
  ): Uint8Array[];
  /** Server: the output for an input directly (what the builder stores), no blinding, no proof. */
  evaluate(secretKey: Uint8Array, input: Uint8Array, options?: PublicInputOptions): Uint8Array;
}
