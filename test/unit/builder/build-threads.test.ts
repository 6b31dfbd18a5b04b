/**
 * Threads change where the work runs, never what is built: the same input and key give the same shard
 * bytes, counts, reports (in line order) and date examples with no worker thread, one, or two, through
 * the native or the JavaScript HMAC, and through a generic hasher (oprf mode's path: pass 1 in the
 * build's thread, pass 2 on threads). A French register whose values have several readings (a "+" or a
 * 0 lost) gives what the keying function (registration-keys.ts) says, counted exactly, on threads too.
 * A live list's folded additions enter the same spill: the same bytes on threads too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyntheticNanpNumbers } from '../../../bench/support/nanp-numbers.ts';
import { REGISTER_PROFILES, registerNumbers, registerSpellings } from '../../../scripts/register-numbers.ts';
import { type BuildOptions, buildFilters } from '../../../src/builder/build-filters.ts';
import type { InputRecord } from '../../../src/builder/input/record.ts';
import { registrationKeys } from '../../../src/builder/registration-keys.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { FilterSet } from '../../../src/core/filter/shard-set.ts';
import { jurisdictionOf, planOfRegion } from '../../../src/core/phone/numbering-plan.ts';
import { createNodeHasher } from '../../helpers/node-hasher.ts';

const KEY = new Uint8Array(randomBytes(32));
const ROWS = 60_000;

/** NANP numbers with rejects, repeats, expired, unreadable and missing dates spread through the input. */
function rows(): InputRecord[] {
  const numbers = new SyntheticNanpNumbers(11);
  return Array.from({ length: ROWS }, (_, i): InputRecord => {
    const line = i + 2;
    if (i % 997 === 5) return { line, phone: 'not a number', registeredOn: '2024-01-01' };
    if (i % 1499 === 7) return { line, phone: '+442079460000', registeredOn: '2024-01-01' };
    const phone = numbers.e164(i % 1009 === 3 ? i - 3 : i);
    const registeredOn =
      i % 211 === 0 ? '2001-01-01' : i % 3001 === 1 ? 'yesterday' : i % 401 === 2 ? '' : '2024-05-06';
    return { line, phone, registeredOn };
  });
}

async function* batches(records: InputRecord[]): AsyncGenerator<InputRecord[]> {
  for (let i = 0; i < records.length; i += 4_000) yield records.slice(i, i + 4_000);
}

async function build(options: Partial<BuildOptions>, input: InputRecord[] = rows()) {
  const rejects: string[] = [];
  const result = await buildFilters(batches(input), {
    region: 'US',
    jurisdiction: jurisdictionOf('US'),
    falsePositiveRate: 1e-6,
    validity: { years: 5, referenceDate: '2025-01-01' },
    onReject: (reject) => rejects.push(`${reject.line} ${reject.code} ${reject.kept}`),
    threadsFromRows: 4_000,
    ...(options.hasher ? {} : { hmacKey: KEY }),
    ...options,
  } as BuildOptions);
  const sha256 = result.shards.map((shard) => createHash('sha256').update(shard.read()).digest('hex'));
  return { result, rejects, sha256 };
}

