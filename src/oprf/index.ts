/**
 * Private membership for quietlist's oprf mode: the VOPRF of RFC 9497 (ristretto255-SHA512), batched.
 * Backends: native libsodium through an N-API addon (Node, when built), libsodium's WebAssembly
 * (everywhere; Workers need the compiled wasm module passed in) and pure-JS @noble/curves (the
 * fallback); `createOprfBackend` picks the fastest that loads. Runtime-neutral: nothing Node-only is
 * imported statically. Protocol, backends and measurements: docs/OPRF.md. What the package root
 * (`quietlist`) exposes of it is named here, one by one (docs/LIBRARY.md); the suite's internal
 * constants (domain separation tags, labels, the group order) stay private.
 */
export { type CreateOprfBackendOptions, createOprfBackend } from './backend.ts';
export { OprfError, type OprfErrorReason } from './errors.ts';
export { createNobleBackend } from './noble-backend.ts';
export { ELEMENT_BYTES, OPRF_MODE_NAME, OPRF_SUITE, OUTPUT_BYTES, PROOF_BYTES } from './suite.ts';
export type {
  BlindEvaluation,
  BlindedBatch,
  BlindOptions,
  EvaluateOptions,
  OprfBackend,
  OprfBackendName,
  OprfKeyPair,
} from './types.ts';
export { decodeElements, decodeProof, encodeElements, encodeProof } from './wire.ts';
