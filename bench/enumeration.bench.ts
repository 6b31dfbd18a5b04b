/**
 * The privacy suite: what it costs to rebuild the list from an open-mode filter. An attacker holding
 * the filter and its published key walks a register's numbering plan, computing HMAC-SHA-256 (in
 * JavaScript) and one filter lookup for each valid number. The suite measures the walk rate (on French
 * mobile numbers: the cost per number hardly depends on the plan) and the size of the plan of every
 * built-in register (support/plan-size.ts: valid numbers per the full metadata), and projects each
 * walk, quoted in docs/PRIVACY.md. A full run (not --quick) records both in
 * src/core/privacy/enumeration-benchmark.json, the figures `build --mode open` warns with and the
 * status page of an open-mode epoch quotes, each for its own plan.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { buildFilters } from '../src/builder/build-filters.ts';
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
      built.shards.map((shard) => parseFilter(shard.file).filter),
    );
    const walk = options.quick ? 300_000 : 3_000_000;
    log(`enumeration: walking ${walk.toLocaleString('en')} consecutive numbers of +336…`);
    // The attacker uses the fastest HMAC at hand: the same specialised one as the builder.
    const digest = createShortHmacSha256(key);
    let found = 0;
    const started = performance.now();
    for (let i = 0; i < walk; i++) {
      if (set.has(digest(`+336${String(i).padStart(8, '0')}`))) found++;
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = walk / seconds;
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
    const recorded = !options.quick && found >= expectedFound;
    if (recorded) {
      const record = {
        generatedBy: 'npm run bench -- --suite enumeration (bench/enumeration.bench.ts); do not edit by hand',
        measuredAt: new Date().toISOString().slice(0, 10),
        walkRatePerCore: Math.round(rate),
        machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
        plans,
      };
      writeJson(RECORD, record);
      rewritePrivacyTable(planWalkTable(record));
    }
    return {
      measurements: [
        { metric: 'walk rate, HMAC + lookup, one core (numbers/s)', value: Math.round(rate) },
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
