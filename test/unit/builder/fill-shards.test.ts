import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../scripts/fictional-numbers.ts';
import { DigestSpill } from '../../../src/builder/digest-spill.ts';
import { RepeatFinder } from '../../../src/builder/exact-repeats.ts';
import { fillUnit, planFillUnits } from '../../../src/builder/fill-shards.ts';
import { toHex } from '../../../src/core/encoding/bytes.ts';
import { BloomFilter } from '../../../src/core/filter/bloom-filter.ts';
import { serializeFilter } from '../../../src/core/filter/format.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import { type BloomParameters, bloomParameters } from '../../../src/core/filter/sizing.ts';

const scratch = mkdtempSync(join(tmpdir(), 'quietlist-fill-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `distinct` random 12-byte heads, then `repeats` copies of earlier ones, shuffled in. */
function headsWithRepeats(distinct: number, repeats: number, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  const heads = Array.from({ length: distinct }, () =>
    Uint8Array.from({ length: 12 }, () => Math.floor(random() * 256)),
  );
  for (let r = 0; r < repeats; r++) {
    const copy = heads[Math.floor(random() * heads.length)]!.slice();
    heads.splice(Math.floor(random() * (heads.length + 1)), 0, copy);
  }
  return heads;
}

function fillFromSpill(heads: Uint8Array[], shards: BloomParameters[], prefixBits: number) {
  const spill = new DigestSpill(scratch);
  try {
    for (const head of heads) spill.append(head);
    const units = planFillUnits(spill.seal(), shards, prefixBits, 1e-6);
    return units.flatMap((unit) => fillUnit(unit));
  } finally {
    spill.dispose();
  }
}

describe('pass 2 (fill-shards.ts)', () => {
  it('counts distinct numbers exactly when the filter reports nearly every insert as already present', () => {
    // 64 bits and k = 8: after a few dozen inserts every bit is set, so Bloom "duplicates" are everywhere.
    const heads = headsWithRepeats(5_000, 1_500, 7);
    const [shard] = fillFromSpill(heads, [{ bitCount: 64, hashCount: 8 }], 0);
    const distinct = new Set(heads.map((head) => toHex(head))).size;
    expect(distinct).toBeLessThan(heads.length);
    expect(shard!.entries).toBe(distinct);
  });

  it.each([0, 1, 3, 7, 8, 9, 11])(
    'fills the same bytes as inserting in order, with exact entries, at %i shard prefix bits',
    (prefixBits) => {
      const heads = headsWithRepeats(20_000, 3_000, prefixBits + 1);
      const members = Array.from({ length: 2 ** prefixBits }, () => new Map<string, Uint8Array>());
      for (const head of heads) members[shardOf(head, prefixBits)]!.set(toHex(head), head);
      const shards = members.map((set) => bloomParameters(Math.max(1, set.size), 1e-6));
      const filled = fillFromSpill(heads, shards, prefixBits);
      expect(filled.map((shard) => shard.index)).toEqual(shards.map((_, index) => index));
      for (const shard of filled) {
        const filter = new BloomFilter(shards[shard.index]!);
        for (const head of members[shard.index]!.values()) filter.add(head);
        const expected = serializeFilter({
          filter,
          shardIndex: shard.index,
          shardPrefixBits: prefixBits,
          entries: members[shard.index]!.size,
          falsePositiveRate: 1e-6,
        });
        expect(shard.entries).toBe(members[shard.index]!.size);
        expect(toHex(shard.file)).toBe(toHex(expected));
        expect(shard.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
      }
    },
  );
});

describe('RepeatFinder', () => {
  it('names every later occurrence of a head, and nothing else, whatever the candidates beyond the repeats', () => {
    const heads = headsWithRepeats(3_000, 900, 3);
    const words = new Uint32Array(heads.length * 3);
    for (const [i, head] of heads.entries()) words.set(new Uint32Array(head.slice().buffer), i * 3);
    const firstSeen = new Set<string>();
    const expected: number[] = [];
    for (const [i, head] of heads.entries()) {
      const key = toHex(head);
      if (firstSeen.has(key)) expected.push(i);
      firstSeen.add(key);
    }
    const finder = new RepeatFinder();
    // Candidates: every repeat plus every third record (false positives), in order.
    for (let i = 0; i < heads.length; i++)
      if (expected.includes(i) || i % 3 === 0) finder.candidate(words, i);
    finder.prepare();
    // Scanned in uneven chunks, as blocks of the spill arrive.
    const found: number[] = [];
    for (let start = 0; start < heads.length; start += 777) {
      const count = Math.min(777, heads.length - start);
      finder.scan(words.subarray(start * 3, (start + count) * 3), count, (record) =>
        found.push(start + record),
      );
    }
    expect(found).toEqual(expected);
    finder.reset();
    expect(finder.candidates).toBe(0);
  });
});
