/**
 * Child process: one real builder run (openInput → readRegistry → buildFilters with the HMAC key, as
 * the CLI runs it: worker threads and the native keyed hash by default), timed from opening the file
 * to the built shards; CPU time of every thread and of the main thread; peak RSS read right after it
 * (the process's, which its threads share). Then, outside the timed part, it reloads every shard
 * through parseFilter and probes the filter set with members (no false negatives allowed), non-member
 * numbers, and random digests (the false-positive rate).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { type BuildCounts, buildFilters } from '../../src/builder/build-filters.ts';
import { readRegistry } from '../../src/builder/input/read-registry.ts';
import { formatFromName } from '../../src/builder/input/record.ts';
import { openInput } from '../../src/builder/input/source.ts';
import { DiskStash } from '../../src/builder/shard-stash.ts';
import { createKeyedHasher } from '../../src/core/digest/keyed-hash.ts';
import { parseFilter } from '../../src/core/filter/format.ts';
import { FilterSet } from '../../src/core/filter/shard-set.ts';
import { expectedFalsePositiveRate } from '../../src/core/filter/sizing.ts';
import { readPhone } from '../../src/core/phone/normalize.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { mulberry32, SyntheticNumbers } from '../support/synthetic-numbers.ts';
import { type Timing, timeOf, timeOfAsync } from '../support/timing.ts';
import { serveChild } from './child-process.ts';

export interface BuildTask {
  inputPath: string;
  /** Members in the input: indexes 0..size-1 of SyntheticNumbers(seed). */
  size: number;
  seed: number;
  falsePositiveRate: number;
  tempDirectory: string;
  /** Whether to probe the built filters (members, non-members, random digests) after the build. */
  probe: boolean;
  memberSamples: number;
  nonMemberQueries: number;
  randomDigestQueries: number;
}

export interface ProbeCount {
  queries: number;
  hits: number;
}

export interface BuildOutcome {
  /** Wall time, and CPU time of every thread of the process (the build's worker threads included). */
  build: Timing;
  mainThreadCpuSeconds: number;
  threads: number;
  hashBackend: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  counts: BuildCounts;
  shards: number;
  hashCount: number;
  bitCount: number;
  filterBytes: number;
  filterSha256: string;
  maxRssBytes: number;
  /** The theoretical rate of these exact shards: (1 - e^(-kn/m))^k averaged over shards. */
  expectedFalsePositiveRate: number;
  probes?: {
    members: ProbeCount;
    nonMembers: ProbeCount & Timing;
    randomDigests: ProbeCount;
  };
}

async function runBuild(task: BuildTask): Promise<BuildOutcome> {
  // As a publishing build keeps them (run-build.ts): on disk, not the whole filter in memory.
  const stash = new DiskStash(task.tempDirectory);
  try {
    return await buildAndProbe(task, stash);
  } finally {
    stash.dispose();
  }
}

async function buildAndProbe(task: BuildTask, stash: DiskStash): Promise<BuildOutcome> {
  const hasher = createKeyedHasher(BENCH_HASH_KEY);
  const input = { format: formatFromName(task.inputPath) };
  const options = {
    region: 'FR' as const,
    hmacKey: BENCH_HASH_KEY,
    falsePositiveRate: task.falsePositiveRate,
    tempDirectory: task.tempDirectory,
    stash,
  };
  const loadAverageBefore = loadavg();
  const cpu = process.cpuUsage();
  const { value: result, ...timing } = await timeOfAsync(() =>
    buildFilters(readRegistry(openInput(task.inputPath), input, 'FR'), options),
  );
  const used = process.cpuUsage(cpu);
  const build = { wallSeconds: timing.wallSeconds, cpuSeconds: (used.user + used.system) / 1e6 };
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const sha = createHash('sha256');
  for (const shard of result.shards) sha.update(shard.read());
  const outcome: BuildOutcome = {
    build,
    mainThreadCpuSeconds: timing.cpuSeconds,
    threads: result.threads,
    hashBackend: result.hashBackend ?? 'none',
    loadAverageBefore,
    loadAverageAfter: loadavg(),
    counts: result.counts,
    shards: result.shards.length,
    hashCount: result.shards[0]?.hashCount ?? 0,
    bitCount: sum(result.shards.map((shard) => shard.bitCount)),
    filterBytes: sum(result.shards.map((shard) => shard.bytes)),
    filterSha256: sha.digest('hex'),
    maxRssBytes,
    expectedFalsePositiveRate:
      sum(result.shards.map((shard) => expectedFalsePositiveRate(shard.entries, shard))) /
      result.shards.length,
  };
  if (!task.probe) return outcome;

  // Reloaded through the format parser (checksums included), as a client would.
  const set = new FilterSet(
    result.shardPrefixBits,
    result.shards.map((shard) => parseFilter(shard.read()).filter),
  );
  const numbers = new SyntheticNumbers(task.seed);
  const members = { queries: 0, hits: 0 };
  const stride = Math.max(1, Math.floor(task.size / task.memberSamples));
  for (let i = 0; i < task.size; i += stride) {
    members.queries++;
    if (set.has(hasher.digest(keyOf(numbers.e164(i))))) members.hits++;
  }
  let nonMemberHits = 0;
  const nonMemberTiming = timeOf(() => {
    for (let i = 0; i < task.nonMemberQueries; i++) {
      if (set.has(hasher.digest(keyOf(numbers.nonMemberE164(i))))) nonMemberHits++;
    }
  });
  outcome.probes = {
    members,
    nonMembers: { queries: task.nonMemberQueries, hits: nonMemberHits, ...nonMemberTiming },
    randomDigests: probeRandomDigests(set, task.randomDigestQueries, task.seed),
  };
  return outcome;
}

/** The key a client computes (normalisation scheme 3: +33 and the national number, overseas ones too). */
function keyOf(e164: string): string {
  const read = readPhone(e164);
  if (!read.ok || read.readings.length !== 1)
    throw new Error('a synthetic number did not read as one number');
  return read.readings[0]!.key;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** HMAC outputs are indistinguishable from random, so random 12-byte digests probe ε cheaply and in bulk. */
function probeRandomDigests(set: FilterSet, queries: number, seed: number): ProbeCount {
  const digest = new Uint8Array(12);
  const words = new Uint32Array(digest.buffer);
  const random = mulberry32(seed ^ 0x5bd1e995);
  let hits = 0;
  for (let q = 0; q < queries; q++) {
    for (let w = 0; w < 3; w++) words[w] = random() * 2 ** 32;
    if (set.has(digest)) hits++;
  }
  return { queries, hits };
}

serveChild(runBuild);
