import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyedHasher, HASH_KEY_BYTES, hashKeyId } from '../../../../src/core/digest/keyed-hash.ts';
import { fromHex, toHex } from '../../../../src/core/encoding/bytes.ts';
import { createNodeHasher } from '../../../helpers/node-hasher.ts';

const keyArbitrary = fc.uint8Array({ minLength: HASH_KEY_BYTES, maxLength: HASH_KEY_BYTES });

describe('keyed hash', () => {
  it('gives the same digests in the noble and node:crypto hashers', () => {
    fc.assert(
      fc.property(
        keyArbitrary,
        fc.array(fc.oneof(fc.stringMatching(/^\+[1-9]\d{6,14}$/), fc.string({ unit: 'binary' })), {
          minLength: 1,
          maxLength: 5,
        }),
        (key, inputs) => {
          const noble = createKeyedHasher(key);
          const node = createNodeHasher(key);
          for (const input of inputs) {
            const digest = noble.digest(input);
            expect(digest.length).toBe(32);
            expect(toHex(digest)).toBe(toHex(node.digest(input)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is HMAC-SHA-256 over the UTF-8 bytes of the string', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    for (const input of ['+33639980012', '', 'é€😀']) {
      const expected = createHmac('sha256', key).update(Buffer.from(input, 'utf8')).digest('hex');
      expect(toHex(createKeyedHasher(key).digest(input))).toBe(expected);
    }
  });

  it('gives different digests under different keys, and reuses its key state safely', () => {
    const hasher = createKeyedHasher(new Uint8Array(32).fill(1));
    const first = toHex(hasher.digest('+33639980012'));
    hasher.digest('+33639980013');
    expect(toHex(hasher.digest('+33639980012'))).toBe(first);
    expect(toHex(createKeyedHasher(new Uint8Array(32).fill(2)).digest('+33639980012'))).not.toBe(first);
  });

  it('rejects keys that are not 32 bytes, in both hashers', () => {
    for (const length of [0, 16, 31, 33, 64]) {
      const key = new Uint8Array(length);
      expect(() => createKeyedHasher(key)).toThrow(/hash key must be 32 bytes/);
      expect(() => createNodeHasher(key)).toThrow(/hash key must be 32 bytes/);
    }
  });

  it('identifies a key by the first 8 bytes of its SHA-256, without revealing it', () => {
    // SHA-256 of 32 zero bytes is 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925.
    expect(hashKeyId(new Uint8Array(32))).toBe('66687aadf862bd77');
  });

  it('converts hex both ways and refuses what is not hex', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
      }),
    );
    expect(toHex(fromHex('00ff10AB'))).toBe('00ff10ab');
    for (const bad of ['0', 'zz', '0g', ' 00']) expect(() => fromHex(bad)).toThrow(/not a hex string/);
  });
});
