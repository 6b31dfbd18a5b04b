/**
 * Loads native/build/ristretto255.node, the N-API addon over the system's libsodium (native/ristretto255.c,
 * built by scripts/build-native.mjs). Node only: never import this module statically from code that
 * Workers or browsers bundle; src/oprf/backend.ts reaches it through a dynamic import guarded by a
 * Node check.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { OprfError } from '../errors.ts';

/**
 * The addon's functions. Each writes into `out` (allocated by the caller, never overlapping an input)
 * and returns -1 when every item succeeded, else the index of the first failure. Items are 32 bytes
 * (elements, scalars) or 64 bytes (wide values, digests), concatenated.
 */
export interface RistrettoAddon {
  /** libsodium's version string, e.g. "1.0.18". */
  readonly sodiumVersion: string;
  scalarmultMany(out: Uint8Array, scalar: Uint8Array, points: Uint8Array): number;
  scalarmultEach(out: Uint8Array, scalars: Uint8Array, points: Uint8Array): number;
  scalarmultBaseEach(out: Uint8Array, scalars: Uint8Array): number;
  scalarmultSum(out: Uint8Array, scalars: Uint8Array, points: Uint8Array): number;
  addEach(out: Uint8Array, a: Uint8Array, b: Uint8Array): number;
  /** The first point that is not canonical or is the identity, or -1. */
  validateMany(points: Uint8Array): number;
  fromHashMany(out: Uint8Array, hashes: Uint8Array): number;
  scalarReduceMany(out: Uint8Array, wides: Uint8Array): number;
  scalarAddEach(out: Uint8Array, a: Uint8Array, b: Uint8Array): number;
  scalarMulEach(out: Uint8Array, a: Uint8Array, b: Uint8Array): number;
  scalarSubEach(out: Uint8Array, a: Uint8Array, b: Uint8Array): number;
  scalarInvertMany(out: Uint8Array, scalars: Uint8Array): number;
  /** SHA-512 of each message: messages concatenated, `ends[i]` the end offset of message i. */
  sha512Many(out: Uint8Array, messages: Uint8Array, ends: Uint32Array): number;
}

const FUNCTIONS = [
  'scalarmultMany',
  'scalarmultEach',
  'scalarmultBaseEach',
  'scalarmultSum',
  'addEach',
  'validateMany',
  'fromHashMany',
  'scalarReduceMany',
  'scalarAddEach',
  'scalarMulEach',
  'scalarSubEach',
  'scalarInvertMany',
  'sha512Many',
] as const;

/** Where scripts/build-native.mjs puts the addon. */
export const DEFAULT_ADDON_PATH = fileURLToPath(
  new URL('../../../native/build/ristretto255.node', import.meta.url),
);

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

export function loadRistrettoAddon(path: string = DEFAULT_ADDON_PATH): RistrettoAddon {
  if (!existsSync(path)) {
    throw new OprfError('BACKEND_UNAVAILABLE', `${path} is not built (run: npm run build:native)`);
  }
  let addon: Partial<RistrettoAddon>;
  try {
    addon = createRequire(import.meta.url)(path) as Partial<RistrettoAddon>;
  } catch (cause) {
    throw new OprfError('BACKEND_UNAVAILABLE', `${path} does not load: ${firstLine(cause)}`, { cause });
  }
  const missing = FUNCTIONS.filter((name) => typeof addon[name] !== 'function');
  if (missing.length > 0 || typeof addon.sodiumVersion !== 'string') {
    throw new OprfError(
      'BACKEND_UNAVAILABLE',
      `${path} lacks ${missing.join(', ') || 'sodiumVersion'} (rebuild it)`,
    );
  }
  return addon as RistrettoAddon;
}
