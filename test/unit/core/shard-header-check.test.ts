import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../src/core/filter-format.ts';
import { fromHex } from '../../../src/core/keyed-hash.ts';
import type { Manifest } from '../../../src/core/manifest.ts';
import { shardHeaderDisagreement } from '../../../src/core/shard-header-check.ts';
import filters from '../../vectors/filters.json' with { type: 'json' };
import vector from '../../vectors/manifest.json' with { type: 'json' };

const manifest = vector.manifest as Manifest;
const source = filters.cases.find((item) => item.name === vector.filterCase)!;
const shard = parseFilter(fromHex(source.shards[1]!.fileHex));

describe('shardHeaderDisagreement', () => {
  it('accepts a shard whose header is its manifest entry', () => {
    expect(shardHeaderDisagreement(shard, manifest, 1)).toBeNull();
  });

  it('names the first of index, p, m, k, n and ε that differs from the manifest', () => {
    const withEntry = (change: Partial<Manifest['shards'][number]>): Manifest => ({
      ...manifest,
      shards: manifest.shards.map((entry, i) => (i === 1 ? { ...entry, ...change } : entry)),
    });
    expect(shardHeaderDisagreement(shard, manifest, 2)).toMatch(/shard index/);
    expect(
      shardHeaderDisagreement(shard, { ...manifest, filter: { ...manifest.filter, shardPrefixBits: 3 } }, 1),
    ).toMatch(/prefix bits/);
    expect(shardHeaderDisagreement(shard, withEntry({ bitCount: shard.filter.bitCount + 64 }), 1)).toMatch(
      /m \(bit count\)/,
    );
    expect(shardHeaderDisagreement(shard, withEntry({ hashCount: shard.filter.hashCount + 1 }), 1)).toMatch(
      /k \(hash count\)/,
    );
    expect(shardHeaderDisagreement(shard, withEntry({ entries: shard.entries + 1 }), 1)).toMatch(
      /n \(entries\)/,
    );
    expect(
      shardHeaderDisagreement(
        shard,
        { ...manifest, filter: { ...manifest.filter, falsePositiveRate: 1e-4 } },
        1,
      ),
    ).toMatch(/false-positive rate/);
    expect(shardHeaderDisagreement(shard, manifest, 9)).toMatch(/no shard 9/);
  });
});
