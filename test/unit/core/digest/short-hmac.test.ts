import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShortHmacSha256, shortHmacSha256Many } from '../../../../src/core/digest/short-hmac.ts';
import { toHex } from '../../../../src/core/encoding/bytes.ts';

const utf8 = new TextEncoder();

describe('createShortHmacSha256', () => {
  it('reproduces RFC 4231 test cases 1 and 2', () => {
    const case1 = createShortHmacSha256(new Uint8Array(20).fill(0x0b))('Hi There');
    expect(toHex(case1)).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    const case2 = createShortHmacSha256(utf8.encode('Jefe'))('what do ya want for nothing?');
    expect(toHex(case2)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('equals node:crypto (OpenSSL) for every message length around the one-block limit, any key size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.string({ minLength: 0, maxLength: 80 }),
        (key, message) => {
          const expected = createHmac('sha256', key).update(message, 'utf8').digest('hex');
          expect(toHex(createShortHmacSha256(key)(message))).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals node:crypto on E.164 numbers and unicode input, reusing one hasher', () => {
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const digest = createShortHmacSha256(key);
    const inputs = [
      '+33612345678',
      '',
      '+1',
      'x'.repeat(55),
      'x'.repeat(56),
      '06\u201112 34',
      '+33 6 12 34 56 78',
    ];
    for (const input of inputs) {
      expect(toHex(digest(input))).toBe(createHmac('sha256', key).update(input, 'utf8').digest('hex'));
    }
  });
});

describe('shortHmacSha256Many', () => {
  it('equals node:crypto for several messages under one key, any key size, keys changing between calls', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.uint8Array({ minLength: 0, maxLength: 64 }),
            messages: fc.array(fc.string({ minLength: 0, maxLength: 80 }), { maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (calls) => {
          // Consecutive calls share scratch state: each must still answer for its own key.
          for (const { key, messages } of calls) {
            const outputs = shortHmacSha256Many(key, messages).map(toHex);
            const expected = messages.map((m) => createHmac('sha256', key).update(m, 'utf8').digest('hex'));
            expect(outputs).toEqual(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns distinct buffers and refuses a key longer than one block', () => {
    const [a, b] = shortHmacSha256Many(new Uint8Array(12).fill(1), [
      'quietlist scope x',
      'quietlist scope x',
    ]);
    expect(a).not.toBe(b);
    expect(toHex(a!)).toBe(toHex(b!));
    expect(() => shortHmacSha256Many(new Uint8Array(65), ['x'])).toThrow(RangeError);
  });
});
