/**
 * The two backends are independent implementations (ours over libsodium, @noble/curves' own): on
 * random keys and inputs they must give identical bytes, mixed in every client/server combination,
 * and the blind path must land on exactly what the builder computes directly.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OprfBackend } from '../../../src/oprf/types.ts';
import { loadBackends, toHex, utf8 } from './helpers/backends.ts';

let libsodium: OprfBackend;
let noble: OprfBackend;
beforeAll(async () => {
  ({ libsodium, noble } = await loadBackends());
});

const seedArbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 });
const infoArbitrary = fc.uint8Array({ maxLength: 24 });
/** E.164-shaped strings (what quietlist feeds in) and arbitrary bytes, empty included. */
const inputArbitrary = fc.oneof(
  fc.stringMatching(/^\+[1-9][0-9]{6,14}$/).map(utf8),
  fc.uint8Array({ maxLength: 80 }),
);

describe('libsodium and noble backends agree', () => {
  it('derive the same key pairs and the same direct evaluations', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        infoArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 4 }),
        (seed, info, inputs) => {
          const a = libsodium.deriveKeyPair(seed, info);
          const b = noble.deriveKeyPair(seed, info);
          expect(toHex(a.secretKey)).toBe(toHex(b.secretKey));
          expect(toHex(a.publicKey)).toBe(toHex(b.publicKey));
          for (const input of inputs) {
            expect(toHex(libsodium.evaluate(a.secretKey, input))).toBe(
              toHex(noble.evaluate(a.secretKey, input)),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('blind with one, evaluate with the other, finalize with either: the output the builder stores', () => {
    const pairs = [
      [libsodium, noble],
      [noble, libsodium],
      [libsodium, libsodium],
      [noble, noble],
    ] as const;
    fc.assert(
      fc.property(
        seedArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...pairs),
        (seed, inputs, [client, server]) => {
          const { secretKey, publicKey } = server.deriveKeyPair(seed, new Uint8Array(0));
          const blinded = client.blind(inputs);
          const evaluation = server.blindEvaluate(secretKey, blinded.blindedElements);
          const expected = inputs.map((input) => toHex(noble.evaluate(secretKey, input)));
          expect(client.finalize(inputs, blinded, evaluation, publicKey).map(toHex)).toEqual(expected);
          // The other backend verifies the same proof and unblinds to the same outputs.
          const other = client === libsodium ? noble : libsodium;
          expect(other.finalize(inputs, blinded, evaluation, publicKey).map(toHex)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('gives 64-byte outputs whose first 12 bytes (what the filter reads) differ between inputs', () => {
    const { secretKey } = libsodium.generateKeyPair();
    const prefixes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const output = libsodium.evaluate(secretKey, utf8(`+3361234${String(i).padStart(4, '0')}`));
      expect(output.length).toBe(64);
      prefixes.add(toHex(output.subarray(0, 12)));
    }
    expect(prefixes.size).toBe(200);
  });
});

describe.each(['libsodium', 'noble'] as const)('blinding with the %s backend', (name) => {
  const backend = () => (name === 'libsodium' ? libsodium : noble);

  it('blinds the same number twice into different requests that finalize to the same output', () => {
    const input = utf8('+33612345678');
    const keys = backend().generateKeyPair();
    const first = backend().blind([input]);
    const second = backend().blind([input]);
    expect(toHex(first.blindedElements[0]!)).not.toBe(toHex(second.blindedElements[0]!));
    expect(toHex(first.blinds[0]!)).not.toBe(toHex(second.blinds[0]!));
    const outputs = [first, second].map((blinded) =>
      toHex(
        backend().finalize(
          [input],
          blinded,
          backend().blindEvaluate(keys.secretKey, blinded.blindedElements),
          keys.publicKey,
        )[0]!,
      ),
    );
    expect(outputs[0]).toBe(outputs[1]);
  });

  it('random key pairs are distinct and consistent', () => {
    const a = backend().generateKeyPair();
    const b = backend().generateKeyPair();
    expect(toHex(a.secretKey)).not.toBe(toHex(b.secretKey));
    expect(toHex(backend().publicKeyOf(a.secretKey))).toBe(toHex(a.publicKey));
    expect(toHex(libsodium.publicKeyOf(b.secretKey))).toBe(toHex(noble.publicKeyOf(b.secretKey)));
  });
});
