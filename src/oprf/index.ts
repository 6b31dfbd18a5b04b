/**
 * Private membership for quietlist's oprf mode: the VOPRF of RFC 9497 (ristretto255-SHA512), batched,
 * with a libsodium WebAssembly backend and a pure-JS @noble/curves fallback. Runtime-neutral: Node,
 * Workers (pass the compiled wasm module) and browsers. Protocol and measurements: docs/OPRF.md.
 */
export * from './backend.ts';
export * from './errors.ts';
export { createNobleBackend } from './noble-backend.ts';
export * from './suite.ts';
export type * from './types.ts';
export * from './wire.ts';
