/**
 * RFC 9497 Appendix A.1 (ristretto255-SHA512), reproduced byte for byte by every backend: VOPRF mode
 * (the mode quietlist uses) and POPRF mode (the public `info` input) through the public API, including
 * the batch-of-2 vectors and their single proof; OPRF mode through each libsodium group's primitives (WebAssembly and native), which checks the
 * group and hash layer alone, and through noble.
 */
import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { framed } from '../../../src/oprf/bytes.ts';
import { dstPrime, type RistrettoGroup } from '../../../src/oprf/group.ts';
import { loadNativeGroup } from '../../../src/oprf/native/native-backend.ts';
import { loadSodiumGroup } from '../../../src/oprf/sodium/sodium-backend.ts';
import {
  BACKEND_NAMES,
  hex,
  type LoadedBackends,
  loadBackends,
  NATIVE_BUILT,
  noteNativeSkipped,
  pick,
  RFC9497,
  toHex,
  utf8,
} from './helpers/backends.ts';

let backends: LoadedBackends;
beforeAll(async () => {
  backends = await loadBackends();
});

noteNativeSkipped();

describe.each(BACKEND_NAMES)('RFC 9497 A.1.2 VOPRF mode, %s backend', (name) => {
  const suite = RFC9497.voprf;

  it('derives skSm and pkSm from Seed and KeyInfo', () => {
    const backend = pick(backends, name);
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.secretKey)).toBe(suite.skSm);
    expect(toHex(keys.publicKey)).toBe(suite.pkSm);
    expect(toHex(backend.publicKeyOf(hex(suite.skSm)))).toBe(suite.pkSm);
  });

  it.each(suite.vectors.map((vector) => [vector.name, vector] as const))('%s', (_, vector) => {
    const backend = pick(backends, name);
    const secretKey = hex(suite.skSm);
    const inputs = vector.inputs.map(hex);
    const blinded = backend.blind(inputs, { fixedBlinds: vector.blinds.map(hex) });
    expect(blinded.blinds.map(toHex)).toEqual(vector.blinds);
    expect(blinded.blindedElements.map(toHex)).toEqual(vector.blindedElements);

    const evaluation = backend.blindEvaluate(secretKey, blinded.blindedElements, {
      fixedProofScalar: hex(vector.proofRandomScalar),
    });
    expect(evaluation.evaluatedElements.map(toHex)).toEqual(vector.evaluationElements);
    expect(toHex(evaluation.proof)).toBe(vector.proof);

    // Finalize from the RFC's own bytes, not from what this backend produced.
    const outputs = backend.finalize(
      inputs,
      { blinds: vector.blinds.map(hex), blindedElements: vector.blindedElements.map(hex) },
      { evaluatedElements: vector.evaluationElements.map(hex), proof: hex(vector.proof) },
      hex(suite.pkSm),
    );
    expect(outputs.map(toHex)).toEqual(vector.outputs);
    expect(inputs.map((input) => toHex(backend.evaluate(secretKey, input)))).toEqual(vector.outputs);
  });
});

