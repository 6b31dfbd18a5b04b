/**
 * Child process: one build of a register's input in its own region (the plans suite): openInput →
 * readRegistry → buildFilters with the HMAC key and the region's plan, as `quietlist build` runs it
 * (worker threads and the native keyed hash by default), timed from opening the file to the built
 * shards; CPU time of every thread and of the main thread; peak RSS; the load average around it.
 */
import { loadavg } from 'node:os';
import type { CountryCode } from 'libphonenumber-js/min';
import { type BuildCounts, buildFilters } from '../../src/builder/build-filters.ts';
import { readRegistry } from '../../src/builder/input/read-registry.ts';
import { formatFromName } from '../../src/builder/input/record.ts';
import { openInput } from '../../src/builder/input/source.ts';
import { jurisdictionOf } from '../../src/core/phone/numbering-plan.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { serveChild } from './child-process.ts';

export interface PlanBuildTask {
  inputPath: string;
  region: CountryCode;
  falsePositiveRate: number;
  tempDirectory: string;
}

export interface PlanBuildOutcome {
  wallSeconds: number;
  /** Every thread of the process, and the main thread alone. */
  cpuSeconds: number;
  mainThreadCpuSeconds: number;
  maxRssBytes: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  threads: number;
  hashBackend: string;
  counts: BuildCounts;
}

async function runPlanBuild(task: PlanBuildTask): Promise<PlanBuildOutcome> {
  const loadAverageBefore = loadavg();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = process.threadCpuUsage();
  const result = await buildFilters(
    readRegistry(openInput(task.inputPath), { format: formatFromName(task.inputPath) }, task.region),
    {
      region: task.region,
      jurisdiction: jurisdictionOf(task.region),
      hmacKey: BENCH_HASH_KEY,
      falsePositiveRate: task.falsePositiveRate,
      tempDirectory: task.tempDirectory,
    },
  );
  const wallSeconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  const mainUsed = process.threadCpuUsage(mainCpu);
  return {
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    mainThreadCpuSeconds: (mainUsed.user + mainUsed.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    loadAverageBefore,
    loadAverageAfter: loadavg(),
    threads: result.threads,
    hashBackend: result.hashBackend ?? 'none',
    counts: result.counts,
  };
}

serveChild(runPlanBuild);
