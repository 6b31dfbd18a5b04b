import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BatchHmac, createBatchHmac } from '../../../../src/builder/hashing/batch-hmac.ts';
import { loadKeyedHashAddon } from '../../../../src/builder/hashing/native-hmac.ts';
import { fromHex, toHex } from '../../../../src/core/encoding/bytes.ts';

interface DigestVectors {
  cases: { key: string; e164: string; digest: string }[];
}
const VECTORS: DigestVectors = JSON.parse(
  readFileSync(new URL('../../../vectors/digests.json', import.meta.url), 'utf8'),
);
/** Built by `npm ci` (scripts/build-native.mjs) wherever a C compiler and the Node headers are. */
const NATIVE = 'addon' in loadKeyedHashAddon();

function digestsOf(hmac: BatchHmac, strings: string[]): string[] {
  const out = new Uint8Array(strings.length * 32);
  hmac.digestMany(strings, strings.length, out);
  return strings.map((_, i) => toHex(out.subarray(i * 32, i * 32 + 32)));
}

const reference = (key: Uint8Array, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe.each([['javascript', false], ...(NATIVE ? [['openssl', true] as const] : [])] as const)(
  'createBatchHmac, %s backend',
  (backend, preferNative) => {
    it('reproduces the shared digest vectors', () => {
      for (const { key, e164, digest } of VECTORS.cases) {
        const hmac = createBatchHmac(fromHex(key), preferNative);
        expect(hmac.backend).toBe(backend);
        expect(digestsOf(hmac, [e164])).toEqual([digest]);
      }
    });

    it('equals node:crypto on random keys and batches of random strings (unicode and long ones too)', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.array(
            fc.oneof(
              fc.string({ maxLength: 80 }),
              fc.string({ unit: 'binary', maxLength: 30 }),
              fc.stringMatching(/^\+[1-9]\d{6,14}$/),
            ),
            {
              maxLength: 40,
            },
          ),
          (key, strings) => {
            expect(digestsOf(createBatchHmac(key, preferNative), strings)).toEqual(
              strings.map((message) => reference(key, message)),
            );
          },
        ),
        { numRuns: 500 },
      );
    });

    it('hashes a large batch in one call, reusing its buffers across batches', () => {
      const key = new Uint8Array(randomBytes(32));
      const hmac = createBatchHmac(key, preferNative);
      for (const size of [20_000, 3, 70_000]) {
        const strings = Array.from({ length: size }, (_, i) => `+1${2_000_000_000 + i * 7919}`);
        const digests = digestsOf(hmac, strings);
        for (let i = 0; i < size; i += 997) expect(digests[i]).toBe(reference(key, strings[i]!));
      }
    });
  },
);

describe('the native keyed hash', () => {
  it.runIf(NATIVE)('is what a build uses by default when the addon is built', () => {
    expect(createBatchHmac(new Uint8Array(32)).backend).toBe('openssl');
  });

  it.runIf(NATIVE)(
    'refuses wrong arguments with a TypeError or RangeError, never reading past a buffer',
    () => {
      const load = loadKeyedHashAddon();
      if (!('addon' in load)) return;
      const { addon } = load;
      const key = new Uint8Array(32);
      const messages = new TextEncoder().encode('+12125550123');
      const out = new Uint8Array(32);
      expect(addon.hmacSha256Many(out, key, messages, Uint32Array.of(12))).toBe(-1);
      expect(() => addon.hmacSha256Many(out, key, messages, Int32Array.of(12) as never)).toThrow(TypeError);
      expect(() => addon.hmacSha256Many(out, key, messages, Uint32Array.of(13))).toThrow(RangeError);
      expect(() => addon.hmacSha256Many(out, key, messages, Uint32Array.of(8, 4))).toThrow(RangeError);
      expect(() => addon.hmacSha256Many(out, key, messages, Uint32Array.of(6, 12))).toThrow(RangeError);
      expect(() => addon.hmacSha256Many(out, new Uint8Array(65), messages, Uint32Array.of(12))).toThrow(
        RangeError,
      );
    },
  );

  it('is refused with a reason, and JavaScript used, when the addon is missing', () => {
    const load = loadKeyedHashAddon('/nonexistent/keyed-hash.node');
    expect('reason' in load && load.reason).toMatch(/is not built/);
  });
});
