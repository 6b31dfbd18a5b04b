/**
 * Every backend this machine can run, loaded once per test file, and the RFC 9497 vectors as bytes.
 * The native backend is tested whenever its addon is built (scripts/build-native.mjs); when it is not,
 * its tests are skipped with a test title saying so. A built addon that fails to load fails the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import { DEFAULT_ADDON_PATH } from '../../../../src/oprf/native/native-addon.ts';
import type { OprfBackend, OprfBackendName } from '../../../../src/oprf/types.ts';

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface VoprfVector {
  name: string;
  inputs: string[];
  blinds: string[];
  blindedElements: string[];
  evaluationElements: string[];
  proof: string;
  proofRandomScalar: string;
  outputs: string[];
}

export interface PoprfVector extends VoprfVector {
  info: string;
}

export interface OprfVector {
  name: string;
  input: string;
  blind: string;
  blindedElement: string;
  evaluationElement: string;
  output: string;
}

export interface Rfc9497Vectors {
  seed: string;
  keyInfo: string;
  oprf: { mode: 0; skSm: string; vectors: OprfVector[] };
  voprf: { mode: 1; skSm: string; pkSm: string; vectors: VoprfVector[] };
  poprf: { mode: 2; skSm: string; pkSm: string; vectors: PoprfVector[] };
}

export const RFC9497: Rfc9497Vectors = JSON.parse(
  readFileSync(new URL('../../../vectors/oprf-rfc9497.json', import.meta.url), 'utf8'),
);

/** Whether scripts/build-native.mjs built the addon on this machine. */
export const NATIVE_BUILT = existsSync(DEFAULT_ADDON_PATH);

/** The backends under test: native first when built, then the WebAssembly one, then pure JS. */
export const BACKEND_NAMES: readonly OprfBackendName[] = NATIVE_BUILT
  ? ['native', 'libsodium', 'noble']
  : ['libsodium', 'noble'];

export type LoadedBackends = Partial<Record<OprfBackendName, OprfBackend>> & {
  libsodium: OprfBackend;
  noble: OprfBackend;
};

/**
 * Fails (rather than falling back) if a fast backend cannot load, so a broken fast path is never
 * hidden: libsodium WebAssembly always, native whenever its addon is built.
 */
export async function loadBackends(): Promise<LoadedBackends> {
  const [libsodium, noble, fast] = await Promise.all([
    createOprfBackend({ prefer: 'libsodium', requireFast: true }),
    createOprfBackend({ prefer: 'noble' }),
    createOprfBackend({ prefer: 'fast', requireFast: true }),
  ]);
  if (libsodium.name !== 'libsodium') throw new Error(`expected libsodium, got ${libsodium.name}`);
  if (!NATIVE_BUILT) return { libsodium, noble };
  if (fast.name !== 'native') {
    throw new Error(`the native addon is built but does not load: ${fast.fallbackReason ?? fast.name}`);
  }
  return { native: fast, libsodium, noble };
}

/** The backend `name`, which the file's loadBackends() must have loaded. */
export function pick(backends: LoadedBackends, name: OprfBackendName): OprfBackend {
  const backend = backends[name];
  if (backend === undefined) throw new Error(`backend ${name} is not loaded`);
  return backend;
}

/** Registers a skipped test whose title says why the native backend is not tested here. */
export function noteNativeSkipped(): void {
  if (!NATIVE_BUILT) {
    it.skip(`native backend: not built (${DEFAULT_ADDON_PATH} missing; run npm run build:native)`, () => {});
  }
}
