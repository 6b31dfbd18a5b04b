/**
 * The builder suite: registry file → readRegistry → buildFilters, at each size, from canonical text and
 * from a national-format CSV; then the side-by-side comparison round (bare HMAC loop, ours, the npm
 * `bloom-filters`) at the smallest size (at most 1M). Every build and every comparison round runs in
 * its own child process; canonical builds and comparison rounds are interleaved and repeated (best of 3)
 * up to 2M entries. bench/support/builder-summary.ts turns the outcomes into the table and the target checks.
 */
import type { BuildOutcome, BuildTask } from './children/build-child.ts';
import { runInChild } from './children/child-process.ts';
import type { PeersOutcome, PeersTask } from './children/peers-child.ts';
import { type BuilderRun, summarizeBuilder } from './support/builder-summary.ts';
import { writeCanonicalInput, writeNationalCsv } from './support/input-files.ts';
import { formatSize } from './support/report.ts';
import type { BenchOptions, BenchSuite } from './support/suite.ts';
import { SyntheticNumbers } from './support/synthetic-numbers.ts';

export const FALSE_POSITIVE_RATE = 1e-6;
export const PEER_LOOKUPS = 250_000;
const REPEAT_UP_TO = 2e6;
const BUILD_CHILD = new URL('./children/build-child.ts', import.meta.url);
const PEERS_CHILD = new URL('./children/peers-child.ts', import.meta.url);

export const builderSuite: BenchSuite = {
  name: 'builder',
  description: 'registry file → readRegistry → buildFilters: throughput, RSS, bits/entry, ε, peers',
  async run(options, log) {
    const sizes = [...(options.sizes ?? (options.quick ? [200_000] : [1e6, 1e7]))].sort((a, b) => a - b);
    const peerSize = Math.min(sizes[0]!, 1e6);
    const numbers = new SyntheticNumbers(options.seed);
    const runs: BuilderRun[] = [];
    for (const size of sizes) {
      const label = formatSize(size);
      log(`builder ${label}: writing the inputs (canonical text, national-format CSV)`);
      const canonicalPath = writeCanonicalInput(options.tempDirectory, numbers, size);
      const nationalPath = writeNationalCsv(options.tempDirectory, numbers, size);
      const rounds = options.quick || size > REPEAT_UP_TO ? 1 : 3;
      const run: BuilderRun = { size, canonical: [], national: [], peers: [] };
      for (let round = 1; round <= rounds; round++) {
        const step = `builder ${label} round ${round}/${rounds}`;
        if (size === peerSize) {
          log(`${step}: bare HMAC loop, ours, bloom-filters`);
          run.peers.push(await runInChild<PeersTask, PeersOutcome>(PEERS_CHILD, peersTask(size, options)));
        }
        log(`${step}: build from canonical text${round === 1 ? ', then probe the filters' : ''}`);
        run.canonical.push(await runBuild(buildTask(canonicalPath, size, options, round === 1)));
        if (round === 1) {
          log(`${step}: build from national-format CSV`);
          run.national.push(await runBuild(buildTask(nationalPath, size, options, false)));
        }
      }
      runs.push(run);
    }
    return summarizeBuilder(runs);
  },
};

function runBuild(task: BuildTask): Promise<BuildOutcome> {
  return runInChild<BuildTask, BuildOutcome>(BUILD_CHILD, task);
}

function buildTask(inputPath: string, size: number, options: BenchOptions, probe: boolean): BuildTask {
  return {
    inputPath,
    size,
    seed: options.seed,
    falsePositiveRate: FALSE_POSITIVE_RATE,
    tempDirectory: options.tempDirectory,
    probe,
    memberSamples: 100_000,
    nonMemberQueries: options.quick ? 200_000 : 1_000_000,
    randomDigestQueries: options.quick ? 2_000_000 : 20_000_000,
  };
}

function peersTask(size: number, options: BenchOptions): PeersTask {
  return { size, seed: options.seed, falsePositiveRate: FALSE_POSITIVE_RATE, peerLookups: PEER_LOOKUPS };
}
