/**
 * Load and soak (issue 10): minutes of mixed traffic against (a) `quietlist serve` and (b) the worker
 * under `wrangler dev`, both on 127.0.0.1: checks of members, non-members and garbage, OPRF
 * evaluations verified and unblinded client-side, manifest and shard downloads (ETag, Range) and
 * documented invalid requests, with a new epoch published by the real builder half-way through. Every
 * answer is judged against the epoch it names (0 errors, 0 wrong answers, false positives within ε),
 * and the servers' resident memory is sampled: last minute ÷ first minute ≤ 1.2 for `serve` (workerd's is
 * reported, not judged: under `wrangler dev` it grows with every request even for a worker that only
 * answers "ok").
 * Request loops stop by themselves at the deadline or after a bounded count.
 */
import { loadavg } from 'node:os';
import { createOprfBackend } from '../src/oprf/backend.ts';
import type { OprfBackend } from '../src/oprf/types.ts';
import { loadKnownEpoch, SoakBook } from './soak/book.ts';
import {
  makeSoakKeys,
  publishTask,
  type Role,
  type SeedPlan,
  type SoakTarget,
  startServeTarget,
  startWorkerTarget,
} from './soak/deployments.ts';
import { invalidRequest } from './soak/invalid.ts';
import { type PublishOutcome, publishInChild, SOAK_RATE } from './soak/publish.ts';
import { SoakStats } from './soak/stats.ts';
import {
  checkBatch,
  manifestDownload,
  oprfBatch,
  shardDownload,
  type TrafficContext,
} from './soak/traffic.ts';
import { formatValue } from './support/report.ts';
import { poissonUpperBound } from './support/statistics.ts';
import { type BenchSuite, checkTarget, type Measurement, type TargetCheck } from './support/suite.ts';
import { mulberry32, SyntheticNumbers } from './support/synthetic-numbers.ts';

/** Request kinds and their shares of the traffic. */
const MIX: [weight: number, run: (ctx: TrafficContext) => Promise<void>][] = [
  [30, checkBatch],
  [15, oprfBatch],
  [10, manifestDownload],
  [15, shardDownload],
  [30, invalidRequest],
];
const LOOPS = 6;
/** A hard bound on requests per second of run, whatever the speed. */
const MAX_REQUESTS_PER_SECOND = 1_000;
const MEMORY_TARGET = 1.2;

interface MemorySample {
  seconds: number;
  readings: Record<string, number | undefined>;
}

interface TargetRun {
  stats: SoakStats;
  book: SoakBook;
  memory: MemorySample[];
  publish: PublishOutcome[];
  publishedAt: number;
  seconds: number;
  load: { before: number; after: number };
  switchSeconds: Partial<Record<Role, number>>;
}

function pickKind(random: () => number): (ctx: TrafficContext) => Promise<void> {
  const total = MIX.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, run] of MIX) {
    roll -= weight;
    if (roll < 0) return run;
  }
  return MIX[0]![1];
}

