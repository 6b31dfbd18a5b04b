/**
 * Turns builder-us and builder-fr outcomes into table rows and the targets of issue 23: a 250M register
 * published in under 5 minutes on a 2-core machine, peak RSS at most the filter plus 300 MB, `entries`
 * exactly the distinct numbers, no false negatives, ε as configured.
 */
import type { PublishOutcome } from '../children/builder-publish-child.ts';
import { formatSize } from './report.ts';
import { poissonUpperBound } from './statistics.ts';
import { checkTarget, type Measurement, type SuiteResult, type TargetCheck } from './suite.ts';

export interface PublishRun {
  size: number;
  variant: 'default' | 'no threads' | 'JavaScript HMAC';
  outcome: PublishOutcome;
}

const MB = 1e6;
const TARGET_SIZE = 250e6;
const TARGET_WALL_SECONDS = 300;
const RSS_ALLOWANCE_MB = 300;

export function summarizePublishRuns(runs: PublishRun[], rate: number, input: string): SuiteResult {
  const measurements: Measurement[] = [];
  const targets: TargetCheck[] = [];
  for (const { size, variant, outcome: o } of runs) {
    const add = (metric: string, value: number | string) =>
      measurements.push({ metric: variant === 'default' ? metric : `${metric} [${variant}]`, size, value });
    const label = formatSize(size);
    // On an idle machine each phase takes at least its CPU time spread over the cores, and at least
    // the main thread's own CPU time in it (the main thread reads the input and orders the answers).
    const phaseTwoCpu = o.cpuSeconds - o.passOneCpuSeconds;
    const phaseTwoMainCpu = o.mainThreadCpuSeconds - o.passOneMainThreadCpuSeconds;
    const idleEstimate =
      Math.max(o.passOneCpuSeconds / o.cores, o.passOneMainThreadCpuSeconds) +
      Math.max(phaseTwoCpu / o.cores, phaseTwoMainCpu);
    const filterMb = o.filterBytes / MB;
    const rssMb = o.maxRssBytes / MB;
    add('wall time, input to published epoch (s)', o.wallSeconds);
    add('pass 1 (read, normalise, hash, spill) wall (s)', o.passOneWallSeconds);
    add('CPU time, all threads (s)', o.cpuSeconds);
    add('CPU µs per number, all threads', (o.cpuSeconds / size) * 1e6);
    add('CPU time, main thread (s)', o.mainThreadCpuSeconds);
    add(
      'pass 1 CPU, all threads / main thread (s)',
      `${fixed(o.passOneCpuSeconds)} / ${fixed(o.passOneMainThreadCpuSeconds)}`,
    );
    add(
      'pass 2 and publishing CPU, all threads / main thread (s)',
      `${fixed(phaseTwoCpu)} / ${fixed(phaseTwoMainCpu)}`,
    );
    add(`idle wall-time estimate on ${o.cores} cores (s)`, idleEstimate);
    add('numbers published per second (wall)', size / o.wallSeconds);
    add(
      'load average before → after (1 min)',
      `${fixed(o.loadAverageBefore[0]!)} → ${fixed(o.loadAverageAfter[0]!)}`,
    );
    add('worker threads + keyed hash', `${o.threads} + ${o.hashBackend}`);
    add('entries (distinct numbers)', o.counts.entries);
    add('shards × k', `${o.shards} × ${o.hashCount}`);
    add('filter bytes (MB)', filterMb);
    add('peak RSS, whole build process (MB)', rssMb);
    // The filled shards wait on disk until they are published (src/builder/shard-stash.ts): the peak
    // is set by pass 1, not by the filter, so it is shown beside the filter rather than minus it.
    add('peak RSS ÷ filter bytes', rssMb / filterMb);
    add(
      'false negatives / members probed',
      `${o.probes.members - o.probes.membersFound} / ${o.probes.members}`,
    );
    add('false positives / non-members', `${o.probes.nonMembersListed} / ${o.probes.nonMembers}`);
    if (variant !== 'default') continue;
    if (size === TARGET_SIZE) {
      targets.push(
        checkTarget(
          `250M published in < 5 min, wall (load ${fixed(o.loadAverageBefore[0]!)})`,
          o.wallSeconds,
          '<=',
          TARGET_WALL_SECONDS,
          ' s',
        ),
      );
      targets.push(
        checkTarget('250M idle wall-time estimate < 5 min', idleEstimate, '<=', TARGET_WALL_SECONDS, ' s'),
      );
    }
    targets.push(
      checkTarget(
        `peak RSS ≤ filter + ${RSS_ALLOWANCE_MB} MB (${label})`,
        rssMb,
        '<=',
        filterMb + RSS_ALLOWANCE_MB,
        ' MB',
      ),
    );
    targets.push(checkTarget(`entries = distinct numbers (${label})`, o.counts.entries, '>=', size));
    targets.push(checkTarget(`entries ≤ distinct numbers (${label})`, o.counts.entries, '<=', size));
    const misses = o.probes.members - o.probes.membersFound;
    targets.push(
      checkTarget(`no false negatives (${label}, ${o.probes.members} members probed)`, misses, '<=', 0),
    );
    const bound = poissonUpperBound(rate * o.probes.nonMembers, 0.999);
    targets.push(
      checkTarget(
        `false positives within the 99.9% Poisson bound of ε (${label})`,
        o.probes.nonMembersListed,
        '<=',
        bound,
      ),
    );
  }
  const notes = [
    `Input: ${input}, one a line, generated from the seed, no duplicates.`,
    'The build runs in a child process from the input file to the published `latest` pointer (secret mode, ε = 1e-6, file store).',
    'CPU time counts every thread of the build process. Idle wall-time estimate: per phase (pass 1; pass 2 and',
    'publishing), the larger of its CPU time over the cores and its main-thread CPU time, summed: what the',
    'build needs if nothing else runs (a lower bound: it assumes the threads overlap perfectly).',
    'Wall times depend on what else runs: read them with the load average beside them.',
  ];
  return { measurements, targets, notes };
}

function fixed(value: number): string {
  return value.toFixed(2);
}
