/**
 * The backends are independent implementations where it matters (ours over libsodium, natively or in
 * WebAssembly, and @noble/curves' own): on random keys and inputs they must give identical bytes,
 * mixed in every client/server combination, and the blind path must land on exactly what the builder
 * computes directly. noble is the reference.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OprfBackend, OprfBackendName } from '../../../src/oprf/types.ts';
import {
  BACKEND_NAMES,
  type LoadedBackends,
  loadBackends,
  noteNativeSkipped,
  pick,
  toHex,
  utf8,
} from './helpers/backends.ts';

let backends: LoadedBackends;
let all: OprfBackend[];
beforeAll(async () => {
  backends = await loadBackends();
  all = BACKEND_NAMES.map((name) => pick(backends, name));
});

noteNativeSkipped();

const seedArbitrary = fc.uint8Array({ minLength: 32, maxLength: 32 });
const infoArbitrary = fc.uint8Array({ maxLength: 24 });
/** E.164-shaped strings (what quietlist feeds in) and arbitrary bytes, empty included. */
const inputArbitrary = fc.oneof(
  fc.stringMatching(/^\+[1-9][0-9]{6,14}$/).map(utf8),
  fc.uint8Array({ maxLength: 80 }),
);
/** Every (client, server) pair of backends under test, by name. */
const PAIRS = BACKEND_NAMES.flatMap((client) => BACKEND_NAMES.map((server) => [client, server] as const));

