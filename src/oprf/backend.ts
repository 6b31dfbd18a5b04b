/**
 * Picks a backend: libsodium's WebAssembly when it loads, @noble/curves otherwise. Both give the same
 * bytes, so the choice is only about speed; the fallback records why in `fallbackReason`.
 */
import { OprfError } from './errors.ts';
import { createNobleBackend } from './noble-backend.ts';
import type { OprfBackend } from './types.ts';

export interface CreateOprfBackendOptions {
  /** 'fast' (default): libsodium if it loads, else noble. 'noble': pure JS, no WebAssembly. */
  prefer?: 'fast' | 'noble';
  /** Fail instead of falling back when the fast backend cannot load (benchmarks, tests). */
  requireFast?: boolean;
  /**
   * The precompiled libsodium module, for Workers: `import sodiumWasm from
   * '<root>/src/oprf/sodium/libsodium-sumo.wasm'` in the worker entry (wrangler compiles it at deploy).
   */
  wasmModule?: WebAssembly.Module;
}

const loading = new Map<WebAssembly.Module | undefined, Promise<OprfBackend>>();

/** One libsodium instance per process (per wasmModule): it is reentrant-free but single-threaded JS. */
function loadFast(wasmModule: WebAssembly.Module | undefined): Promise<OprfBackend> {
  let pending = loading.get(wasmModule);
  if (pending === undefined) {
    pending = import('./sodium/sodium-backend.ts').then(({ createSodiumBackend }) =>
      createSodiumBackend(wasmModule === undefined ? {} : { wasmModule }),
    );
    pending.catch(() => loading.delete(wasmModule));
    loading.set(wasmModule, pending);
  }
  return pending;
}

export async function createOprfBackend(options: CreateOprfBackendOptions = {}): Promise<OprfBackend> {
  if (options.prefer === 'noble') return createNobleBackend();
  try {
    return await loadFast(options.wasmModule);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (options.requireFast) {
      throw new OprfError('BACKEND_UNAVAILABLE', `libsodium backend unavailable: ${reason}`, { cause });
    }
    return createNobleBackend(`libsodium backend unavailable: ${reason}`);
  }
}
