/**
 * The one suite quietlist uses: RFC 9497 ristretto255-SHA512, in VOPRF mode (0x01, what epochs use
 * today) and POPRF mode (0x02, a public `info` input bound into every output, for partitions). Every
 * domain separation tag derives from the context string, so a value computed for another mode or
 * suite can never collide with ours.
 */
export const OPRF_SUITE = 'ristretto255-SHA512';
export const OPRF_MODE_VOPRF = 0x01;
export const OPRF_MODE_POPRF = 0x02;
/** The name quietlist writes in manifests and docs. */
export const OPRF_MODE_NAME = 'voprf';
/** The two verifiable modes: POPRF is chosen by passing a public `info` input. */
export type OprfMode = 'voprf' | 'poprf';

/** Ne and Ns: a serialised element or scalar (RFC 9496 encoding, little-endian scalar). */
export const ELEMENT_BYTES = 32;
export const SCALAR_BYTES = 32;
/** Nh: SHA-512 output, the OPRF output length. */
export const OUTPUT_BYTES = 64;
/** A proof is c || s. */
export const PROOF_BYTES = 2 * SCALAR_BYTES;
/** DeriveKeyPair takes a 32-byte seed (RFC 9497 §3.2.1). */
export const SEED_BYTES = 32;
/** PrivateInput and info are length-prefixed with 2 bytes (RFC 9497 §1.2). */
export const MAX_INPUT_BYTES = 0xffff;

const ascii = (text: string) => new TextEncoder().encode(text);

/** "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier. */
export function contextString(mode: OprfMode): Uint8Array {
  const code = mode === 'poprf' ? OPRF_MODE_POPRF : OPRF_MODE_VOPRF;
  return new Uint8Array([...ascii('OPRFV1-'), code, ...ascii(`-${OPRF_SUITE}`)]);
}

/** The domain separation tags of one mode. */
export interface SuiteTags {
  hashToGroup: Uint8Array;
  hashToScalar: Uint8Array;
  deriveKeyPair: Uint8Array;
  /** The DST of the proof seed (ComputeComposites). */
  seed: Uint8Array;
}

export function suiteTags(mode: OprfMode): SuiteTags {
  const context = contextString(mode);
  const tag = (prefix: string) => new Uint8Array([...ascii(prefix), ...context]);
  return {
    hashToGroup: tag('HashToGroup-'),
    hashToScalar: tag('HashToScalar-'),
    deriveKeyPair: tag('DeriveKeyPair'),
    seed: tag('Seed-'),
  };
}

/** The VOPRF context and tags (mode 0x01). */
export const CONTEXT_STRING = contextString('voprf');
const VOPRF_TAGS = suiteTags('voprf');
export const DST_HASH_TO_GROUP = VOPRF_TAGS.hashToGroup;
export const DST_HASH_TO_SCALAR = VOPRF_TAGS.hashToScalar;
export const DST_DERIVE_KEY_PAIR = VOPRF_TAGS.deriveKeyPair;
export const SEED_DST = VOPRF_TAGS.seed;

export const LABEL_COMPOSITE = ascii('Composite');
export const LABEL_CHALLENGE = ascii('Challenge');
export const LABEL_FINALIZE = ascii('Finalize');
/** POPRF: the tweak is HashToScalar("Info" ‖ I2OSP(len(info), 2) ‖ info). */
export const LABEL_INFO = ascii('Info');

/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian. */
export const GROUP_ORDER_LE = new Uint8Array([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);
