/**
 * createOprfBackend: libsodium when it loads, noble otherwise (with the reason), never silently when
 * the fast path is required; the committed .wasm (for Workers) is exactly the dependency's binary and
 * loads through the precompiled-module path Workers use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { OprfError } from '../../../src/oprf/errors.ts';
import { hex, RFC9497, toHex } from './helpers/backends.ts';
import { COMMITTED_WASM, embeddedLibsodiumWasm } from './helpers/libsodium-wasm.ts';

/** A valid module importing a function libsodium's glue does not provide: instantiation fails. */
const UNLINKABLE_WASM = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x04,
  0x01,
  0x60,
  0x00,
  0x00,
  0x02,
  0x0d,
  0x01,
  0x01,
  0x61,
  0x07,
  ...new TextEncoder().encode('missing'),
  0x00,
  0x00,
]);

describe('createOprfBackend', () => {
  it('prefers libsodium and shares one instance', async () => {
    const first = await createOprfBackend();
    const second = await createOprfBackend({ prefer: 'fast' });
    expect(first.name).toBe('libsodium');
    expect(first.fallbackReason).toBeUndefined();
    expect(second).toBe(first);
  });

  it('gives noble on request', async () => {
    const backend = await createOprfBackend({ prefer: 'noble' });
    expect(backend.name).toBe('noble');
    expect(backend.fallbackReason).toBeUndefined();
  });

  it('falls back to noble, with the reason, when the WebAssembly cannot be instantiated', async () => {
    const backend = await createOprfBackend({ wasmModule: new WebAssembly.Module(UNLINKABLE_WASM) });
    expect(backend.name).toBe('noble');
    expect(backend.fallbackReason).toMatch(/^libsodium backend unavailable: /);
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.publicKey)).toBe(RFC9497.voprf.pkSm);
  });

  it('throws BACKEND_UNAVAILABLE instead of falling back when the fast backend is required', async () => {
    const attempt = createOprfBackend({
      requireFast: true,
      wasmModule: new WebAssembly.Module(UNLINKABLE_WASM),
    });
    await expect(attempt).rejects.toBeInstanceOf(OprfError);
    await expect(attempt).rejects.toMatchObject({ reason: 'BACKEND_UNAVAILABLE', code: 'INVALID_CONFIG' });
  });
});

describe('src/oprf/sodium/libsodium-sumo.wasm', () => {
  it('is the binary embedded in the installed libsodium-sumo (else: regenerate, see the helper)', () => {
    const committed = new Uint8Array(readFileSync(COMMITTED_WASM));
    const embedded = embeddedLibsodiumWasm();
    expect(committed.length).toBe(embedded.length);
    expect(Buffer.compare(committed, embedded)).toBe(0);
  });

  it('loads as a precompiled module (the Workers path) and reproduces the RFC key pair', async () => {
    const wasmModule = new WebAssembly.Module(readFileSync(COMMITTED_WASM));
    const backend = await createOprfBackend({ requireFast: true, wasmModule });
    expect(backend.name).toBe('libsodium');
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.secretKey)).toBe(RFC9497.voprf.skSm);
    expect(toHex(keys.publicKey)).toBe(RFC9497.voprf.pkSm);
  });
});
