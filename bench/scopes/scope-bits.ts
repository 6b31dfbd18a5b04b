/**
 * Scopes bench, part 1 (docs/FORMAT.md §1.3): what scope labels cost in filter bits. A Spanish-shaped
 * register (robinson-register.ts) built by the real builder with es-robinson's channels and sectors,
 * against the same numbers unscoped: bits per registration, bits per (number, scope) pair it blocks,
 * and what one list per pair would take (28.8 bits each at ε = 1e-6). The false-positive rate of a
 * scoped check (four lookups) measured at ε = 1e-3, the local cost of a scoped check, and the build's
 * CPU time scoped against unscoped (the filter builder alone: reading and publishing are the same).
 */
import { buildFilters } from '../../src/builder/build-filters.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { createKeyedHasher, hashKeyId } from '../../src/core/digest/keyed-hash.ts';
import type { Manifest } from '../../src/core/epoch/manifest.ts';
import { parseFilter } from '../../src/core/filter/format.ts';
import { FilterSet } from '../../src/core/filter/shard-set.ts';
import { optimalBitCount } from '../../src/core/filter/sizing.ts';
import { createNumberClassifier, epochMembership } from '../../src/core/membership.ts';
import { builtinProfile } from '../../src/core/registers/builtin-profiles.ts';
import { registerRulesOf } from '../../src/core/registers/profile.ts';
import type { ScopeQuery } from '../../src/core/scopes/scope-labels.ts';
import type { Measurement, TargetCheck } from '../support/suite.ts';
import { checkTarget } from '../support/suite.ts';
import { collectGarbage, timeOf, timeOfAsync } from '../support/timing.ts';
import { robinsonRegister } from './robinson-register.ts';

const RULES = registerRulesOf(builtinProfile('es-robinson')!);
const SCOPES = RULES.scopes!;
const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

async function* batches(rows: InputRecord[]): AsyncGenerator<InputRecord[]> {
  for (let i = 0; i < rows.length; i += 10_000) yield rows.slice(i, i + 10_000);
}

async function build(rows: InputRecord[], rate: number, scoped: boolean) {
  collectGarbage();
  const { value: built, cpuSeconds } = await timeOfAsync(() =>
    buildFilters(batches(rows), {
      region: 'ES',
      hasher: createKeyedHasher(KEY),
      falsePositiveRate: rate,
      ...(scoped ? { scopes: SCOPES } : {}),
    }),
  );
  const bits = built.shards.reduce((sum, shard) => sum + shard.bitCount, 0);
  return { built, bits, cpuSeconds };
}

/** A membership over built shards, as scrub classifies (open mode, the key published). */
function classifier(built: Awaited<ReturnType<typeof build>>['built'], scope: ScopeQuery | null) {
  const manifest = {
    epoch: '20260101T000000Z',
    mode: 'secret',
    hash: { scheme: 'hmac-sha256', keyId: hashKeyId(KEY) },
    normalization: { library: 'libphonenumber-js', version: '', scheme: 3, defaultRegion: 'ES' },
    filter: { shardPrefixBits: built.shardPrefixBits, falsePositiveRate: 1e-6 },
    ...(scope ? { register: RULES } : {}),
  } as unknown as Manifest;
  const membership = epochMembership(manifest, { hashKey: KEY }, 'ES', scope ? { scope } : {});
  const filters = new FilterSet(
    built.shardPrefixBits,
    built.shards.map((shard) => parseFilter(shard.read()).filter),
  );
  return createNumberClassifier(membership, filters);
}

export async function scopeBits(
  count: number,
  seed: number,
  log: (line: string) => void,
): Promise<{ measurements: Measurement[]; targets: TargetCheck[] }> {
  const measurements: Measurement[] = [];
  const add = (metric: string, value: number) => measurements.push({ metric, size: count, value });
  const register = robinsonRegister(count, SCOPES, seed);
  log(`scopes: building ${count.toLocaleString('en')} registrations, scoped and unscoped`);
  const scoped = await build(register.rows, 1e-6, true);
  const plain = await build(register.rows, 1e-6, false);
  const perPair = scoped.bits / register.blockedPairs;
  add('scope entries per registration', scoped.built.counts.entries / count);
  add('bits per registration, scoped (ε 1e-6)', scoped.bits / count);
  add('bits per registration, unscoped (ε 1e-6)', plain.bits / count);
  add('blocked (number, scope) pairs per registration', register.blockedPairs / count);
  add('bits per (number, scope) pair', perPair);
  add('bits per pair, one list per (channel, sector) pair', optimalBitCount(1, 1e-6));
  // Build time: the scoped build derives and enters each registration's scope digests (core/scopes).
  add('build CPU seconds, unscoped (filters only, ε 1e-6)', plain.cpuSeconds);
  add('build CPU seconds, scoped (filters only, ε 1e-6)', scoped.cpuSeconds);
  add('build CPU time, scoped / unscoped (×)', scoped.cpuSeconds / plain.cpuSeconds);

  // The false-positive rate of a check: four lookups at ε each, measured where it can be (ε = 1e-3).
  const loose = await build(register.rows, 1e-3, true);
  const probes = Math.min(200_000, count);
  const nonMembers = Array.from(
    { length: probes },
    (_, i) => `+34${register.numbers.nonMemberE164(i).slice(3)}`,
  );
  for (const scope of [
    { channel: null, sector: null },
    { channel: 'call', sector: 'energy' },
  ] as ScopeQuery[]) {
    const classify = classifier(loose.built, scope);
    const listed = nonMembers.filter((raw) => classify(raw) === 'listed').length;
    add(
      `false positives per check at ε 1e-3, ${scope.channel ?? 'any'}/${scope.sector ?? 'any'} (×ε)`,
      listed / probes / 1e-3,
    );
  }

  // The local cost of a check (open mode: HMAC, then four scope digests and lookups).
  const members = register.rows.slice(0, probes).map((row) => row.phone!);
  const rate = (scope: ScopeQuery | null, built: typeof scoped.built) => {
    const classify = classifier(built, scope);
    const time = timeOf(() => {
      for (const raw of members) classify(raw);
    });
    return members.length / time.cpuSeconds;
  };
  const unscopedRate = rate(null, plain.built);
  const scopedRate = rate({ channel: 'call', sector: 'energy' }, scoped.built);
  add('local checks per CPU second, unscoped', unscopedRate);
  add('local checks per CPU second, scoped (call/energy)', scopedRate);
  return {
    measurements,
    targets: [
      checkTarget(
        'bits per (number, scope) pair below one list per pair',
        perPair,
        '<=',
        optimalBitCount(1, 1e-6),
      ),
    ],
  };
}
