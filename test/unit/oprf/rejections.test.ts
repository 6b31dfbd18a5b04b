/**
 * What must fail, and how: the server rejects bad encodings and the identity (typed, INVALID_ARGUMENT,
 * so the API answers 400); the client rejects a proof made with another key, a tampered element or
 * proof, and mismatched counts (PROOF_INVALID / COUNT_MISMATCH). Every backend, same reasons, in both
 * modes: VOPRF, and POPRF (a public info); then what only the POPRF can get wrong (info, tweaked keys).
 */
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { OprfError, type OprfErrorReason } from '../../../src/oprf/errors.ts';
import type { BlindEvaluation, BlindedBatch, OprfBackend, OprfKeyPair } from '../../../src/oprf/types.ts';
import {
  BACKEND_NAMES,
  hex,
  type LoadedBackends,
  loadBackends,
  noteNativeSkipped,
  pick,
  utf8,
} from './helpers/backends.ts';

/** RFC 9496 §A.2 bad encodings: non-canonical field elements, negative, non-square x², negative xy, s = −1. */
const BAD_ENCODINGS = [
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
/** The generator with its unused top bit set: same x, non-canonical encoding. */
const BASE_HIGH_BIT = 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2df6';
const IDENTITY = '00'.repeat(32);
const GROUP_ORDER = 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010';

let backends: LoadedBackends;
beforeAll(async () => {
  backends = await loadBackends();
});

function expectOprfError(action: () => unknown, reason: OprfErrorReason, code: string, index?: number) {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OprfError);
  const error = caught as OprfError;
  expect(error.reason).toBe(reason);
  expect(error.code).toBe(code);
  if (index !== undefined) expect(error.index).toBe(index);
}

noteNativeSkipped();

const MODES = [
  ['voprf', {}],
  ['poprf', { info: utf8('202') }],
] as const;
const CASES = BACKEND_NAMES.flatMap((name) => MODES.map(([mode, options]) => [name, mode, options] as const));

