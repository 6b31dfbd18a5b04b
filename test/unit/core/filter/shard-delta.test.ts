import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../src/core/encoding/bytes.ts';
import { allocateFilterFile } from '../../../../src/core/filter/format.ts';
import {
  chooseRiceParameter,
  riceBitLength,
  riceDecode,
  riceEncode,
} from '../../../../src/core/filter/rice-coding.ts';
import {
  applyShardDelta,
  encodeShardDelta,
  parseShardDelta,
} from '../../../../src/core/filter/shard-delta.ts';
import { bloomParameters } from '../../../../src/core/filter/sizing.ts';

function shardOf(digests: Uint8Array[], parameters = bloomParameters(2000, 1e-6)): Uint8Array {
  const file = allocateFilterFile(parameters);
  for (const digest of digests) file.filter.add(digest);
  return file.finish({
    filter: file.filter,
    shardIndex: 1,
    shardPrefixBits: 2,
    entries: digests.length,
    falsePositiveRate: 1e-6,
  });
}

const digests = (count: number) => Array.from({ length: count }, () => new Uint8Array(randomBytes(32)));

describe('Rice coding', () => {
  it('round-trips sorted positions with every parameter, and codes them in the bits it announces', () => {
    const positions = Uint32Array.from([0, 1, 2, 40, 41, 1000, 65_535, 1_000_000]);
    for (const r of [0, 1, 5, 12, 20]) {
      const payload = riceEncode(positions, r);
      expect(payload.length).toBe(Math.ceil(riceBitLength(positions, r) / 8));
      expect([...riceDecode(payload, positions.length, r, 1_000_001)]).toEqual([...positions]);
    }
  });

  it('chooses about log2 of the mean gap, and refuses a payload that is short, long or out of range', () => {
    const positions = Uint32Array.from({ length: 1000 }, (_, i) => i * 1000 + (i % 7));
    expect(chooseRiceParameter(positions, 1_000_000)).toBeGreaterThanOrEqual(8);
    expect(chooseRiceParameter(positions, 1_000_000)).toBeLessThanOrEqual(10);
    const payload = riceEncode(positions, 9);
    expect(() => riceDecode(payload.subarray(0, payload.length - 2), 1000, 9, 1_000_000)).toThrow(/ends/);
    expect(() => riceDecode(Uint8Array.from([...payload, 0]), 1000, 9, 1_000_000)).toThrow(/longer/);
    expect(() => riceDecode(payload, 1000, 9, 900_000)).toThrow(/past the end/);
  });
});

describe('shard deltas', () => {
  it('patch the old shard into exactly the new one (additions and removals), and nothing else', async () => {
    const kept = digests(1500);
    const before = shardOf([...kept, ...digests(100)]);
    const after = shardOf([...kept, ...digests(100)]);
    const hashes = { fromSha256: await sha256Hex(before), toSha256: await sha256Hex(after) };
    const delta = encodeShardDelta(before, after, hashes);
    expect(delta.length).toBeLessThan(after.length / 2);
    const parsed = parseShardDelta(delta);
    expect(parsed).toMatchObject({ shardIndex: 1, shardPrefixBits: 2, entries: 1600, ...hashes });
    const patched = await applyShardDelta(before, delta, sha256Hex);
    expect(Buffer.from(patched).equals(Buffer.from(after))).toBe(true);
    // Applied to anything but its source, it refuses.
    await expect(applyShardDelta(after, delta, sha256Hex)).rejects.toThrow(/another file/);
  });

  it('refuse a corrupted delta and two files of different geometries', async () => {
    const before = shardOf(digests(10));
    const after = shardOf(digests(10));
    const delta = encodeShardDelta(before, after, { fromSha256: '00'.repeat(32), toSha256: '11'.repeat(32) });
    const corrupt = delta.slice();
    corrupt[100]! ^= 1;
    expect(() => parseShardDelta(corrupt)).toThrow(/checksum/);
    expect(() => parseShardDelta(delta.subarray(0, 50))).toThrow(/truncated/);
    const bigger = shardOf(digests(10), bloomParameters(4000, 1e-6));
    expect(() => encodeShardDelta(before, bigger, { fromSha256: '', toSha256: '' })).toThrow(/geometry/);
  });
});