describe(`backends agree (${BACKEND_NAMES.join(', ')})`, () => {
  it('derive the same key pairs and the same direct evaluations', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        infoArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 4 }),
        (seed, info, inputs) => {
          const reference = backends.noble.deriveKeyPair(seed, info);
          for (const backend of all) {
            const keys = backend.deriveKeyPair(seed, info);
            expect(toHex(keys.secretKey), backend.name).toBe(toHex(reference.secretKey));
            expect(toHex(keys.publicKey), backend.name).toBe(toHex(reference.publicKey));
          }
          for (const input of inputs) {
            const expected = toHex(backends.noble.evaluate(reference.secretKey, input));
            for (const backend of all) {
              expect(toHex(backend.evaluate(reference.secretKey, input)), backend.name).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('blind with one, evaluate with another, finalize with any: the output the builder stores', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...PAIRS),
        (seed, inputs, [clientName, serverName]) => {
          const [client, server] = [pick(backends, clientName), pick(backends, serverName)];
          const { secretKey, publicKey } = server.deriveKeyPair(seed, new Uint8Array(0));
          const blinded = client.blind(inputs);
          const evaluation = server.blindEvaluate(secretKey, blinded.blindedElements);
          const expected = inputs.map((input) => toHex(backends.noble.evaluate(secretKey, input)));
          // Every backend verifies the same proof and unblinds to the same outputs.
          for (const backend of all) {
            expect(backend.finalize(inputs, blinded, evaluation, publicKey).map(toHex), backend.name).toEqual(
              expected,
            );
          }
        },
      ),
      { numRuns: 10 * PAIRS.length },
    );
  });

  it('produce the same proof for the same proof scalar, on random batches of up to 40 elements', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (seed, inputs, r) => {
          const { secretKey } = backends.noble.deriveKeyPair(seed, new Uint8Array(0));
          const { blindedElements } = backends.noble.blind(inputs);
          const fixedProofScalar = new Uint8Array(32);
          new DataView(fixedProofScalar.buffer).setUint32(0, r, true);
          const results = all.map((backend) => {
            const { evaluatedElements, proof } = backend.blindEvaluate(secretKey, blindedElements, {
              fixedProofScalar,
            });
            return [...evaluatedElements, proof].map(toHex);
          });
          for (const result of results.slice(1)) expect(result).toEqual(results[0]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('POPRF: derive the same keys, and blind / evaluate / finalize with any pair under a random info', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        infoArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...PAIRS),
        (seed, info, inputs, [clientName, serverName]) => {
          const [client, server] = [pick(backends, clientName), pick(backends, serverName)];
          const reference = backends.noble.deriveKeyPair(seed, new Uint8Array(0), { mode: 'poprf' });
          const { secretKey, publicKey } = server.deriveKeyPair(seed, new Uint8Array(0), { mode: 'poprf' });
          expect(toHex(secretKey)).toBe(toHex(reference.secretKey));
          const blinded = client.blind(inputs, { info });
          const evaluation = server.blindEvaluate(secretKey, blinded.blindedElements, { info });
          const expected = inputs.map((input) => toHex(backends.noble.evaluate(secretKey, input, { info })));
          for (const backend of all) {
            expect(toHex(backend.evaluate(secretKey, inputs[0]!, { info })), backend.name).toBe(expected[0]);
            expect(backend.finalize(inputs, blinded, evaluation, publicKey).map(toHex), backend.name).toEqual(
              expected,
            );
          }
        },
      ),
      { numRuns: 10 * PAIRS.length },
    );
  });

  it('POPRF: the same proof for the same proof scalar, on random batches of up to 40 elements', () => {
    fc.assert(
      fc.property(
        seedArbitrary,
        infoArbitrary,
        fc.array(inputArbitrary, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (seed, info, inputs, r) => {
          const { secretKey } = backends.noble.deriveKeyPair(seed, new Uint8Array(0), { mode: 'poprf' });
          const { blindedElements } = backends.noble.blind(inputs, { info });
          const fixedProofScalar = new Uint8Array(32);
          new DataView(fixedProofScalar.buffer).setUint32(0, r, true);
          const results = all.map((backend) => {
            const { evaluatedElements, proof } = backend.blindEvaluate(secretKey, blindedElements, {
              fixedProofScalar,
              info,
            });
            return [...evaluatedElements, proof].map(toHex);
          });
          for (const result of results.slice(1)) expect(result).toEqual(results[0]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('POPRF: the output depends on info (and differs from the VOPRF output of the same key)', () => {
    for (const backend of all) {
      const { secretKey } = backend.generateKeyPair();
      const input = utf8('+12025550123');
      const outputs = [
        backend.evaluate(secretKey, input),
        backend.evaluate(secretKey, input, { info: new Uint8Array(0) }),
        backend.evaluate(secretKey, input, { info: utf8('202') }),
        backend.evaluate(secretKey, input, { info: utf8('203') }),
      ].map(toHex);
      expect(new Set(outputs).size, backend.name).toBe(4);
    }
  });

  it('give 64-byte outputs whose first 12 bytes (what the filter reads) differ between inputs', () => {
    for (const backend of all) {
      const { secretKey } = backend.generateKeyPair();
      const prefixes = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const output = backend.evaluate(secretKey, utf8(`+3361234${String(i).padStart(4, '0')}`));
        expect(output.length).toBe(64);
        prefixes.add(toHex(output.subarray(0, 12)));
      }
      expect(prefixes.size, backend.name).toBe(200);
    }
  });
});

describe.each(BACKEND_NAMES)('blinding with the %s backend', (name: OprfBackendName) => {
  const backend = () => pick(backends, name);

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

  it('draws distinct blinds within a batch, and distinct, consistent random key pairs', () => {
    const inputs = Array.from({ length: 50 }, (_, i) => utf8(`+336000000${String(i).padStart(2, '0')}`));
    const { blinds } = backend().blind(inputs);
    expect(new Set(blinds.map(toHex)).size).toBe(50);
    const a = backend().generateKeyPair();
    const b = backend().generateKeyPair();
    expect(toHex(a.secretKey)).not.toBe(toHex(b.secretKey));
    expect(toHex(backend().publicKeyOf(a.secretKey))).toBe(toHex(a.publicKey));
    expect(toHex(backends.noble.publicKeyOf(b.secretKey))).toBe(toHex(backend().publicKeyOf(b.secretKey)));
  });
});