describe.each(CASES)('%s backend rejects (%s)', (name, mode, withInfo) => {
  let backend: OprfBackend;
  let keys: OprfKeyPair;
  let inputs: Uint8Array[];
  let blinded: BlindedBatch;
  let evaluation: BlindEvaluation;

  beforeAll(() => {
    backend = pick(backends, name);
    keys = backend.deriveKeyPair(new Uint8Array(32).fill(7), utf8('quietlist test'), { mode });
    inputs = ['+33612345678', '+33698765432', '+33123456789'].map(utf8);
    blinded = backend.blind(inputs, withInfo);
    evaluation = backend.blindEvaluate(keys.secretKey, blinded.blindedElements, withInfo);
  });

  it('accepts the honest round trip (the baseline the tampering below departs from)', () => {
    const outputs = backend.finalize(inputs, blinded, evaluation, keys.publicKey);
    expect(outputs).toHaveLength(3);
  });

  it('on the server: the identity element, with its position', () => {
    const elements = [blinded.blindedElements[0]!, hex(IDENTITY)];
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, elements, withInfo),
      'ELEMENT_IDENTITY',
      'INVALID_ARGUMENT',
      1,
    );
  });

  it.each([...BAD_ENCODINGS, BASE_HIGH_BIT])('on the server: the non-canonical encoding %s', (bad) => {
    const elements = [blinded.blindedElements[0]!, blinded.blindedElements[1]!, hex(bad)];
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, elements, withInfo),
      'ELEMENT_INVALID',
      'INVALID_ARGUMENT',
      2,
    );
  });

  it('on the server: a bad element deep in a large batch, with its exact position', () => {
    const many = backend.blind(
      Array.from({ length: 300 }, (_, i) => utf8(`+3370000${String(i).padStart(4, '0')}`)),
      withInfo,
    );
    const invalid = [...many.blindedElements];
    invalid[257] = hex(BAD_ENCODINGS[4]!);
    invalid[299] = hex(BAD_ENCODINGS[0]!);
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, invalid, withInfo),
      'ELEMENT_INVALID',
      'INVALID_ARGUMENT',
      257,
    );
    const identity = [...many.blindedElements];
    identity[123] = hex(IDENTITY);
    identity[200] = hex(BAD_ENCODINGS[1]!);
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, identity, withInfo),
      'ELEMENT_IDENTITY',
      'INVALID_ARGUMENT',
      123,
    );
    // checkBlindedElements (what the API runs before charging the quota) refuses exactly the same.
    expectOprfError(() => backend.checkBlindedElements(invalid), 'ELEMENT_INVALID', 'INVALID_ARGUMENT', 257);
    expectOprfError(
      () => backend.checkBlindedElements(identity),
      'ELEMENT_IDENTITY',
      'INVALID_ARGUMENT',
      123,
    );
    expect(() => backend.checkBlindedElements(many.blindedElements)).not.toThrow();
  });

  it('on the server: wrong lengths, an empty batch, a bad secret key', () => {
    const short = blinded.blindedElements[0]!.subarray(0, 31);
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, [short], withInfo),
      'ELEMENT_INVALID',
      'INVALID_ARGUMENT',
      0,
    );
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, [], withInfo),
      'EMPTY_BATCH',
      'INVALID_ARGUMENT',
    );
    for (const badKey of [new Uint8Array(32), hex(GROUP_ORDER), new Uint8Array(31).fill(1)]) {
      expectOprfError(
        () => backend.blindEvaluate(badKey, blinded.blindedElements, withInfo),
        'KEY_INVALID',
        'KEY_INVALID',
      );
      expectOprfError(() => backend.evaluate(badKey, inputs[0]!, withInfo), 'KEY_INVALID', 'KEY_INVALID');
    }
  });

  it('on the client: a proof made with a different key, even with the right elements', () => {
    const other = backend.deriveKeyPair(new Uint8Array(32).fill(8), utf8('quietlist test'), { mode });
    const forged = backend.blindEvaluate(other.secretKey, blinded.blindedElements, withInfo);
    // The elements were evaluated under the other key, and so was the proof: it must not pass as ours.
    expectOprfError(
      () => backend.finalize(inputs, blinded, forged, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    // Our elements with the other key's proof.
    const mixed = { evaluatedElements: evaluation.evaluatedElements, proof: forged.proof };
    expectOprfError(
      () => backend.finalize(inputs, blinded, mixed, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    // Our evaluation checked against the wrong public key.
    expectOprfError(
      () => backend.finalize(inputs, blinded, evaluation, other.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
  });

  it('on the client: a tampered evaluated element (swapped, replaced, or invalid)', () => {
    const [a, b, c] = evaluation.evaluatedElements as [Uint8Array, Uint8Array, Uint8Array];
    const swapped = { ...evaluation, evaluatedElements: [b, a, c] };
    expectOprfError(
      () => backend.finalize(inputs, blinded, swapped, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    const replaced = { ...evaluation, evaluatedElements: [a, b, blinded.blindedElements[2]!] };
    expectOprfError(
      () => backend.finalize(inputs, blinded, replaced, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    const identity = { ...evaluation, evaluatedElements: [a, hex(IDENTITY), c] };
    expectOprfError(
      () => backend.finalize(inputs, blinded, identity, keys.publicKey),
      'ELEMENT_IDENTITY',
      'INVALID_ARGUMENT',
      1,
    );
    const invalid = { ...evaluation, evaluatedElements: [a, b, hex(BAD_ENCODINGS[5]!)] };
    expectOprfError(
      () => backend.finalize(inputs, blinded, invalid, keys.publicKey),
      'ELEMENT_INVALID',
      'INVALID_ARGUMENT',
      2,
    );
  });

  it('on the client: a tampered proof (each scalar, non-canonical, wrong length)', () => {
    for (const offset of [0, 40]) {
      const proof = evaluation.proof.slice();
      proof[offset]! ^= 1;
      expectOprfError(
        () => backend.finalize(inputs, blinded, { ...evaluation, proof }, keys.publicKey),
        'PROOF_INVALID',
        'SIGNATURE_INVALID',
      );
    }
    const nonCanonical = new Uint8Array([...hex(GROUP_ORDER), ...evaluation.proof.subarray(32)]);
    expectOprfError(
      () => backend.finalize(inputs, blinded, { ...evaluation, proof: nonCanonical }, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    const short = evaluation.proof.subarray(0, 63);
    expectOprfError(
      () => backend.finalize(inputs, blinded, { ...evaluation, proof: short }, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
  });

  it('on the client: a wrong count (the server dropped or added an element)', () => {
    const dropped = { ...evaluation, evaluatedElements: evaluation.evaluatedElements.slice(0, 2) };
    expectOprfError(
      () => backend.finalize(inputs, blinded, dropped, keys.publicKey),
      'COUNT_MISMATCH',
      'INVALID_ARGUMENT',
    );
    const added = {
      ...evaluation,
      evaluatedElements: [...evaluation.evaluatedElements, evaluation.evaluatedElements[0]!],
    };
    expectOprfError(
      () => backend.finalize(inputs, blinded, added, keys.publicKey),
      'COUNT_MISMATCH',
      'INVALID_ARGUMENT',
    );
    expectOprfError(
      () => backend.finalize(inputs.slice(1), blinded, evaluation, keys.publicKey),
      'COUNT_MISMATCH',
      'INVALID_ARGUMENT',
    );
  });

  it('on the client: inputs that do not match the blinded elements, a bad blind, a bad public key', () => {
    const reordered = [inputs[1]!, inputs[0]!, inputs[2]!];
    const outputs = backend.finalize(reordered, blinded, evaluation, keys.publicKey);
    // The proof covers elements, not inputs: wrong inputs give wrong outputs, never the right ones.
    expect(outputs[0]).not.toEqual(backend.evaluate(keys.secretKey, inputs[1]!, withInfo));
    const zeroBlind = { ...blinded, blinds: [new Uint8Array(32), ...blinded.blinds.slice(1)] };
    expectOprfError(
      () => backend.finalize(inputs, zeroBlind, evaluation, keys.publicKey),
      'SCALAR_INVALID',
      'INVALID_ARGUMENT',
      0,
    );
    expectOprfError(
      () => backend.finalize(inputs, blinded, evaluation, hex(IDENTITY)),
      'KEY_INVALID',
      'KEY_INVALID',
    );
    expectOprfError(
      () => backend.finalize(inputs, blinded, evaluation, hex(BAD_ENCODINGS[6]!)),
      'KEY_INVALID',
      'KEY_INVALID',
    );
  });

  it('inputs beyond 65535 bytes, an empty batch, zero fixed scalars, a bad seed', () => {
    expectOprfError(
      () => backend.blind([new Uint8Array(65_536)], withInfo),
      'INPUT_TOO_LONG',
      'INVALID_ARGUMENT',
      0,
    );
    expectOprfError(
      () => backend.evaluate(keys.secretKey, new Uint8Array(65_536), withInfo),
      'INPUT_TOO_LONG',
      'INVALID_ARGUMENT',
    );
    expectOprfError(() => backend.blind([], withInfo), 'EMPTY_BATCH', 'INVALID_ARGUMENT');
    const zero = new Uint8Array(32);
    expectOprfError(
      () => backend.blind([inputs[0]!], { ...withInfo, fixedBlinds: [zero] }),
      'SCALAR_INVALID',
      'INVALID_ARGUMENT',
      0,
    );
    const withZeroR = () =>
      backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { ...withInfo, fixedProofScalar: zero });
    expectOprfError(withZeroR, 'SCALAR_INVALID', 'INVALID_ARGUMENT');
    expectOprfError(
      () => backend.deriveKeyPair(new Uint8Array(31), new Uint8Array(0)),
      'KEY_INVALID',
      'KEY_INVALID',
    );
  });

  it('never puts key or element bytes in error messages', () => {
    const secretHex = Buffer.from(keys.secretKey).toString('hex');
    const elementHex = Buffer.from(blinded.blindedElements[0]!).toString('hex');
    const messages: string[] = [];
    for (const action of [
      () => backend.blindEvaluate(keys.secretKey, [blinded.blindedElements[0]!, hex(IDENTITY)], withInfo),
      () =>
        backend.finalize(
          inputs,
          blinded,
          { ...evaluation, proof: new Uint8Array(64).fill(1) },
          keys.publicKey,
        ),
    ]) {
      try {
        action();
      } catch (error) {
        messages.push(String(error), JSON.stringify(error));
      }
    }
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).not.toContain(secretHex);
      expect(message).not.toContain(elementHex);
    }
  });
});

/** POPRF's tweak m for `info`, computed with noble alone (RFC 9497 §3.3.3), as a little-endian scalar. */
function negatedTweak(info: Uint8Array): Uint8Array {
  const dst = new Uint8Array([...utf8('HashToScalar-OPRFV1-'), 0x02, ...utf8('-ristretto255-SHA512')]);
  const message = new Uint8Array([...utf8('Info'), info.length >> 8, info.length & 0xff, ...info]);
  const m = ristretto255_hasher.hashToScalar(message, { DST: dst });
  return ristretto255.Point.Fn.toBytes(ristretto255.Point.Fn.neg(m));
}

describe.each(BACKEND_NAMES)('%s backend, POPRF only, rejects', (name) => {
  let backend: OprfBackend;
  let keys: OprfKeyPair;
  const inputs = ['+12025550123', '+12025550124'].map(utf8);
  const info = utf8('202');

  beforeAll(() => {
    backend = pick(backends, name);
    keys = backend.deriveKeyPair(new Uint8Array(32).fill(9), utf8('quietlist test'), { mode: 'poprf' });
  });

  it('an evaluation under another info, or a VOPRF evaluation, of a POPRF batch', () => {
    const blinded = backend.blind(inputs, { info });
    for (const evaluation of [
      backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { info: utf8('203') }),
      backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { info: new Uint8Array(0) }),
      backend.blindEvaluate(keys.secretKey, blinded.blindedElements),
    ]) {
      expectOprfError(
        () => backend.finalize(inputs, blinded, evaluation, keys.publicKey),
        'PROOF_INVALID',
        'SIGNATURE_INVALID',
      );
    }
    // A POPRF evaluation presented as the answer to the same elements blinded for the VOPRF.
    const honest = backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { info });
    const { info: _dropped, ...asVoprf } = blinded;
    expectOprfError(
      () => backend.finalize(inputs, asVoprf, honest, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    // The info changed after blinding.
    expectOprfError(
      () => backend.finalize(inputs, { ...blinded, info: utf8('203') }, honest, keys.publicKey),
      'PROOF_INVALID',
      'SIGNATURE_INVALID',
    );
    expect(backend.finalize(inputs, blinded, honest, keys.publicKey)).toHaveLength(2);
  });

  it('an info longer than 65535 bytes or not a byte array', () => {
    const long = new Uint8Array(65_536);
    const blinded = backend.blind(inputs, { info });
    expectOprfError(() => backend.blind(inputs, { info: long }), 'INPUT_TOO_LONG', 'INVALID_ARGUMENT');
    expectOprfError(
      () => backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { info: long }),
      'INPUT_TOO_LONG',
      'INVALID_ARGUMENT',
    );
    expectOprfError(
      () => backend.evaluate(keys.secretKey, inputs[0]!, { info: long }),
      'INPUT_TOO_LONG',
      'INVALID_ARGUMENT',
    );
    const notBytes = 'abc' as unknown as Uint8Array;
    expectOprfError(() => backend.blind(inputs, { info: notBytes }), 'INPUT_INVALID', 'INVALID_ARGUMENT');
    expect(backend.blind(inputs, { info: new Uint8Array(65_535) }).info).toHaveLength(65_535);
  });

  it('a secret key whose tweaked key is zero (server), a public key whose tweaked key is the identity (client)', () => {
    const degenerate = negatedTweak(info);
    const blinded = backend.blind(inputs, { info });
    expectOprfError(
      () => backend.blindEvaluate(degenerate, blinded.blindedElements, { info }),
      'KEY_INVALID',
      'KEY_INVALID',
    );
    expectOprfError(() => backend.evaluate(degenerate, inputs[0]!, { info }), 'KEY_INVALID', 'KEY_INVALID');
    // The same key is fine for other infos and for the VOPRF.
    expect(backend.evaluate(degenerate, inputs[0]!, { info: utf8('203') })).toHaveLength(64);
    expect(backend.evaluate(degenerate, inputs[0]!)).toHaveLength(64);
    // A server publishing pk = −m·G could never prove anything for this info: the client says why.
    const evaluation = backend.blindEvaluate(keys.secretKey, blinded.blindedElements, { info });
    expectOprfError(
      () => backend.finalize(inputs, blinded, evaluation, backend.publicKeyOf(degenerate)),
      'KEY_INVALID',
      'KEY_INVALID',
    );
  });
});
