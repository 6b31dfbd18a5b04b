/**
 * The native backend: the shared RFC 9497 protocol (../group-backend.ts) over the system's libsodium
 * through a small N-API addon. Node only, and only where the addon was built (scripts/build-native.mjs);
 * src/oprf/backend.ts imports this module dynamically and falls back to WebAssembly when it cannot load.
 */
import { OprfError } from '../errors.ts';
import { createGroupBackend } from '../group-backend.ts';
import type { OprfBackend } from '../types.ts';
import { loadRistrettoAddon } from './native-addon.ts';
import { NativeRistretto } from './native-ristretto.ts';

/** RFC 9496 §A.1: the multiples 1·G and 2·G, a check that the library computes what we expect. */
const SELF_TEST = [
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
];

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function loadNativeGroup(addonPath?: string): NativeRistretto {
  const group = new NativeRistretto(loadRistrettoAddon(addonPath));
  const scalars = [1, 2].map((value) => {
    const scalar = new Uint8Array(32);
    scalar[0] = value;
    return scalar;
  });
  const multiples = group.multiplyBaseEach(scalars);
  if (!multiples.ok || multiples.value.map(hex).join() !== SELF_TEST.join()) {
    throw new OprfError('BACKEND_UNAVAILABLE', `native libsodium ${group.sodiumVersion} fails its self-test`);
  }
  return group;
}

export function createNativeBackend(addonPath?: string): OprfBackend {
  return createGroupBackend('native', loadNativeGroup(addonPath));
}
