/**
 * The privacy suite: what it costs to rebuild the list from an open-mode filter. An attacker holding
 * the filter and its published key walks the French numbering plan (+33 followed by 9 digits, first
 * digit 1-9: 9×10^8 numbers), computing HMAC-SHA-256 (in JavaScript) and one filter lookup for each.
 * The measured rate projects the whole walk, quoted in docs/PRIVACY.md. A full run (not --quick) also
 * records the rate in src/core/privacy/enumeration-benchmark.json, the figure `build --mode open` warns with and
 * the status page of an open-mode epoch quotes.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { buildFilters } from '../src/builder/build-filters.ts';
import { createKeyedHasher } from '../src/core/digest/keyed-hash.ts';
import { createShortHmacSha256 } from '../src/core/digest/short-hmac.ts';
import { parseFilter } from '../src/core/filter/format.ts';
import { FilterSet } from '../src/core/filter/shard-set.ts';
import { writeJson } from './support/report.ts';
import { type BenchSuite, checkTarget } from './support/suite.ts';

const FRENCH_PLAN = 9e8;
const REGISTERED = 200_000;
const RECORD = new URL('../src/core/privacy/enumeration-benchmark.json', import.meta.url).pathname;

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
    const planMinutesOneCore = FRENCH_PLAN / rate / 60;
    // A quick run walks too little to be quoted; an incomplete walk would be a broken benchmark.
    const recorded = !options.quick && found >= expectedFound;
    if (recorded) {
      writeJson(RECORD, {
        generatedBy: 'npm run bench -- --suite enumeration (bench/enumeration.bench.ts); do not edit by hand',
        measuredAt: new Date().toISOString().slice(0, 10),
        walkRatePerCore: Math.round(rate),
        planNumbers: FRENCH_PLAN,
        planName: 'the French numbering plan',
        machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`,
      });
    }
    return {
      measurements: [
        { metric: 'walk rate, HMAC + lookup, one core (numbers/s)', value: Math.round(rate) },
        { metric: 'registered numbers recovered in the walked range', value: `${found} of ${expectedFound}` },
        {
          metric: 'whole French plan (9e8 numbers), one core (minutes)',
          value: Number(planMinutesOneCore.toFixed(1)),
          projected: true,
        },
        {
          metric: 'whole French plan, this 2-core machine (minutes)',
          value: Number((planMinutesOneCore / 2).toFixed(1)),
          projected: true,
        },
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
          ? 'rate recorded in src/core/privacy/enumeration-benchmark.json (quoted by `build --mode open` and the status page)'
          : 'rate not recorded (a --quick run): src/core/privacy/enumeration-benchmark.json keeps the last full run',
      ],
    };
  },
};
