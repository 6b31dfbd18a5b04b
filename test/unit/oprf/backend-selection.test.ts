/**
 * createOprfBackend: in Node the native addon when it is built, else libsodium's WebAssembly, else
 * noble, each fallback with its reason, never silently when the fast path is required; the committed
 * .wasm (for Workers) is exactly the dependency's binary and loads through the precompiled-module path
 * Workers use.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { OprfError } from '../../../src/oprf/errors.ts';
import { hex, NATIVE_BUILT, RFC9497, toHex } from './helpers/backends.ts';
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

const scratch = mkdtempSync(join(tmpdir(), 'quietlist-oprf-backend-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const MISSING_ADDON = join(scratch, 'missing', 'ristretto255.node');

describe('createOprfBackend', () => {
  // Not skipped when the addon is absent: CI builds it with --require, and the missing-addon path is
  // tested below with a path that does not exist.
  it('prefers the native addon in Node when it is built, and shares one instance', async () => {
    expect(NATIVE_BUILT, 'the native addon is not built: npm run build:native').toBe(true);
    const first = await createOprfBackend();
    const second = await createOprfBackend({ prefer: 'fast' });
    expect(first.name).toBe('native');
    expect(first.fallbackReason).toBeUndefined();
    expect(second).toBe(first);
  });

  it('falls back to libsodium WebAssembly, with the reason, when the addon is missing', async () => {
    const first = await createOprfBackend({ nativeAddonPath: MISSING_ADDON });
    expect(first.name).toBe('libsodium');
    expect(first.fallbackReason).toBe(
      `native backend unavailable: ${MISSING_ADDON} is not built (run: npm run build:native)`,
    );
    expect(await createOprfBackend({ nativeAddonPath: MISSING_ADDON })).toBe(first);
    const keys = first.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.publicKey)).toBe(RFC9497.voprf.pkSm);
  });

  it('falls back to libsodium WebAssembly when the addon exists but does not load', async () => {
    const broken = join(scratch, 'broken.node');
    writeFileSync(broken, 'not a shared object');
    const backend = await createOprfBackend({ nativeAddonPath: broken });
    expect(backend.name).toBe('libsodium');
    expect(backend.fallbackReason).toMatch(/^native backend unavailable: .*broken\.node does not load: /);
  });

  it('skips the addon with prefer: libsodium, and gives noble on request', async () => {
    const libsodium = await createOprfBackend({ prefer: 'libsodium' });
    expect(libsodium.name).toBe('libsodium');
    expect(libsodium.fallbackReason).toBeUndefined();
    const noble = await createOprfBackend({ prefer: 'noble' });
    expect(noble.name).toBe('noble');
    expect(noble.fallbackReason).toBeUndefined();
  });

  it('falls back to noble, with every reason, when neither libsodium loads', async () => {
    const wasmModule = new WebAssembly.Module(UNLINKABLE_WASM);
    const backend = await createOprfBackend({ wasmModule, nativeAddonPath: MISSING_ADDON });
    expect(backend.name).toBe('noble');
    expect(backend.fallbackReason).toMatch(
      /^native backend unavailable: .*is not built .*; libsodium backend unavailable: /,
    );
    const wasmOnly = await createOprfBackend({ prefer: 'libsodium', wasmModule });
    expect(wasmOnly.name).toBe('noble');
    expect(wasmOnly.fallbackReason).toMatch(/^libsodium backend unavailable: /);
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.publicKey)).toBe(RFC9497.voprf.pkSm);
  });

  it('throws BACKEND_UNAVAILABLE instead of falling back to noble when a fast backend is required', async () => {
    const attempt = createOprfBackend({
      requireFast: true,
      nativeAddonPath: MISSING_ADDON,
      wasmModule: new WebAssembly.Module(UNLINKABLE_WASM),
    });
    await expect(attempt).rejects.toBeInstanceOf(OprfError);
    await expect(attempt).rejects.toMatchObject({ reason: 'BACKEND_UNAVAILABLE', code: 'INVALID_CONFIG' });
    // A missing addon alone is not a failure: WebAssembly is fast too.
    const wasm = await createOprfBackend({ requireFast: true, nativeAddonPath: MISSING_ADDON });
    expect(wasm.name).toBe('libsodium');
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
    const backend = await createOprfBackend({ prefer: 'libsodium', requireFast: true, wasmModule });
    expect(backend.name).toBe('libsodium');
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.secretKey)).toBe(RFC9497.voprf.skSm);
    expect(toHex(keys.publicKey)).toBe(RFC9497.voprf.pkSm);
  });
});
