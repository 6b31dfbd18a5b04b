/**
 * The builder's keyed hash in batches: HMAC-SHA-256(key, UTF-8(string)) of many strings at once, so
 * that a native implementation is entered once per batch. Two backends compute the same bytes:
 * - `openssl`: the native addon (native-hmac.ts), about 130 ns per E.164 string on this project's
 *   machines (SHA extensions), used when it is built and passes its self-test;
 * - `javascript`: the runtime-neutral short-hmac.ts (about 800 ns), the fallback everywhere else.
 * test/unit/builder/hashing/batch-hmac.test.ts checks that both agree with node:crypto on the shared
 * vectors and on random keys and strings.
 */
import { assertHashKey } from '../../core/digest/keyed-hash.ts';
import { createShortHmacSha256 } from '../../core/digest/short-hmac.ts';
import { type KeyedHashAddon, loadKeyedHashAddon } from './native-hmac.ts';

export const DIGEST_BYTES = 32;

export type BatchHmacBackend = 'openssl' | 'javascript';

export interface BatchHmac {
  readonly backend: BatchHmacBackend;
  /** Writes the digests of strings[0 .. count) into out[32·i ..]; out holds at least 32·count bytes. */
  digestMany(strings: readonly string[], count: number, out: Uint8Array): void;
}

/** The native backend when `preferNative` and the addon works, else JavaScript. */
export function createBatchHmac(key: Uint8Array, preferNative = true): BatchHmac {
  assertHashKey(key);
  const load = preferNative ? loadKeyedHashAddon() : undefined;
  return load !== undefined && 'addon' in load
    ? new OpensslBatchHmac(key, load.addon)
    : new JavascriptBatchHmac(key);
}

/** Why the native backend is not used, or undefined when it is available. */
export function nativeHmacUnavailableReason(): string | undefined {
  const load = loadKeyedHashAddon();
  return 'reason' in load ? load.reason : undefined;
}

class JavascriptBatchHmac implements BatchHmac {
  readonly backend = 'javascript';
  readonly #digest: (message: string) => Uint8Array;

  constructor(key: Uint8Array) {
    this.#digest = createShortHmacSha256(key);
  }

  digestMany(strings: readonly string[], count: number, out: Uint8Array): void {
    for (let i = 0; i < count; i++) out.set(this.#digest(strings[i]!), i * DIGEST_BYTES);
  }
}

class OpensslBatchHmac implements BatchHmac {
  readonly backend = 'openssl';
  readonly #key: Uint8Array;
  readonly #addon: KeyedHashAddon;
  readonly #utf8 = new TextEncoder();
  #messages: Uint8Array = new Uint8Array(1 << 16);
  #ends: Uint32Array = new Uint32Array(1 << 12);

  constructor(key: Uint8Array, addon: KeyedHashAddon) {
    this.#key = key.slice();
    this.#addon = addon;
  }

  digestMany(strings: readonly string[], count: number, out: Uint8Array): void {
    if (this.#ends.length < count) this.#ends = new Uint32Array(count);
    const ends = this.#ends;
    let messages = this.#messages;
    let end = 0;
    for (let i = 0; i < count; i++) {
      const text = strings[i]!;
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (end + 3 * text.length > messages.length) messages = this.#grow(end + 3 * text.length);
      let ascii = true;
      for (let j = 0; j < text.length; j++) {
        const code = text.charCodeAt(j);
        if (code > 0x7f) {
          ascii = false;
          break;
        }
        messages[end + j] = code;
      }
      end += ascii ? text.length : this.#utf8.encodeInto(text, messages.subarray(end)).written;
      ends[i] = end;
    }
    const failed = this.#addon.hmacSha256Many(out, this.#key, messages, ends.subarray(0, count));
    if (failed !== -1) throw new Error(`the native HMAC failed on item ${failed} of a batch of ${count}`);
  }

  #grow(minimum: number): Uint8Array {
    const grown = new Uint8Array(Math.max(minimum, this.#messages.length * 2));
    grown.set(this.#messages);
    this.#messages = grown;
    return grown;
  }
}
