/**
 * The privacy suite: what it costs to rebuild the list from an open-mode filter. An attacker holding
 * the filter and its published key walks a register's numbering plan, computing HMAC-SHA-256 and one
 * filter lookup for each valid number. The suite measures the walk rate with the fastest keyed hash at
 * hand (the native batch HMAC through OpenSSL's SHA extensions, src/builder/hashing/, when its addon is
 * built; the JavaScript HMAC otherwise, and beside it in the report), in CPU time of the walking thread
 * (what one core does, however loaded the machine), on French mobile numbers: the cost per number hardly
 * depends on the plan. It also estimates the size of the plan of every built-in register
 * (support/plan-size.ts: valid numbers per the full metadata), and projects each walk, quoted in
 * docs/PRIVACY.md. A full run (not --quick) records both in src/core/privacy/enumeration-benchmark.json,
 * the figures `build --mode open` warns with and the status page of an open-mode epoch quotes, each for
 * its own plan.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { buildFilters } from '../src/builder/build-filters.ts';
import {
  createBatchHmac,
  DIGEST_BYTES,
  nativeHmacUnavailableReason,
} from '../src/builder/hashing/batch-hmac.ts';
import { createKeyedHasher } from '../src/core/digest/keyed-hash.ts';
import { createShortHmacSha256 } from '../src/core/digest/short-hmac.ts';
import { parseFilter } from '../src/core/filter/format.ts';
import { FilterSet } from '../src/core/filter/shard-set.ts';
import { BUILTIN_PROFILES } from '../src/core/registers/builtin-profiles.ts';
import { estimatePlanSize } from './support/plan-size.ts';
import { planWalkTable, TABLE_END, TABLE_START } from './support/plan-walk-table.ts';
import { writeJson } from './support/report.ts';
import { type BenchSuite, checkTarget } from './support/suite.ts';

/** The plans measured: every built-in register's, and those of a few countries with objection lists only. */
const PLAN_NAMES: Readonly<Record<string, string>> = {
  FR: 'the French plan (+33 with its overseas codes)',
  US: 'the US part of the North American plan (+1)',
  CA: 'the Canadian part of the North American plan (+1)',
  GB: 'the UK plan (+44)',
  ES: 'the Spanish plan (+34)',
  IT: 'the Italian plan (+39 with San Marino)',
  BE: 'the Belgian plan (+32)',
  AU: 'the Australian plan (+61)',
  DE: 'the German plan (+49)',
  NL: 'the Dutch plan (+31)',
};
const REGISTERED = 200_000;
const RECORD = new URL('../src/core/privacy/enumeration-benchmark.json', import.meta.url).pathname;
const PRIVACY_PAGE = new URL('../docs/PRIVACY.md', import.meta.url).pathname;