describe.each(BACKEND_NAMES)('RFC 9497 A.1.3 POPRF mode, %s backend', (name) => {
  const suite = RFC9497.poprf;

  it('derives skSm and pkSm from Seed and KeyInfo under the POPRF context', () => {
    const backend = pick(backends, name);
    const keys = backend.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo), { mode: 'poprf' });
    expect(toHex(keys.secretKey)).toBe(suite.skSm);
    expect(toHex(keys.publicKey)).toBe(suite.pkSm);
  });

  it.each(suite.vectors.map((vector) => [vector.name, vector] as const))('%s', (_, vector) => {
    const backend = pick(backends, name);
    const secretKey = hex(suite.skSm);
    const info = hex(vector.info);
    const inputs = vector.inputs.map(hex);
    const blinded = backend.blind(inputs, { fixedBlinds: vector.blinds.map(hex), info });
    expect(blinded.blindedElements.map(toHex)).toEqual(vector.blindedElements);
    expect(toHex(blinded.info!)).toBe(vector.info);

    const evaluation = backend.blindEvaluate(secretKey, blinded.blindedElements, {
      fixedProofScalar: hex(vector.proofRandomScalar),
      info,
    });
    expect(evaluation.evaluatedElements.map(toHex)).toEqual(vector.evaluationElements);
    expect(toHex(evaluation.proof)).toBe(vector.proof);

    const outputs = backend.finalize(
      inputs,
      { blinds: vector.blinds.map(hex), blindedElements: vector.blindedElements.map(hex), info },
      { evaluatedElements: vector.evaluationElements.map(hex), proof: hex(vector.proof) },
      hex(suite.pkSm),
    );
    expect(outputs.map(toHex)).toEqual(vector.outputs);
    expect(inputs.map((input) => toHex(backend.evaluate(secretKey, input, { info })))).toEqual(
      vector.outputs,
    );
  });
});

const GROUPS: [string, () => Promise<RistrettoGroup>][] = [
  ['libsodium WebAssembly', () => loadSodiumGroup()],
  ...(NATIVE_BUILT
    ? [['native libsodium', async () => loadNativeGroup()] as [string, () => Promise<RistrettoGroup>]]
    : []),
];

describe('RFC 9497 A.1.1 OPRF mode (mode 0x00)', () => {
  const suite = RFC9497.oprf;
  const context = new Uint8Array([...utf8('OPRFV1-'), 0x00, ...utf8('-ristretto255-SHA512')]);
  const dst = (prefix: string) => dstPrime(new Uint8Array([...utf8(prefix), ...context]));

  it.each(GROUPS)('%s group primitives: DeriveKeyPair, Blind, BlindEvaluate, Finalize', async (_, load) => {
    const group = await load();
    const deriveInput = new Uint8Array([...hex(RFC9497.seed), ...framed([hex(RFC9497.keyInfo)]), 0]);
    const [secretKey] = group.hashToScalarEach([[deriveInput]], dst('DeriveKeyPair'));
    expect(toHex(secretKey!)).toBe(suite.skSm);
    // The whole batch at once, as the backends use the group.
    const inputs = suite.vectors.map((vector) => hex(vector.input));
    const blinds = suite.vectors.map((vector) => hex(vector.blind));
    const elements = group.hashToGroupEach(
      inputs.map((input) => [input]),
      dst('HashToGroup-'),
    );
    const blinded = group.multiplyEach(blinds, elements);
    expect(blinded.ok && blinded.value.map(toHex)).toEqual(
      suite.vectors.map((vector) => vector.blindedElement),
    );
    const evaluated = group.multiplyAll(secretKey!, blinded.ok ? blinded.value : []);
    expect(evaluated.ok && evaluated.value.map(toHex)).toEqual(
      suite.vectors.map((vector) => vector.evaluationElement),
    );
    const inverses = group.invertEach(blinds);
    const unblinded = group.multiplyEach(
      inverses.ok ? inverses.value : [],
      evaluated.ok ? evaluated.value : [],
    );
    const outputs = group.sha512Each(
      inputs.map((input, i) => [
        framed([input, unblinded.ok ? unblinded.value[i]! : new Uint8Array(32)], utf8('Finalize')),
      ]),
    );
    expect(outputs.map(toHex)).toEqual(suite.vectors.map((vector) => vector.output));
  });

  it('@noble/curves oprf mode (checks the transcription of the vectors)', () => {
    const oprf = ristretto255_oprf.oprf;
    const keys = oprf.deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.secretKey)).toBe(suite.skSm);
    for (const vector of suite.vectors) {
      const evaluated = oprf.blindEvaluate(keys.secretKey, hex(vector.blindedElement));
      expect(toHex(evaluated)).toBe(vector.evaluationElement);
      expect(toHex(oprf.finalize(hex(vector.input), hex(vector.blind), evaluated))).toBe(vector.output);
    }
  });
});
