/**
 * Private membership for quietlist's oprf mode: the VOPRF of RFC 9497 (ristretto255-SHA512), batched.
 * Backends: native libsodium through an N-API addon (Node, when built), libsodium's WebAssembly
 * (everywhere; Workers need the compiled wasm module passed in) and pure-JS @noble/curves (the
 * fallback); `createOprfBackend` picks the fastest that loads. Runtime-neutral: nothing Node-only is
 * imported statically. Protocol, backends and measurements: docs/OPRF.md.
 */
export * from './backend.ts';
export * from './errors.ts';
export { createNobleBackend } from './noble-backend.ts';
export * from './suite.ts';
export type * from './types.ts';
export * from './wire.ts';
