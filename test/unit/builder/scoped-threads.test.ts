/**
 * Scoped and partitioned registers under the threaded builder (src/builder/scoped-pass.ts): a scoped
 * register's pass 1 runs in the build's thread (a row's scope digests come from its one digest) and
 * its pass 2 on threads like any other, with the same shard bytes, counts and reports with 0, 1 or 2
 * threads; every scope digest the keying layer enters is in the filter. A partitioned register uses
 * no thread whatever `threads` asks (each partition is filled in the build's thread), builds the
 * same bytes as with none, and counts distinct keys exactly.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type BuildOptions, buildFilters } from '../../../src/builder/build-filters.ts';
import { enterRegistration, labelsOfRow } from '../../../src/builder/entry-keys.ts';
import type { InputRecord } from '../../../src/builder/input/record.ts';
import { createKeyedHasher } from '../../../src/core/digest/keyed-hash.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import {
  ES_RULES,
  nanpNumbers,
  robinsonRows,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';

const KEY = new Uint8Array(randomBytes(32));

function spanishRecords(): InputRecord[] {
  const rows = robinsonRows(spanishNumbers(3_000, 7));
  const records: InputRecord[] = rows.map((row, i) => ({ line: i + 2, ...row }));
  // A channel the register does not declare: refused, named in the reports.
  records.push({ line: records.length + 2, phone: rows[0]!.phone, channels: 'fax', sectors: '' });
  return records;
}

async function* batches(records: InputRecord[]): AsyncGenerator<InputRecord[]> {
  for (let i = 0; i < records.length; i += 500) yield records.slice(i, i + 500);
}

async function build(records: InputRecord[], options: Partial<BuildOptions>) {
  const rejects: string[] = [];
  const result = await buildFilters(batches(records), {
    region: options.partition ? 'US' : 'ES',
    falsePositiveRate: 1e-6,
    hmacKey: KEY,
    threadsFromRows: 500,
    shardMaxBytes: 4 * 1024,
    onReject: (reject) => rejects.push(`${reject.line} ${reject.code}`),
    ...options,
  } as BuildOptions);
  const sha256 = result.shards.map((shard) => createHash('sha256').update(shard.read()).digest('hex'));
  return { result, rejects, sha256 };
}

describe('scoped and partitioned registers on the threaded builder', () => {
  it('a scoped register: the same shard bytes, counts and reports with 0, 1 or 2 threads', async () => {
    const records = spanishRecords();
    const alone = await build(records, { threads: 0, scopes: ES_RULES.scopes });
    expect(alone.result.threads).toBe(0);
    expect(alone.result.shards.length).toBeGreaterThan(1);
    expect(alone.rejects).toEqual([`${records.length + 1} UNKNOWN_CHANNEL`]);
    for (const threads of [1, 2]) {
      const threaded = await build(records, { threads, scopes: ES_RULES.scopes });
      expect(threaded.result.threads).toBe(threads);
      expect(threaded.sha256).toEqual(alone.sha256);
      expect(threaded.result.counts).toEqual(alone.result.counts);
      expect(threaded.rejects).toEqual(alone.rejects);
    }
    // Every scope digest the keying layer enters is in its shard; entries count them, distinct.
    const filters = alone.result.shards.map((shard) => parseFilter(shard.read()).filter);
    const bits = alone.result.shardPrefixBits;
    const hasher = createKeyedHasher(KEY);
    let entered = 0;
    for (const record of records.slice(0, -1)) {
      const labels = labelsOfRow(ES_RULES.scopes, record);
      if (!labels.ok) throw new Error('a fixture row was refused');
      enterRegistration({ hasher, scopes: ES_RULES.scopes }, [record.phone!], labels.labels, (_p, digest) => {
        entered++;
        expect(filters[shardOf(digest, bits)]!.has(digest)).toBe(true);
      });
    }
    expect(entered).toBeGreaterThan(records.length);
    expect(alone.result.counts.entries + alone.result.counts.duplicates).toBe(entered);
  });

  it('a partitioned register uses no thread, whatever it is given, and builds the same bytes', async () => {
    const numbers = nanpNumbers(['212', '646', '718', '917'], 100);
    // Ten numbers registered twice: entries count distinct keys exactly.
    const records: InputRecord[] = [...numbers, ...numbers.slice(95, 105)].map((phone, i) => ({
      line: i + 2,
      phone,
    }));
    const alone = await build(records, { threads: 0, partition: US_RULES.partition });
    const asked = await build(records, { threads: 2, partition: US_RULES.partition });
    expect(asked.result.threads).toBe(0);
    expect(asked.result.partitions?.map((group) => group.partition)).toEqual(['212', '646', '718', '917']);
    expect(asked.sha256).toEqual(alone.sha256);
    expect(asked.result.counts).toEqual(alone.result.counts);
    expect(alone.result.counts.entries).toBe(numbers.length);
    expect(alone.result.counts.duplicates).toBe(10);
    expect(alone.result.shards.reduce((sum, shard) => sum + shard.entries, 0)).toBe(numbers.length);
  });
});
