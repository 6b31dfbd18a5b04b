/**
 * Bench driver: `npm run bench -- [--suite NAME] [--sizes 1e6,1e7] [--quick] [--strict]`.
 * Runs the suites, prints a table and PASS/FAIL per target, writes bench/results/latest.json, and exits
 * 1 under --strict when a target fails. A new suite is one file exporting a BenchSuite and one entry in
 * SUITES below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserSuite } from './browser.bench.ts';
import { builderSuite } from './builder.bench.ts';
import { builderFrSuite, builderUsSuite } from './builder-us.bench.ts';
import { deltasSuite } from './deltas.bench.ts';
import { edgeSuite } from './edge.bench.ts';
import { enumerationSuite } from './enumeration.bench.ts';
import { httpSuite } from './http.bench.ts';
import { listsSuite } from './lists.bench.ts';
import { oprfSuite } from './oprf.bench.ts';
import { oprfScrubSuite } from './oprf-scrub.bench.ts';
import { plansSuite } from './plans.bench.ts';
import { resumeSuite } from './resume.bench.ts';
import { scopesSuite } from './scopes.bench.ts';
import { scrubSuite } from './scrub.bench.ts';
import { soakSuite } from './soak.bench.ts';
import { type CliOptions, parseCliOptions, USAGE } from './support/cli-options.ts';
import { formatSuite, writeJson } from './support/report.ts';
import { type BenchOptions, type BenchSuite, checkTarget, type SuiteResult } from './support/suite.ts';

const SUITES: BenchSuite[] = [
  builderSuite,
  builderUsSuite,
  builderFrSuite,
  plansSuite,
  scrubSuite,
  httpSuite,
  edgeSuite,
  oprfSuite,
  oprfScrubSuite,
  browserSuite,
  enumerationSuite,
  deltasSuite,
  resumeSuite,
  soakSuite,
  listsSuite,
  scopesSuite,
];
const DEFAULT_OUTPUT = new URL('./results/latest.json', import.meta.url).pathname;

async function main(argv: string[]): Promise<number> {
  let cli: CliOptions;
  try {
    cli = parseCliOptions(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message ? `${message}\n${USAGE}` : USAGE);
    return 1;
  }
  const selected =
    cli.suite === undefined
      ? SUITES.filter((suite) => !suite.optIn)
      : SUITES.filter((suite) => suite.name === cli.suite);
  if (selected.length === 0) {
    console.error(`unknown suite "${cli.suite}"; suites: ${SUITES.map((suite) => suite.name).join(', ')}`);
    return 1;
  }
  const started = Date.now();
  const loadBefore = loadavg();
  const log = (line: string) =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(
    `load average ${formatLoad(loadBefore)} on ${availableParallelism()} cores (timings are noisier above it)`,
  );
  const results: Record<string, SuiteResult> = {};
  for (const suite of selected) {
    results[suite.name] = await runSuite(suite, cli, log);
  }
  for (const [name, result] of Object.entries(results)) console.log(`\n${formatSuite(name, result)}`);
  const failed = Object.values(results).flatMap((result) => result.targets.filter((target) => !target.pass));
  const output = cli.output ?? DEFAULT_OUTPUT;
  const loadAfter = loadavg();
  writeJson(output, {
    date: new Date().toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: cpus()[0]?.model,
      cores: availableParallelism(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
    },
    options: { suite: cli.suite, sizes: cli.sizes, quick: cli.quick, seed: cli.seed, duration: cli.duration },
    passed: failed.length === 0,
    suites: results,
  });
  const verdict = failed.length === 0 ? 'all targets PASS' : `${failed.length} target(s) FAIL`;
  console.log(`\n${verdict}; load average now ${formatLoad(loadAfter)}; results in ${output}`);
  return cli.strict && failed.length > 0 ? 1 : 0;
}

/** Runs one suite in its own scratch directory; a suite that throws is reported as a failed target. */
async function runSuite(
  suite: BenchSuite,
  cli: CliOptions,
  log: (line: string) => void,
): Promise<SuiteResult> {
  const tempDirectory = mkdtempSync(join(tmpdir(), `quietlist-bench-${suite.name}-`));
  const options: BenchOptions = {
    ...{ sizes: cli.sizes, quick: cli.quick, seed: cli.seed, tempDirectory },
    durationSeconds: cli.duration,
  };
  try {
    return await suite.run(options, log);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${suite.name}: failed: ${message}`);
    return {
      measurements: [],
      targets: [checkTarget(`${suite.name} suite completed`, 0, '>=', 1, 'bool')],
      notes: [`failed: ${message.split('\n')[0]}`],
    };
  } finally {
    rmSync(tempDirectory, { recursive: true, force: true });
  }
}

function formatLoad(load: number[]): string {
  return load.map((value) => value.toFixed(2)).join(' / ');
}

process.exitCode = await main(process.argv.slice(2));
