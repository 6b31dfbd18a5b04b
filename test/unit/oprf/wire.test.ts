/** JSON transport of elements and proofs: base64 of the RFC serialisation, length-checked, index-reporting. */
import { describe, expect, it } from 'vitest';
import { OprfError } from '../../../src/oprf/errors.ts';
import {
  decodeElements,
  decodeProof,
  ELEMENT_BASE64_LENGTH,
  encodeElements,
  encodeProof,
} from '../../../src/oprf/wire.ts';
import { hex, RFC9497 } from './helpers/backends.ts';

const vector = RFC9497.voprf.vectors[2]!;

describe('wire encoding', () => {
  it('round-trips elements and proofs', () => {
    const elements = vector.blindedElements.map(hex);
    const texts = encodeElements(elements);
    expect(texts.every((text) => text.length === ELEMENT_BASE64_LENGTH)).toBe(true);
    expect(decodeElements(texts, 'blinded element')).toEqual(elements);
    expect(decodeProof(encodeProof(hex(vector.proof)))).toEqual(hex(vector.proof));
  });

  it('rejects wrong types, lengths and alphabets with the position', () => {
    const good = encodeElements([hex(vector.blindedElements[0]!)])[0]!;
    for (const bad of [
      42,
      null,
      good.slice(0, 43),
      `${good.slice(0, 42)}!=`,
      Buffer.alloc(33).toString('base64'),
    ]) {
      try {
        decodeElements([good, bad], 'blinded element');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(OprfError);
        expect(error).toMatchObject({ reason: 'ELEMENT_INVALID', code: 'INVALID_ARGUMENT', index: 1 });
      }
    }
    expect(() => decodeProof('AAAA')).toThrow(OprfError);
    expect(() => decodeProof(undefined)).toThrow(OprfError);
  });
});
