/**
 * Loads libsodium's WebAssembly build (package libsodium-sumo, the module under libsodium-wrappers-sumo)
 * and exposes the raw exports the OPRF needs. The raw exports, not the wrappers, because (1) the
 * wrappers cannot be handed a precompiled module, which Workers require (they forbid compiling
 * WebAssembly from bytes at run time), and (2) they allocate and copy on every call.
 */
import { OprfError } from '../errors.ts';

/** The subset of the Emscripten module used here; every pointer is an offset into HEAPU8. */
export interface SodiumModule {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _sodium_init(): number;
  _crypto_hash_sha512(out: number, input: number, lengthLow: number, lengthHigh: number): number;
  _crypto_scalarmult_ristretto255(q: number, n: number, p: number): number;
  _crypto_scalarmult_ristretto255_base(q: number, n: number): number;
  _crypto_core_ristretto255_add(r: number, p: number, q: number): number;
  _crypto_core_ristretto255_from_hash(p: number, r: number): number;
  _crypto_core_ristretto255_is_valid_point(p: number): number;
  _crypto_core_ristretto255_scalar_reduce(r: number, s: number): void;
  _crypto_core_ristretto255_scalar_invert(recip: number, s: number): number;
  _crypto_core_ristretto255_scalar_add(z: number, x: number, y: number): void;
  _crypto_core_ristretto255_scalar_mul(z: number, x: number, y: number): void;
  _crypto_core_ristretto255_scalar_sub(z: number, x: number, y: number): void;
}

const REQUIRED = [
  '_malloc',
  '_free',
  '_sodium_init',
  '_crypto_hash_sha512',
  '_crypto_scalarmult_ristretto255',
  '_crypto_scalarmult_ristretto255_base',
  '_crypto_core_ristretto255_add',
  '_crypto_core_ristretto255_from_hash',
  '_crypto_core_ristretto255_is_valid_point',
  '_crypto_core_ristretto255_scalar_reduce',
  '_crypto_core_ristretto255_scalar_invert',
  '_crypto_core_ristretto255_scalar_add',
  '_crypto_core_ristretto255_scalar_mul',
  '_crypto_core_ristretto255_scalar_sub',
] as const;

export interface LoadSodiumOptions {
  /**
   * The compiled libsodium-sumo WebAssembly (src/oprf/sodium/libsodium-sumo.wasm imported as a module):
   * required on Workers; elsewhere the build's embedded bytes are compiled at run time.
   */
  wasmModule?: WebAssembly.Module;
}

function randomUint32(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}

export async function loadSodiumModule(options: LoadSodiumOptions = {}): Promise<SodiumModule> {
  const { default: factory } = await import('libsodium-sumo');
  const { wasmModule } = options;
  let settings: Record<string, unknown> = { getRandomValue: randomUint32, print() {}, printErr() {} };
  // Emscripten's instantiateWasm hook never settles its promise when instantiation fails: race it.
  let rejectLoad: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    rejectLoad = reject;
  });
  if (wasmModule !== undefined) {
    settings = {
      ...settings,
      instantiateWasm(
        imports: WebAssembly.Imports,
        done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) {
        WebAssembly.instantiate(wasmModule, imports).then(
          (instance) => done(instance, wasmModule),
          rejectLoad,
        );
        return {};
      },
    };
  }
  const loaded = (await Promise.race([factory(settings), failed])) as Partial<SodiumModule>;
  const missing = REQUIRED.filter((name) => typeof loaded[name] !== 'function');
  if (missing.length > 0 || !(loaded.HEAPU8 instanceof Uint8Array)) {
    throw new OprfError('BACKEND_UNAVAILABLE', `libsodium build lacks ${missing.join(', ') || 'HEAPU8'}`);
  }
  const sodium = loaded as SodiumModule;
  if (sodium._sodium_init() < 0) throw new OprfError('BACKEND_UNAVAILABLE', 'libsodium failed to initialise');
  return sodium;
}