async function soakTarget(
  target: SoakTarget,
  plan: SeedPlan,
  backend: OprfBackend,
  seconds: number,
  log: (line: string) => void,
): Promise<TargetRun> {
  const book = new SoakBook();
  const stats = new SoakStats();
  for (const role of ['check', 'oprf'] as const) {
    const { store, seed } = target.deployments[role];
    book.register(
      role,
      await loadKnownEpoch(store, plan.keys.signingPublicKey, seed.epoch, 0, plan.members[role]),
    );
  }
  const ctx: TrafficContext = {
    ...{ target, book, stats, backend, keys: plan.keys, etags: new Map() },
    numbers: new SyntheticNumbers(plan.seed),
    // The next epoch drops the first quarter of the members and adds as many after them.
    indexSpace: { check: Math.ceil(plan.members.check * 1.25), oprf: Math.ceil(plan.members.oprf * 1.25) },
    random: mulberry32(plan.seed + (target.name === 'serve' ? 1 : 2)),
  };
  // Warm-up (shards loaded, code compiled) before memory is sampled: one request of every kind.
  for (const [, run] of MIX) await run(ctx);

  const load = { before: loadavg()[0]!, after: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const maxRequests = seconds * MAX_REQUESTS_PER_SECOND;
  const memory: MemorySample[] = [];
  const sample = () =>
    memory.push({ seconds: (performance.now() - started) / 1000, readings: target.memory() });
  sample();
  const sampler = setInterval(sample, seconds >= 120 ? 5_000 : 2_000);
  const publish: PublishOutcome[] = [];
  /** When each builder child returned (latest.json already moved). */
  const builderDone: Partial<Record<Role, number>> = {};
  let publishedAt = 0;
  const publishing = new Promise<void>((resolve, reject) => {
    setTimeout(
      () => {
        log(`soak: ${target.name}: publishing the next epoch into both stores (builder in a child process)`);
        Promise.all(
          (['check', 'oprf'] as const).map(async (role) => {
            const deployment = target.deployments[role];
            const from = Math.floor(plan.members[role] / 4);
            const outcome = await publishInChild(
              publishTask(plan, target.name, role, deployment.storeSpec, from),
            );
            publish.push(outcome);
            builderDone[role] = performance.now();
            book.register(
              role,
              await loadKnownEpoch(
                deployment.store,
                plan.keys.signingPublicKey,
                outcome.epoch,
                from,
                plan.members[role],
              ),
            );
          }),
        ).then(() => {
          publishedAt = performance.now();
          resolve();
        }, reject);
      },
      (seconds * 1000) / 2,
    );
  });
  publishing.catch(() => {}); // awaited below; a failure there fails the target

  let sent = 0;
  let published = false;
  publishing.then(
    () => {
      published = true;
    },
    () => {
      published = true;
    },
  );
  // Until the deadline, and at least 10 s past the publish (a slow builder), never past twice the time.
  const goOn = () => {
    const now = performance.now();
    if (now >= started + 2 * seconds * 1000 || sent >= maxRequests) return false;
    return now < deadline || !published || now < publishedAt + 10_000;
  };
  const loop = async () => {
    while (goOn()) {
      sent++;
      await pickKind(ctx.random)(ctx);
    }
  };
  const progress = setInterval(
    () => log(`soak: ${target.name}: ${stats.total} requests, ${stats.failureCount()} errors so far`),
    30_000,
  );
  try {
    await Promise.all(Array.from({ length: LOOPS }, loop));
    await publishing;
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  sample();
  load.after = loadavg()[0]!;
  book.settle();
  const switchSeconds: Partial<Record<Role, number>> = {};
  for (const role of ['check', 'oprf'] as const) {
    const next = publish.find(
      (outcome) =>
        book.epochs[role].has(outcome.epoch) && outcome.epoch !== target.deployments[role].seed.epoch,
    );
    const at = next ? stats.sightings[role].get(next.epoch) : undefined;
    const done = builderDone[role];
    // Negative when an answer named the new epoch before the builder process had exited.
    if (at !== undefined && done !== undefined) switchSeconds[role] = (at - done) / 1000;
  }
  return {
    stats,
    book,
    memory,
    publish,
    publishedAt,
    seconds: (performance.now() - started) / 1000,
    load,
    switchSeconds,
  };
}

function memoryRatio(samples: MemorySample[], label: string, window: number, seconds: number) {
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const read = (filter: (s: MemorySample) => boolean) =>
    samples
      .filter(filter)
      .map((s) => s.readings[label])
      .filter((value): value is number => value !== undefined);
  const first = mean(read((s) => s.seconds <= window));
  const last = mean(read((s) => s.seconds >= seconds - window));
  const all = read(() => true);
  return {
    first,
    last,
    max: Math.max(...all),
    ratio: first > 0 ? last / first : Number.NaN,
    read: all.length > 0,
  };
}

function report(name: string, run: TargetRun): { measurements: Measurement[]; targets: TargetCheck[] } {
  const { stats, book } = run;
  const m: Measurement[] = [];
  const add = (metric: string, value: number | string) => m.push({ metric: `${name}: ${metric}`, value });
  add(
    'seconds of traffic / requests',
    `${Math.round(run.seconds)} s / ${stats.total.toLocaleString('en-US')}`,
  );
  add('load average (1 min) at start / end', `${run.load.before.toFixed(1)} / ${run.load.after.toFixed(1)}`);
  for (const [kind, kindStats] of stats.kinds) {
    add(
      `${kind}: requests, p50 / p99 (ms)`,
      `${kindStats.requests.toLocaleString('en-US')}, ${formatValue(stats.percentile(kind, 50))} / ${formatValue(stats.percentile(kind, 99))}`,
    );
  }
  for (const [unit, amount] of stats.units) add(unit, amount);
  add('errors (5xx, unexpected status, network, bad answer)', stats.failureCount());
  for (const [sample, count] of stats.failureSamples) add(`error: ${sample}`, count);
  const bound = poissonUpperBound(book.nonMemberAnswers * SOAK_RATE, 0.9999);
  add(
    'answers for members / non-members',
    `${book.memberAnswers.toLocaleString('en-US')} / ${book.nonMemberAnswers.toLocaleString('en-US')}`,
  );
  add(
    'false negatives (check / oprf)',
    `${book.falseNegativesByRole.check} / ${book.falseNegativesByRole.oprf}`,
  );
  add(`non-members answered listed (distinct; ε bound ${bound})`, book.falsePositives.size);
  for (const [reason, count] of book.wrong) add(`wrong: ${reason}`, count);
  add('answers from an older epoch after the newer one was seen', stats.regressions);
  add(
    'publish in the middle: builder seconds (check / oprf store)',
    run.publish.map((p) => p.seconds.toFixed(1)).join(' / '),
  );
  add(
    'first answer from the new epoch, s after the builder exited (check / oprf)',
    `${run.switchSeconds.check?.toFixed(1) ?? 'never'} / ${run.switchSeconds.oprf?.toFixed(1) ?? 'never'}`,
  );
  const targets = [
    checkTarget(`${name}: errors`, stats.failureCount(), '<=', 0),
    checkTarget(`${name}: wrong answers (false negatives included)`, book.totalWrong(), '<=', 0),
    checkTarget(`${name}: false negatives`, book.falseNegatives, '<=', 0),
    checkTarget(`${name}: non-members answered listed (ε bound)`, book.falsePositives.size, '<=', bound),
    checkTarget(`${name}: answers from an older epoch after the newer`, stats.regressions, '<=', 0),
    checkTarget(
      `${name}: new epoch answered by both deployments`,
      run.switchSeconds.check !== undefined && run.switchSeconds.oprf !== undefined ? 1 : 0,
      '>=',
      1,
      'bool',
    ),
  ];
  const window = Math.min(60, run.seconds / 3);
  const labels = Object.keys(run.memory[0]?.readings ?? {});
  for (const label of labels) {
    const memory = memoryRatio(run.memory, label, window, run.seconds);
    if (!memory.read) {
      add(`memory ${label}`, 'not readable here');
      continue;
    }
    const timeline = run.memory.map((s) => s.readings[label]?.toFixed(0) ?? '?').join(' ');
    add(`RSS ${label} every ${run.memory[1] ? Math.round(run.memory[1].seconds) : 0} s (MiB)`, timeline);
    add(
      `RSS ${label}: first / last ${Math.round(window)} s, max (MiB)`,
      `${memory.first.toFixed(0)} / ${memory.last.toFixed(0)}, ${memory.max.toFixed(0)}`,
    );
    // Only `serve` is judged: under `wrangler dev` a worker that only answers "ok" grows workerd's RSS by
    // 65-75 KB per request too (the local dev runtime keeps it), so workerd's figures are reported only.
    if (label.startsWith('serve')) {
      targets.push(
        checkTarget(
          `${name}: RSS ${label}, last ÷ first ${Math.round(window)} s`,
          memory.ratio,
          '<=',
          MEMORY_TARGET,
          '×',
        ),
      );
    }
  }
  return { measurements: m, targets };
}

export const soakSuite: BenchSuite = {
  name: 'soak',
  description:
    'minutes of mixed traffic (checks, OPRF, downloads, invalid requests) on serve and wrangler dev, a publish half-way: 0 errors, 0 wrong answers, memory flat',
  async run(options, log) {
    const seconds = options.durationSeconds ?? (options.quick ? 30 : 180);
    const checkMembers = options.sizes?.[0] ?? (options.quick ? 50_000 : 200_000);
    const oprfMembers = options.quick ? 4_000 : 10_000;
    const backend = await createOprfBackend({ prefer: 'fast' });
    const plan: SeedPlan = {
      seed: options.seed,
      members: { check: checkMembers, oprf: oprfMembers },
      // About 8 shards per epoch, so shard downloads spread over several files.
      shardMaxBytes: { check: Math.ceil(checkMembers * 0.6), oprf: Math.ceil(oprfMembers * 0.6) },
      keys: await makeSoakKeys(options.tempDirectory),
      tempDirectory: options.tempDirectory,
    };
    const measurements: Measurement[] = [];
    const targets: TargetCheck[] = [];
    const notes = [
      `${seconds} s of traffic per target, ${LOOPS} request loops; open-mode store of ${checkMembers.toLocaleString('en-US')} members and oprf-mode store of ${oprfMembers.toLocaleString('en-US')} (client OPRF: ${backend.name}); the next epoch drops a quarter of the members and adds as many; ε = ${SOAK_RATE}`,
      'memory: serve processes judged (last ÷ first minute ≤ 1.2); workerd under wrangler dev reported only: a trivial worker there grows by 65-75 KB per request as well',
      `mix: ${MIX.map(([weight, run]) => `${run.name} ${weight}%`).join(', ')}; the load generator, the servers and the builder share the machine's cores`,
    ];
    for (const [name, start] of [
      ['serve', startServeTarget],
      ['worker', startWorkerTarget],
    ] as const) {
      log(
        `soak: ${name}: seeding both stores and starting ${name === 'serve' ? 'quietlist serve' : 'wrangler dev'} ×2`,
      );
      let target: SoakTarget | undefined;
      try {
        target = await start(plan);
        log(`soak: ${name}: ${seconds} s of mixed traffic`);
        const run = await soakTarget(target, plan, backend, seconds, log);
        const result = report(name, run);
        measurements.push(...result.measurements);
        targets.push(...result.targets);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`soak: ${name}: failed: ${message}`);
        notes.push(`${name}: failed: ${message.split('\n')[0]}`);
        targets.push(checkTarget(`${name}: soak completed`, 0, '>=', 1, 'bool'));
      } finally {
        await target?.stop();
      }
    }
    return { measurements, targets, notes };
  },
};
