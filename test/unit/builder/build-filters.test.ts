import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { buildFilters } from '../../../src/builder/build-filters.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { FilterSet } from '../../../src/core/filter/shard-set.ts';
import { readPhone } from '../../../src/core/phone/normalize.ts';
import { rowsOf } from '../../helpers/build-fixture.ts';
import { createNodeHasher } from '../../helpers/node-hasher.ts';

describe('buildFilters', () => {
  it('has no false negatives for any spelling, across shards, and counts every row once', async () => {
    const hasher = createNodeHasher(randomBytes(32));
    // 5,000 numbers in shards of at most 4 KiB: several shards, every spelling of every number checked.
    const numbers = Array.from({ length: 5_000 }, (_, i) => fictionalNumber(i * 3));
    const rows = numbers.map((number, i) => spellings(number)[i % 8]!);
    rows.push('garbage', numbers[0]!, ''); // a reject, a duplicate, an empty value
    const result = await buildFilters(rowsOf(rows), {
      region: 'FR',
      hasher,
      falsePositiveRate: 1e-6,
      shardMaxBytes: 4 * 1024,
    });
    expect(result.shardPrefixBits).toBeGreaterThan(1);
    expect(result.counts).toMatchObject({
      rows: 5_003,
      accepted: 5_001,
      rejected: 2,
      duplicates: 1,
      entries: 5_000,
    });
    const set = new FilterSet(
      result.shardPrefixBits,
      result.shards.map((shard) => parseFilter(shard.read()).filter),
    );
    for (const number of numbers) {
      for (const spelling of spellings(number)) {
        const read = readPhone(spelling, 'FR');
        expect(read.ok && read.readings.some((reading) => set.has(hasher.digest(reading.key)))).toBe(true);
      }
    }
    expect(result.shards.reduce((sum, shard) => sum + shard.entries, 0)).toBe(5_000);
    const strangers = Array.from({ length: 20_000 }, (_, i) => fictionalNumber(i * 3 + 1));
    expect(strangers.filter((number) => set.has(hasher.digest(number))).length).toBeLessThanOrEqual(1);
  });
});