describe('buildFilters on worker threads', () => {
  it("folds a live list's additions the same with 0 or 1 thread, each listed, a repeated one counted once", async () => {
    // Additions as the builder folds them (fold-additions.ts): digests of their own beside the export's,
    // one of them twice (an entry whose readings repeat another's).
    const export_ = rows().slice(0, 12_000);
    const fresh = Array.from({ length: 300 }, () => new Uint8Array(randomBytes(32)));
    const extraDigests = [...fresh, fresh[0]!];
    const alone = await build({ threads: 0, extraDigests, shardMaxBytes: 16 * 1024 }, export_);
    const threaded = await build({ threads: 1, extraDigests, shardMaxBytes: 16 * 1024 }, export_);
    expect(threaded.result.threads).toBe(1);
    expect(threaded.sha256).toEqual(alone.sha256);
    expect(threaded.result.counts).toEqual(alone.result.counts);
    expect(alone.result.counts.additions).toBe(extraDigests.length);
    const plain = await build({ threads: 0, shardMaxBytes: 16 * 1024 }, export_);
    expect(alone.result.counts.entries).toBe(plain.result.counts.entries + fresh.length);
    expect(alone.result.counts.duplicates).toBe(plain.result.counts.duplicates + 1);
    const filters = new FilterSet(
      alone.result.shardPrefixBits,
      alone.result.shards.map((shard) => parseFilter(shard.read()).filter),
    );
    for (const digest of extraDigests) expect(filters.has(digest)).toBe(true);
  });

  it.each([
    ['shards wider than the spill buckets', 16 * 1024],
    ['shards narrower than the spill buckets (more than 256)', 5_000],
  ])('builds the same bytes with 0, 1 or 2 threads: %s', async (_, shardMaxBytes) => {
    const alone = await build({ threads: 0, shardMaxBytes });
    expect(alone.result.threads).toBe(0);
    expect(alone.result.counts.rows).toBe(ROWS);
    expect(alone.result.counts.duplicates).toBeGreaterThan(40);
    expect(alone.result.counts.expired).toBeGreaterThan(200);
    expect(alone.result.counts.unreadableDates).toBeGreaterThan(10);
    const lines = alone.rejects.map((reject) => Number(reject.split(' ')[0]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    for (const threads of [1, 2]) {
      const threaded = await build({ threads, shardMaxBytes });
      expect(threaded.result.threads).toBe(threads);
      expect(threaded.sha256).toEqual(alone.sha256);
      expect(threaded.result.counts).toEqual(alone.result.counts);
      expect(threaded.rejects).toEqual(alone.rejects);
      expect(threaded.result.dateExamples).toEqual(alone.result.dateExamples);
      expect(threaded.result.shardPrefixBits).toBe(alone.result.shardPrefixBits);
    }
    expect(alone.result.shardPrefixBits).toBe(shardMaxBytes === 5_000 ? 9 : 6);
  });

  it('builds the same bytes through the JavaScript HMAC and through a generic hasher', async () => {
    const native = await build({ threads: 1 });
    const javascript = await build({ threads: 1, nativeHash: false });
    expect(javascript.result.hashBackend).toBe('javascript');
    expect(javascript.sha256).toEqual(native.sha256);
    const generic = await build({ threads: 1, hasher: createNodeHasher(KEY) });
    expect(generic.result.threads).toBe(1); // pass 2 only
    expect(generic.sha256).toEqual(native.sha256);
    expect(generic.result.counts).toEqual(native.result.counts);
  });

  it('enters every reading of a French register, counted as the keying function says, on threads too', async () => {
    const france = REGISTER_PROFILES.find((profile) => profile.id === 'FR')!;
    // Every spelling of each number, the "+" lost and the 0 lost among them (values with two readings).
    const values = registerNumbers(france, 700, 23).flatMap((number) =>
      Object.values(registerSpellings(france, number)),
    );
    const input = values.map((phone, i): InputRecord => ({ line: i + 2, phone }));
    const plan = planOfRegion('FR');
    const jurisdiction = jurisdictionOf('FR');
    const expected = { accepted: 0, ambiguous: 0, extraReadings: 0 };
    const keys = new Set<string>();
    for (const value of values) {
      const registration = registrationKeys(value, plan, jurisdiction);
      if (!registration.ok) continue;
      expected.accepted++;
      if (registration.keys.length > 1) expected.ambiguous++;
      expected.extraReadings += registration.keys.length - 1;
      for (const key of registration.keys) keys.add(key);
    }
    expect(expected.ambiguous).toBeGreaterThan(30);
    const options = { region: 'FR', jurisdiction, validity: undefined, shardMaxBytes: 4_096 } as const;
    const alone = await build({ ...options, threads: 0 }, input);
    expect(alone.result.counts).toMatchObject({
      rows: values.length,
      ...expected,
      entries: keys.size,
      duplicates: expected.accepted + expected.extraReadings - keys.size,
    });
    const threaded = await build({ ...options, threads: 2 }, input);
    expect(threaded.result.threads).toBe(2);
    expect(threaded.sha256).toEqual(alone.sha256);
    expect(threaded.result.counts).toEqual(alone.result.counts);
    expect(threaded.rejects).toEqual(alone.rejects);
    const hasher = createNodeHasher(KEY);
    const set = new FilterSet(
      threaded.result.shardPrefixBits,
      threaded.result.shards.map((shard) => parseFilter(shard.read()).filter),
    );
    expect([...keys].filter((key) => !set.has(hasher.digest(key)))).toEqual([]);
  });
});
