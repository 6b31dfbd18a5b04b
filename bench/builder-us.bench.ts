/**
 * The builder at national scale: a US-sized register (builder-us: 250M NANP numbers by default,
 * canonical text, one a line) or a French one (builder-fr: 250M numbers of the French plan, overseas
 * ones with their own codes), built and published by the real builder in its own child process. The
 * input is generated once and cached in the system's temporary directory (`quietlist-bench-cache/`,
 * about 3.3 GB at 250M; never in the repository); the spill and the published epoch go to the run's
 * scratch directory.
 * Up to 20M, the same input is also built with no worker thread and with the JavaScript HMAC, so the
 * gain of each is measured, not assumed. Wall time is only comparable on an idle machine: the suite
 * records the load average before and after each build, and CPU seconds per number, which other jobs
 * on a shared machine barely change.
 */
import type { PublishOutcome, PublishTask } from './children/builder-publish-child.ts';
import { runInChild } from './children/child-process.ts';
import { type PublishRun, summarizePublishRuns } from './support/builder-us-summary.ts';
import { cachedInput, checkDisk } from './support/cached-input.ts';
import { NATIONAL_REGISTERS, type NationalPlan } from './support/national-registers.ts';
import { formatSize } from './support/report.ts';
import type { BenchOptions, BenchSuite } from './support/suite.ts';

export const US_FALSE_POSITIVE_RATE = 1e-6;
const COMPARE_UP_TO = 20e6;
const CHILD = new URL('./children/builder-publish-child.ts', import.meta.url);
/** Input (13 bytes a number), spill (12) and the published filter (about 4): bytes per number on disk. */
const DISK_BYTES_PER_NUMBER = 30;

export const builderUsSuite = nationalBuildSuite('builder-us', 'US');
export const builderFrSuite = nationalBuildSuite('builder-fr', 'FR');

function nationalBuildSuite(name: string, plan: NationalPlan): BenchSuite {
  const register = NATIONAL_REGISTERS[plan];
  return {
    name,
    description: `a ${plan}-sized register (250M numbers of its plan) built and published: wall, CPU/number, RSS, load`,
    optIn: true,
    async run(options, log) {
      const sizes = options.sizes ?? (options.quick ? [2e6] : [250e6]);
      const runs: PublishRun[] = [];
      for (const size of sizes) {
        const label = `${name} ${formatSize(size)}`;
        const inputPath = cachedInput(plan, size, options.seed, log);
        checkDisk(options.tempDirectory, size * (DISK_BYTES_PER_NUMBER - 13));
        const variants: PublishRun['variant'][] =
          size <= COMPARE_UP_TO ? ['default', 'no threads', 'JavaScript HMAC'] : ['default'];
        for (const variant of variants) {
          log(`${label}: build and publish (${variant})`);
          const outcome = await runInChild<PublishTask, PublishOutcome>(
            CHILD,
            task(plan, inputPath, size, options, variant),
          );
          log(
            `${label} (${variant}): ${outcome.wallSeconds.toFixed(1)} s wall, ` +
              `${outcome.cpuSeconds.toFixed(1)} CPU-s, load ${outcome.loadAverageBefore[0]!.toFixed(1)} → ` +
              `${outcome.loadAverageAfter[0]!.toFixed(1)}`,
          );
          runs.push({ size, variant, outcome });
        }
      }
      return summarizePublishRuns(runs, US_FALSE_POSITIVE_RATE, register.describes);
    },
  };
}

function task(
  plan: NationalPlan,
  inputPath: string,
  size: number,
  options: BenchOptions,
  variant: PublishRun['variant'],
): PublishTask {
  return {
    plan,
    inputPath,
    size,
    seed: options.seed,
    falsePositiveRate: US_FALSE_POSITIVE_RATE,
    tempDirectory: options.tempDirectory,
    ...(variant === 'no threads' ? { threads: 0 } : {}),
    nativeHash: variant !== 'JavaScript HMAC',
    memberSamples: 100_000,
    nonMemberQueries: options.quick ? 200_000 : 1_000_000,
  };
}
