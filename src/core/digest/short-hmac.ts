/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) specialised for what quietlist hashes: E.164 strings, short
 * ASCII. The key's inner and outer pad blocks are compressed once; a digest is then exactly two
 * compressions (the message fits one block, the inner hash the other), with no allocation but the
 * output. That is about twice node:crypto's `createHmac` per digest (whose cost is mostly object set-up)
 * and runs anywhere (no `node:` import). Longer or non-ASCII input takes the general @noble/hashes
 * path. test/unit/core/digest/short-hmac.test.ts checks it against node:crypto and the shared vectors.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = Uint32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const utf8 = new TextEncoder();

/** The longest message that fits one block after the inner pad: 64 − 1 (0x80) − 8 (length). */
const MAX_SHORT_LENGTH = 55;

/** One SHA-256 compression of the 16 big-endian words in w[0..15] into `state` (w is the schedule buffer). */
function compress(state: Uint32Array, w: Uint32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** The state after compressing the key xor'ed with a pad byte (0x36 inner, 0x5c outer). */
function padState(
  key: Uint8Array,
  pad: number,
  w: Uint32Array,
  state: Uint32Array = IV.slice(),
): Uint32Array {
  const block = new Uint8Array(64).fill(pad);
  for (let i = 0; i < key.length; i++) block[i] = key[i]! ^ pad;
  for (let i = 0; i < 16; i++) {
    w[i] = (block[4 * i]! << 24) | (block[4 * i + 1]! << 16) | (block[4 * i + 2]! << 8) | block[4 * i + 3]!;
  }
  state.set(IV);
  compress(state, w);
  return state;
}

/**
 * The two compressions of one short ASCII message under prepared pad states, into `out`; false (and
 * nothing written) when the message is too long or not ASCII, for the general path.
 */
function shortDigest(
  inner: Uint32Array,
  outer: Uint32Array,
  message: string,
  w: Uint32Array,
  state: Uint32Array,
  out: Uint8Array,
): boolean {
  const length = message.length;
  if (length > MAX_SHORT_LENGTH) return false;
  // Inner block: the message, 0x80, zeros, then the bit length of pad block + message (big-endian).
  w.fill(0, 0, 16);
  for (let i = 0; i < length; i++) {
    const code = message.charCodeAt(i);
    if (code > 0x7f) return false;
    w[i >>> 2]! |= code << (24 - 8 * (i & 3));
  }
  w[length >>> 2]! |= 0x80 << (24 - 8 * (length & 3));
  w[15] = (64 + length) * 8;
  state.set(inner);
  compress(state, w);
  // Outer block: the inner digest (8 words), 0x80, zeros, the bit length of pad block + 32 bytes.
  for (let i = 0; i < 8; i++) w[i] = state[i]!;
  w[8] = 0x80000000;
  w.fill(0, 9, 15);
  w[15] = (64 + 32) * 8;
  state.set(outer);
  compress(state, w);
  for (let i = 0; i < 8; i++) {
    const word = state[i]!;
    out[4 * i] = word >>> 24;
    out[4 * i + 1] = word >>> 16;
    out[4 * i + 2] = word >>> 8;
    out[4 * i + 3] = word;
  }
  return true;
}

/** Scratch buffers of `shortHmacSha256Many` (single-threaded per realm: nothing awaits in between). */
const SCRATCH = {
  w: new Uint32Array(64),
  inner: new Uint32Array(8),
  outer: new Uint32Array(8),
  state: new Uint32Array(8),
};

/**
 * HMAC-SHA-256 of several short messages under one key of at most 64 bytes, without allocating
 * anything but the outputs: how scope digests are derived, a new key (a number's digest) each time
 * (core/scopes/scope-digest.ts). Longer or non-ASCII messages take @noble/hashes' general HMAC.
 */
export function shortHmacSha256Many(key: Uint8Array, messages: readonly string[]): Uint8Array[] {
  if (key.length > 64) throw new RangeError('short HMAC keys are at most one block (64 bytes)');
  const { w, inner, outer, state } = SCRATCH;
  padState(key, 0x36, w, inner);
  padState(key, 0x5c, w, outer);
  return messages.map((message) => {
    const out = new Uint8Array(32);
    return shortDigest(inner, outer, message, w, state, out) ? out : hmac(sha256, key, utf8.encode(message));
  });
}

/** HMAC-SHA-256 under a key of at most 64 bytes (quietlist keys are 32), fast for short ASCII messages. */
export function createShortHmacSha256(key: Uint8Array): (message: string) => Uint8Array {
  if (key.length > 64) throw new RangeError('short HMAC keys are at most one block (64 bytes)');
  const w = new Uint32Array(64);
  const inner = padState(key, 0x36, w);
  const outer = padState(key, 0x5c, w);
  const state = new Uint32Array(8);
  // Set up only for a message that needs it: scope digests (core/scopes/) key one HMAC per number.
  let general: ReturnType<typeof hmac.create> | undefined;
  const slow = (message: string) => {
    general ??= hmac.create(sha256, key);
    return general.clone().update(utf8.encode(message)).digest();
  };

  return (message) => {
    const out = new Uint8Array(32);
    return shortDigest(inner, outer, message, w, state, out) ? out : slow(message);
  };
}
