/**
 * Picks a backend. In Node: the native addon over the system's libsodium when it is built and loads,
 * else libsodium's WebAssembly, else @noble/curves. Elsewhere (Workers, browsers): WebAssembly, else
 * noble. Every backend gives the same bytes, so the choice is only about speed; a fallback records why
 * in `fallbackReason`.
 */
import { OprfError } from './errors.ts';
import type { RistrettoGroup } from './group.ts';
import { createGroupBackend } from './group-backend.ts';
import { createNobleBackend } from './noble-backend.ts';
import type { OprfBackend, OprfBackendName } from './types.ts';

export interface CreateOprfBackendOptions {
  /**
   * 'fast' (default): native (Node only) if the addon loads, else libsodium WebAssembly, else noble.
   * 'libsodium': WebAssembly, else noble (skips the native addon). 'noble': pure JS, no WebAssembly.
   */
  prefer?: 'fast' | 'libsodium' | 'noble';
  /** Fail instead of falling back to noble when neither libsodium backend loads (benchmarks, tests). */
  requireFast?: boolean;
  /**
   * The precompiled libsodium module, for Workers: `import sodiumWasm from
   * '<root>/src/oprf/sodium/libsodium-sumo.wasm'` in the worker entry (wrangler compiles it at deploy).
   */
  wasmModule?: WebAssembly.Module;
  /** Node only: where the native addon is (default: native/build/ristretto255.node in this package). */
  nativeAddonPath?: string;
}

/**
 * The Node-only module, named through a variable so that bundlers (wrangler's esbuild, Vite) neither
 * follow nor bundle it: it imports node:module and loads a .node file. Relative to this module.
 */
const NATIVE_MODULE = './native/native-backend.ts';

type NativeModule = typeof import('./native/native-backend.ts');

/** Each library loads once per process (per module / addon path); its failure is retried next time. */
const sodiumGroups = new Map<WebAssembly.Module | undefined, Promise<RistrettoGroup>>();
const nativeGroups = new Map<string | undefined, Promise<RistrettoGroup>>();
/** One backend per group and fallback reason, so that repeated calls share one object. */
const backends = new WeakMap<RistrettoGroup, Map<string | undefined, OprfBackend>>();

function once<K>(cache: Map<K, Promise<RistrettoGroup>>, key: K, load: () => Promise<RistrettoGroup>) {
  let pending = cache.get(key);
  if (pending === undefined) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

function backendOver(
  name: Exclude<OprfBackendName, 'noble'>,
  group: RistrettoGroup,
  fallbackReason?: string,
) {
  let byReason = backends.get(group);
  if (byReason === undefined) {
    byReason = new Map();
    backends.set(group, byReason);
  }
  let backend = byReason.get(fallbackReason);
  if (backend === undefined) {
    backend = createGroupBackend(name, group, fallbackReason);
    byReason.set(fallbackReason, backend);
  }
  return backend;
}

/**
 * Node (or a runtime that loads Node-API addons). workerd with nodejs_compat also reports
 * process.versions.node and process.release.name = 'node', but leaves versions.napi empty and calls
 * itself Cloudflare-Workers.
 */
function canLoadNodeAddons(): boolean {
  const versions = globalThis.process?.versions;
  if (typeof versions?.node !== 'string' || !versions.napi) return false;
  return !globalThis.navigator?.userAgent?.startsWith('Cloudflare-Workers');
}

function loadNative(addonPath: string | undefined): Promise<RistrettoGroup> {
  return once(nativeGroups, addonPath, async () => {
    const native = (await import(/* @vite-ignore */ NATIVE_MODULE)) as NativeModule;
    return native.loadNativeGroup(addonPath);
  });
}

function loadSodium(wasmModule: WebAssembly.Module | undefined): Promise<RistrettoGroup> {
  return once(sodiumGroups, wasmModule, async () => {
    const { loadSodiumGroup } = await import('./sodium/sodium-backend.ts');
    return loadSodiumGroup(wasmModule === undefined ? {} : { wasmModule });
  });
}

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

export async function createOprfBackend(options: CreateOprfBackendOptions = {}): Promise<OprfBackend> {
  const prefer = options.prefer ?? 'fast';
  if (prefer === 'noble') return createNobleBackend();
  const reasons: string[] = [];
  if (prefer === 'fast' && canLoadNodeAddons()) {
    try {
      return backendOver('native', await loadNative(options.nativeAddonPath));
    } catch (cause) {
      reasons.push(`native backend unavailable: ${reasonOf(cause)}`);
    }
  }
  try {
    const group = await loadSodium(options.wasmModule);
    return backendOver('libsodium', group, reasons.length === 0 ? undefined : reasons.join('; '));
  } catch (cause) {
    reasons.push(`libsodium backend unavailable: ${reasonOf(cause)}`);
    if (options.requireFast) {
      throw new OprfError('BACKEND_UNAVAILABLE', reasons.join('; '), { cause });
    }
    return createNobleBackend(reasons.join('; '));
  }
}
