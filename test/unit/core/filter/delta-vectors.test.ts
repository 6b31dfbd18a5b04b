import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/core/encoding/bytes.ts';
import { riceDecode, riceEncode } from '../../../../src/core/filter/rice-coding.ts';
import { applyShardDelta, parseShardDelta } from '../../../../src/core/filter/shard-delta.ts';
import vectors from '../../../vectors/deltas.json' with { type: 'json' };

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('delta vectors', () => {
  for (const item of vectors.cases) {
    it(`${item.name}: decodes the recorded positions and patches the source into the target`, async () => {
      const delta = fromHex(item.deltaHex);
      const parsed = parseShardDelta(delta);
      expect(parsed.riceParameter).toBe(item.riceParameter);
      expect(parsed.flipped).toBe(item.positions.length);
      expect([...riceDecode(parsed.payload, parsed.flipped, parsed.riceParameter, parsed.bitCount)]).toEqual(
        item.positions,
      );
      expect(toHex(riceEncode(item.positions, item.riceParameter))).toBe(item.payloadHex);
      const patched = await applyShardDelta(fromHex(item.fromFileHex), delta, sha);
      expect(toHex(patched)).toBe(item.toFileHex);
      expect(sha(delta)).toBe(item.deltaSha256);
    });
  }
});
