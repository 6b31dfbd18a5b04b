/**
 * RFC 9497 Appendix A.1 (ristretto255-SHA512), reproduced byte for byte by both backends: VOPRF mode
 * (the mode quietlist uses) through the public API, including the batch-of-2 vector and its single
 * proof; OPRF mode through the libsodium primitives, which checks the group and hash layer alone.
 */
import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { framed } from '../../../src/oprf/bytes.ts';
import { loadSodiumModule } from '../../../src/oprf/sodium/sodium-module.ts';
import { dstPrime, SodiumRistretto } from '../../../src/oprf/sodium/sodium-ristretto.ts';
import type { OprfBackend } from '../../../src/oprf/types.ts';
import { BACKEND_NAMES, hex, loadBackends, RFC9497, toHex, utf8 } from './helpers/backends.ts';

let backends: Record<(typeof BACKEND_NAMES)[number], OprfBackend>;
beforeAll(async () => {
  backends = await loadBackends();
});

describe.each(BACKEND_NAMES)('RFC 9497 A.1.2 VOPRF mode, %s backend', (name) => {
  const suite = RFC9497.voprf;

  it('derives skSm and pkSm from Seed and KeyInfo', () => {
    const keys = backends[name].deriveKeyPair(hex(RFC9497.seed), hex(RFC9497.keyInfo));
    expect(toHex(keys.secretKey)).toBe(suite.skSm);
    expect(toHex(keys.publicKey)).toBe(suite.pkSm);
    expect(toHex(backends[name].publicKeyOf(hex(suite.skSm)))).toBe(suite.pkSm);
  });

  it.each(suite.vectors.map((vector) => [vector.name, vector] as const))('%s', (_, vector) => {
    const backend = backends[name];
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

describe('RFC 9497 A.1.1 OPRF mode (mode 0x00)', () => {
  const suite = RFC9497.oprf;
  const context = new Uint8Array([...utf8('OPRFV1-'), 0x00, ...utf8('-ristretto255-SHA512')]);
  const dst = (prefix: string) => dstPrime(new Uint8Array([...utf8(prefix), ...context]));

  it('libsodium primitives: DeriveKeyPair, Blind, BlindEvaluate, Finalize', async () => {
    const group = new SodiumRistretto(await loadSodiumModule());
    const deriveInput = new Uint8Array([...hex(RFC9497.seed), ...framed([hex(RFC9497.keyInfo)]), 0]);
    const secretKey = group.hashToScalar([deriveInput], dst('DeriveKeyPair'));
    expect(toHex(secretKey)).toBe(suite.skSm);
    for (const vector of suite.vectors) {
      const input = hex(vector.input);
      const element = group.hashToGroup([input], dst('HashToGroup-'));
      const blinded = group.multiply(hex(vector.blind), element)!;
      expect(toHex(blinded)).toBe(vector.blindedElement);
      const evaluated = group.multiply(secretKey, blinded)!;
      expect(toHex(evaluated)).toBe(vector.evaluationElement);
      const unblinded = group.multiply(group.scalarInvert(hex(vector.blind)), evaluated)!;
      const output = group.sha512([framed([input, unblinded], utf8('Finalize'))]);
      expect(toHex(output)).toBe(vector.output);
    }
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
