/**
 * Runs inside workerd. Workers refuse to compile WebAssembly from bytes at run time, which is how
 * libsodium-wrappers-sumo (and libsodium-sumo without help) load; a .wasm file imported as a module is
 * compiled at deploy time and allowed. These tests pin down both facts and prove the RFC 9497 vectors
 * through the path the worker uses.
 */
import { describe, expect, it } from 'vitest';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import sodiumWasm from '../../../../src/oprf/sodium/libsodium-sumo.wasm';
import vectors from '../../../vectors/oprf-rfc9497.json' with { type: 'json' };

const hex = (text: string) => new Uint8Array(text.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

describe('libsodium in workerd', () => {
  it('cannot compile WebAssembly from bytes (so libsodium-wrappers-sumo cannot load)', async () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(WebAssembly.instantiate(empty)).rejects.toThrow(/disallowed by embedder/);
    const sodium = (await import('libsodium-wrappers-sumo')).default;
    await expect(sodium.ready).rejects.toThrow(/disallowed by embedder/);
  });

  it('without the module, createOprfBackend falls back to noble and says why', async () => {
    const backend = await createOprfBackend();
    expect(backend.name).toBe('noble');
    expect(backend.fallbackReason).toMatch(/^libsodium backend unavailable: .*disallowed by embedder/);
  });

  it('with the precompiled module, the libsodium backend loads and reproduces RFC 9497 A.1.2', async () => {
    const backend = await createOprfBackend({ wasmModule: sodiumWasm, requireFast: true });
    expect(backend.name).toBe('libsodium');
    // Not Node: the native addon is not even attempted, so this is no fallback.
    expect(backend.fallbackReason).toBeUndefined();
    const keys = backend.deriveKeyPair(hex(vectors.seed), hex(vectors.keyInfo));
    expect(toHex(keys.publicKey)).toBe(vectors.voprf.pkSm);
    for (const vector of vectors.voprf.vectors) {
      const inputs = vector.inputs.map(hex);
      const blinded = backend.blind(inputs, { fixedBlinds: vector.blinds.map(hex) });
      const evaluation = backend.blindEvaluate(keys.secretKey, blinded.blindedElements, {
        fixedProofScalar: hex(vector.proofRandomScalar),
      });
      expect(evaluation.evaluatedElements.map(toHex)).toEqual(vector.evaluationElements);
      expect(toHex(evaluation.proof)).toBe(vector.proof);
      const outputs = backend.finalize(inputs, blinded, evaluation, keys.publicKey);
      expect(outputs.map(toHex)).toEqual(vector.outputs);
    }
  });

  it('noble and libsodium agree inside workerd', async () => {
    const fast = await createOprfBackend({ wasmModule: sodiumWasm, requireFast: true });
    const noble = await createOprfBackend({ prefer: 'noble' });
    const { secretKey } = fast.generateKeyPair();
    for (const number of ['+33612345678', '+14155550123', '+442071838750']) {
      const input = new TextEncoder().encode(number);
      expect(toHex(fast.evaluate(secretKey, input))).toBe(toHex(noble.evaluate(secretKey, input)));
    }
  });
});
