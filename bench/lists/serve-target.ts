/**
 * The `quietlist serve` target: the latency run, then the operator's cost (a second run of the same
 * plan, no reader: the serve process's CPU, the store operations and bytes it wrote, per addition,
 * priced with Cloudflare's list prices), then the subscriber's CPU to verify and open the additions.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileStore } from '../../src/storage/file-store.ts';
import type { Measurement, TargetCheck } from '../support/suite.ts';
import { checkTarget } from '../support/suite.ts';
import { pullList } from './call-centre.ts';
import { dollarsPerMillionAdditions, PRICES_READ_ON } from './cloudflare-prices.ts';
import { createListsDeployment, objectionNumbers } from './deployment.ts';
import { measureLatency, postingPattern, round } from './latency-report.ts';
import { postingPlan, unionLength } from './latency-stats.ts';
import { playPostingPlan } from './owner-posts.ts';
import { startServerChild } from './server.ts';
import { measureVerifyCost } from './subscriber-cost.ts';

export interface TargetResult {
  measurements: Measurement[];
  targets: TargetCheck[];
  notes: string[];
}

export async function measureServe(
  directory: string,
  options: { total: number; seed: number; customers: number },
  log: (line: string) => void,
): Promise<TargetResult> {
  const storeDirectory = join(directory, 'store');
  const stateDirectory = join(directory, 'state');
  mkdirSync(stateDirectory, { recursive: true });
  const deployment = await createListsDeployment(new FileStore(storeDirectory), {
    national: 1_000,
    customers: options.customers,
  });
  const server = await startServerChild({ storeDirectory, stateDirectory, settings: deployment.settings });
  try {
    const latency = await measureLatency(
      {
        label: 'serve',
        url: server.url,
        deployment,
        cacheDirectory: join(directory, 'centre-cache'),
        total: options.total,
        seed: options.seed,
      },
      log,
    );

    log(`lists/serve: posting ${options.total} more additions, no reader (the operator's cost)`);
    const plan = postingPlan(postingPattern(options.total, options.seed + 1));
    const before = await server.stats();
    const run = await playPostingPlan(
      server.url,
      deployment.ownerKey,
      plan,
      objectionNumbers(options.total, options.total),
    );
    const after = await server.stats();
    const added = run.additions.length;
    const per = (value: number) => value / Math.max(1, added);
    const cpuMicros = per(after.cpuMicros - before.cpuMicros);
    const batches = after.counts.batchWrites - before.counts.batchWrites;
    const usage = {
      workerRequests: per(run.requests.length),
      workerCpuMs: cpuMicros / 1000,
      durableObjectRequests: per(run.requests.length),
      durableObjectActiveSeconds: per(unionLength(run.requests) / 1000),
      r2ClassA: per(after.counts.classA - before.counts.classA),
      r2ClassB: per(after.counts.classB - before.counts.classB),
    };
    const dollars = dollarsPerMillionAdditions(usage);
    const d = (value: number) => round(value, 2);

    await pullList(latency.centre);
    const verify = await measureVerifyCost(latency.centre.cacheDirectory, latency.centre.publicKey);
    const m = (metric: string, value: number | string) => ({ metric: `serve: ${metric}`, value });
    const measurements = [
      ...latency.measurements,
      m('operator: additions posted alone / POSTs', `${added} / ${run.requests.length}`),
      m('operator: CPU per addition, whole serve process (µs)', round(cpuMicros)),
      m(
        'operator: batches written / additions per batch',
        `${batches} / ${round(added / Math.max(1, batches), 1)}`,
      ),
      m('operator: store writes per addition (R2 class A)', round(usage.r2ClassA, 4)),
      m('operator: store reads per addition (R2 class B)', round(usage.r2ClassB, 4)),
      m(
        'operator: bytes written per addition',
        round(per(after.counts.bytesWritten - before.counts.bytesWritten), 1),
      ),
      m(
        'operator: sequencer busy per addition (s with a POST in flight)',
        round(usage.durableObjectActiveSeconds, 4),
      ),
      m(
        `operator: $ per million additions on Workers, estimated (prices of ${PRICES_READ_ON})`,
        d(dollars.total),
      ),
      m(
        'operator: … of which requests / CPU / DO requests / DO duration / R2 A / R2 B ($)',
        [
          dollars.workerRequests,
          dollars.workerCpuMs,
          dollars.durableObjectRequests,
          dollars.durableObjectActiveSeconds,
          dollars.r2ClassA,
          dollars.r2ClassB,
        ]
          .map(d)
          .join(' / '),
      ),
      m(
        'subscriber: CPU to verify additions, per addition / per batch (µs)',
        `${round(verify.verifyCpuMicros / verify.entries, 1)} / ${round(verify.verifyCpuMicros / verify.batches)}`,
      ),
      m(
        `subscriber: CPU to open the cached additions at each check, ${verify.batches} batches of ${verify.entries} additions (ms)`,
        round(verify.openCpuMicros / 1000, 1),
      ),
    ];
    return {
      measurements,
      targets: [
        ...latency.targets,
        checkTarget('serve: every addition posted (cost run)', added, '>=', options.total),
      ],
      notes: [...latency.failures, ...run.failures.map((failure) => `serve (cost run): ${failure}`)],
    };
  } finally {
    await server.stop();
  }
}
