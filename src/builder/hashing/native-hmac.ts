/**
 * Loads native/build/keyed-hash.node (native/keyed-hash.c, built by scripts/build-native.mjs): batches
 * of HMAC-SHA-256 through the OpenSSL inside Node, which uses the CPU's SHA extensions. Node only
 * (src/builder is). A missing, unloadable or wrong addon is not an error: the builder then hashes in
 * JavaScript, and `reason` says why.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface KeyedHashAddon {
  /** OpenSSL's version line, e.g. "OpenSSL 3.5.8 25 Aug 2026": the library the running Node carries. */
  readonly opensslVersion: string;
  /**
   * out[32·i ..] = HMAC-SHA-256(key, messages[ends[i − 1] .. ends[i]]) with ends[−1] = 0; `out` holds at
   * least 32 bytes per message. Returns -1, or the index of the first message OpenSSL failed on.
   */
  hmacSha256Many(out: Uint8Array, key: Uint8Array, messages: Uint8Array, ends: Uint32Array): number;
}

/** Where scripts/build-native.mjs puts the addon (absent from the published package: JavaScript there). */
export const KEYED_HASH_ADDON_PATH = fileURLToPath(
  new URL('../../../native/build/keyed-hash.node', import.meta.url),
);

/** RFC 4231 test case 2, checked once per load: an addon that loads but computes wrong is not used. */
const RFC4231_CASE_2 = {
  key: 'Jefe',
  data: 'what do ya want for nothing?',
  mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
};

export type AddonLoad = { addon: KeyedHashAddon } | { reason: string };

const loaded = new Map<string, AddonLoad>();

export function loadKeyedHashAddon(path: string = KEYED_HASH_ADDON_PATH): AddonLoad {
  let load = loaded.get(path);
  if (load === undefined) {
    load = tryLoad(path);
    loaded.set(path, load);
  }
  return load;
}

function tryLoad(path: string): AddonLoad {
  if (!existsSync(path)) return { reason: `${path} is not built (npm run build:native)` };
  let addon: Partial<KeyedHashAddon>;
  try {
    addon = createRequire(import.meta.url)(path) as Partial<KeyedHashAddon>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reason: `${path} does not load: ${message.split('\n')[0]}` };
  }
  if (typeof addon.hmacSha256Many !== 'function' || typeof addon.opensslVersion !== 'string') {
    return { reason: `${path} lacks hmacSha256Many (rebuild it: npm run build:native)` };
  }
  const utf8 = new TextEncoder();
  const data = utf8.encode(RFC4231_CASE_2.data);
  const out = new Uint8Array(32);
  const status = addon.hmacSha256Many(
    out,
    utf8.encode(RFC4231_CASE_2.key),
    data,
    Uint32Array.of(data.length),
  );
  if (status !== -1 || Buffer.from(out).toString('hex') !== RFC4231_CASE_2.mac) {
    return { reason: `${path} fails RFC 4231's test vector` };
  }
  return { addon: addon as KeyedHashAddon };
}