export const enumerationSuite: BenchSuite = {
  name: 'enumeration',
  description: 'open mode: cost of walking the French numbering plan against a leaked filter',
  async run(options, log) {
    const key = randomBytes(32);
    const hasher = createKeyedHasher(key);
    // Registered numbers scattered over the mobile range; the walk below covers part of it.
    const registered = Array.from(
      { length: REGISTERED },
      (_, i) => `+336${String((i * 7919) % 1e8).padStart(8, '0')}`,
    );
    async function* rows() {
      yield registered.map((phone, i) => ({ line: i + 1, phone }));
    }
    const built = await buildFilters(rows(), { region: 'FR', hasher, falsePositiveRate: 1e-6 });
    const set = new FilterSet(
      built.shardPrefixBits,
      built.shards.map((shard) => parseFilter(shard.read()).filter),
    );
    const walk = options.quick ? 300_000 : 3_000_000;
    const numberAt = (i: number) => `+336${String(i).padStart(8, '0')}`;
    const loadBefore = loadavg();
    log(`enumeration: walking ${walk.toLocaleString('en')} consecutive numbers of +336…, JavaScript HMAC`);
    const digest = createShortHmacSha256(key);
    const javascript = walkTimed(walk, (i) => set.has(digest(numberAt(i))));
    // The attacker's fastest hash here: batches through OpenSSL (SHA extensions), then one lookup each.
    const nativeMissing = nativeHmacUnavailableReason();
    let native: Walk | undefined;
    if (nativeMissing === undefined) {
      log(`enumeration: walking them again, native batch HMAC`);
      native = walkNative(walk, key, set, numberAt);
    }
    const loadAfter = loadavg();
    const fastest = native ?? javascript;
    const rate = fastest.perCpuSecond;
    const hash = native
      ? 'HMAC-SHA-256 in native batches through OpenSSL (SHA extensions)'
      : 'HMAC-SHA-256 in JavaScript (the native addon is not built here)';
    const found = fastest.found;
    const expectedFound = registered.filter((number) => Number(number.slice(4)) < walk).length;
    const regions = [
      ...new Set([...BUILTIN_PROFILES.map((profile) => profile.region), ...Object.keys(PLAN_NAMES)]),
    ];
    const samples = options.quick ? 5_000 : 100_000;
    log(
      `enumeration: estimating the size of ${regions.length} plans (${samples.toLocaleString('en')} draws per length)`,
    );
    const plans = Object.fromEntries(
      regions.map((region) => {
        const size = estimatePlanSize(region, samples);
        return [
          region,
          {
            name: PLAN_NAMES[region] ?? `the numbering plan of ${region}`,
            numbers: Number(size.numbers.toPrecision(3)),
            relativeError: Number(size.relativeError.toFixed(3)),
            mobiles: Number(size.mobiles.toPrecision(3)),
            mobileRelativeError: Number(size.mobileRelativeError.toFixed(3)),
          },
        ];
      }),
    );
    // A quick run walks and samples too little to be quoted; an incomplete walk would be a broken benchmark.
    const recorded =
      !options.quick &&
      javascript.found >= expectedFound &&
      (native?.found ?? expectedFound) >= expectedFound;
    if (recorded) {
      const record = {
        generatedBy: 'npm run bench -- --suite enumeration (bench/enumeration.bench.ts); do not edit by hand',
        measuredAt: new Date().toISOString().slice(0, 10),
        walkRatePerCore: Math.round(rate),
        walkHash: hash,
        javascriptWalkRatePerCore: Math.round(javascript.perCpuSecond),
        loadAverage: `${loadBefore[0]!.toFixed(1)} → ${loadAfter[0]!.toFixed(1)}`,
        machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
        plans,
      };
      writeJson(RECORD, record);
      rewritePrivacyTable(planWalkTable(record));
    }
    return {
      measurements: [
        { metric: 'walk rate, fastest HMAC + lookup (numbers per CPU-s)', value: Math.round(rate) },
        { metric: 'walk hash', value: native ? 'native batch (OpenSSL)' : 'JavaScript' },
        {
          metric: 'walk rate, native batch HMAC + lookup (numbers per CPU-s)',
          value: native ? Math.round(native.perCpuSecond) : `not built: ${nativeMissing}`,
        },
        {
          metric: 'walk rate, JavaScript HMAC + lookup (numbers per CPU-s)',
          value: Math.round(javascript.perCpuSecond),
        },
        {
          metric: 'walk rate, fastest, wall clock (numbers/s)',
          value: Math.round(walk / fastest.wallSeconds),
        },
        {
          metric: 'load average before → after (1 min)',
          value: `${loadBefore[0]!.toFixed(2)} → ${loadAfter[0]!.toFixed(2)}`,
        },
        { metric: 'registered numbers recovered in the walked range', value: `${found} of ${expectedFound}` },
        ...Object.entries(plans).flatMap(([region, plan]) => [
          {
            metric: `${region}: ${plan.name}, its ${plan.mobiles.toExponential(2)} mobile numbers (±${(plan.mobileRelativeError * 100).toFixed(1)}%), one core (minutes)`,
            value: Number((plan.mobiles / rate / 60).toFixed(1)),
            projected: true,
          },
          {
            metric: `${region}: all ${plan.numbers.toExponential(2)} valid numbers (±${(plan.relativeError * 100).toFixed(1)}%), one core (minutes)`,
            value: Number((plan.numbers / rate / 60).toFixed(1)),
            projected: true,
          },
        ]),
      ],
      targets: [
        checkTarget(
          'every registered number in the walked range recovered',
          found >= expectedFound ? 1 : 0,
          '>=',
          1,
          'bool',
        ),
      ],
      notes: [
        'open mode publishes the hash key: this is the cost of rebuilding the list from a leaked or downloaded filter.',
        `the recorded rate is the fastest hash at hand (${hash}), per CPU-second of the walking thread: a loaded machine stretches the wall clock, not the attacker's cost per core.`,
        'oprf mode: the same walk needs one metered server evaluation per number (see the oprf suite).',
        recorded
          ? 'rate and plans recorded in src/core/privacy/enumeration-benchmark.json (quoted by `build --mode open` and the status page) and docs/PRIVACY.md rewritten'
          : 'not recorded (a --quick run): src/core/privacy/enumeration-benchmark.json keeps the last full run',
      ],
    };
  },
};

/** docs/PRIVACY.md's table of plan walks follows the new record (test/unit/docs/privacy-figures.test.ts checks it). */
function rewritePrivacyTable(table: string): void {
  const page = readFileSync(PRIVACY_PAGE, 'utf8');
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < 0)
    throw new Error(`docs/PRIVACY.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
  writeFileSync(PRIVACY_PAGE, page.slice(0, start) + table + page.slice(end + TABLE_END.length));
}

interface Walk {
  found: number;
  perCpuSecond: number;
  wallSeconds: number;
}

/** Runs `test` on 0..walk-1, counting hits, timed in CPU time of this thread and wall time. */
function walkTimed(walk: number, test: (index: number) => boolean): Walk {
  const wall = performance.now();
  const cpu = process.threadCpuUsage();
  let found = 0;
  for (let i = 0; i < walk; i++) if (test(i)) found++;
  const used = process.threadCpuUsage(cpu);
  return {
    found,
    perCpuSecond: walk / ((used.user + used.system) / 1e6),
    wallSeconds: (performance.now() - wall) / 1000,
  };
}

/** The same walk hashed 4,096 numbers at a time by the native addon, then one lookup per digest. */
function walkNative(walk: number, key: Uint8Array, set: FilterSet, numberAt: (i: number) => string): Walk {
  const hmac = createBatchHmac(key, true);
  const batch = 4_096;
  const numbers = new Array<string>(batch);
  const digests = new Uint8Array(batch * DIGEST_BYTES);
  const wall = performance.now();
  const cpu = process.threadCpuUsage();
  let found = 0;
  for (let start = 0; start < walk; start += batch) {
    const count = Math.min(batch, walk - start);
    for (let i = 0; i < count; i++) numbers[i] = numberAt(start + i);
    hmac.digestMany(numbers, count, digests);
    for (let i = 0; i < count; i++) {
      if (set.has(digests.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES))) found++;
    }
  }
  const used = process.threadCpuUsage(cpu);
  return {
    found,
    perCpuSecond: walk / ((used.user + used.system) / 1e6),
    wallSeconds: (performance.now() - wall) / 1000,
  };
}
