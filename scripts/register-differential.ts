/**
 * The differential check of docs/NUMBERS.md: for every register profile, valid numbers of its plan
 * (scripts/register-numbers.ts, checked by Google's libphonenumber), half of them registered in E.164
 * through the real builder, then every spelling of every number checked through the one membership
 * path (core/membership.ts: the classifier scrub and the page use, and checkNumbers, which the API and
 * `check` use). A registered number answered "not listed" is a false negative; an unregistered one
 * answered "listed" a false positive. Counts only: no number is ever printed.
 *
 *   node scripts/register-differential.ts [numbers per profile, default 1500]
 */
import { buildFilters } from '../src/builder/build-filters.ts';
import type { InputRecord } from '../src/builder/input/record.ts';
import { createKeyedHasher } from '../src/core/digest/keyed-hash.ts';
import { parseFilter } from '../src/core/filter/format.ts';
import { FilterSet } from '../src/core/filter/shard-set.ts';
import { checkNumbers, createNumberClassifier, type EpochMembership } from '../src/core/membership.ts';
import { readPhone } from '../src/core/phone/normalize.ts';
import { planOfRegion } from '../src/core/phone/numbering-plan.ts';
import {
  REGISTER_PROFILES,
  type RegisterProfile,
  registerNumbers,
  registerSpellings,
} from './register-numbers.ts';

export interface SpellingCounts {
  /** Checks of registered numbers, and how they were answered. */
  registered: number;
  falseNegatives: number;
  registeredInvalid: number;
  /** Checks of numbers nobody registered. */
  free: number;
  falsePositives: number;
  freeInvalid: number;
  /** Checks whose value had several readings (each looked up). */
  ambiguous: number;
}

export interface ProfileOutcome {
  profile: string;
  numbers: number;
  bySpelling: Map<string, SpellingCounts>;
  /** checkNumbers (API, `check`) and the classifier (scrub, page) disagreed on this many values. */
  pathDisagreements: number;
}

async function* rowsOf(values: string[]): AsyncGenerator<InputRecord[]> {
  yield values.map((phone, i) => ({ line: i + 1, phone }));
}

const KEY = new Uint8Array(32).map((_, i) => i * 7 + 1);

export async function runProfile(
  profile: RegisterProfile,
  count: number,
  seed = 19,
): Promise<ProfileOutcome> {
  const numbers = registerNumbers(profile, count, seed);
  const registered = numbers.filter((_, i) => i % 2 === 0);
  const hasher = createKeyedHasher(KEY);
  const built = await buildFilters(rowsOf(registered.map((number) => number.e164)), {
    region: profile.region as never,
    hasher,
    falsePositiveRate: 1e-9,
  });
  const filters = new FilterSet(
    built.shardPrefixBits,
    built.shards.map((shard) => parseFilter(shard.read()).filter),
  );
  const membership: EpochMembership = {
    manifest: { filter: { shardPrefixBits: built.shardPrefixBits } } as never,
    region: profile.region as never,
    plan: planOfRegion(profile.region as never),
    hasher,
    scope: null,
    labels: null,
    partitionRule: null,
    partitions: undefined,
  };
  const classify = createNumberClassifier(membership, filters);
  const bySpelling = new Map<string, SpellingCounts>();
  const values: string[] = [];
  const verdicts: string[] = [];
  numbers.forEach((number, i) => {
    const isRegistered = i % 2 === 0;
    for (const [name, raw] of Object.entries(registerSpellings(profile, number))) {
      const counts =
        bySpelling.get(name) ??
        ({
          registered: 0,
          falseNegatives: 0,
          registeredInvalid: 0,
          free: 0,
          falsePositives: 0,
          freeInvalid: 0,
          ambiguous: 0,
        } satisfies SpellingCounts);
      bySpelling.set(name, counts);
      const verdict = classify(raw);
      const read = readPhone(raw, profile.region as never);
      if (read.ok && read.readings.length > 1) counts.ambiguous++;
      const invalid = verdict !== 'listed' && verdict !== 'not_listed';
      if (isRegistered) {
        counts.registered++;
        if (verdict === 'not_listed') counts.falseNegatives++;
        if (invalid) counts.registeredInvalid++;
      } else {
        counts.free++;
        if (verdict === 'listed') counts.falsePositives++;
        if (invalid) counts.freeInvalid++;
      }
      values.push(raw);
      verdicts.push(invalid ? 'invalid' : verdict);
    }
  });
  const shards = built.shards.map((shard) => parseFilter(shard.read()).filter);
  const results = await checkNumbers(membership, values, async (index) => shards[index]!);
  const pathDisagreements = results.filter((result, i) => result.status !== verdicts[i]).length;
  return { profile: profile.id, numbers: numbers.length, bySpelling, pathDisagreements };
}

function total(outcome: ProfileOutcome): SpellingCounts {
  const sum: SpellingCounts = {
    registered: 0,
    falseNegatives: 0,
    registeredInvalid: 0,
    free: 0,
    falsePositives: 0,
    freeInvalid: 0,
    ambiguous: 0,
  };
  for (const counts of outcome.bySpelling.values())
    for (const key of Object.keys(sum) as (keyof SpellingCounts)[]) sum[key] += counts[key];
  return sum;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1500);
  const lines = [
    '| register | numbers | spellings | checks of registered | not listed | invalid | checks of others | listed | ambiguous values |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const profile of REGISTER_PROFILES) {
    const outcome = await runProfile(profile, count);
    const sum = total(outcome);
    lines.push(
      `| ${profile.id} | ${outcome.numbers} | ${outcome.bySpelling.size} | ${sum.registered} | ${sum.falseNegatives} | ${sum.registeredInvalid} | ${sum.free} | ${sum.falsePositives} | ${sum.ambiguous} |`,
    );
    const invalidKinds = [...outcome.bySpelling].filter(([, counts]) => counts.registeredInvalid > 0);
    for (const [name, counts] of invalidKinds)
      process.stderr.write(
        `${profile.id} ${name}: ${counts.registeredInvalid} registered answered invalid\n`,
      );
    if (outcome.pathDisagreements > 0)
      process.stderr.write(
        `${profile.id}: ${outcome.pathDisagreements} values answered differently by checkNumbers\n`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (import.meta.main) await main();
