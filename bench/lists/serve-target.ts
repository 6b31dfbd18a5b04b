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
import { measureOperatorCost } from './cost-run.ts';
import { createListsDeployment } from './deployment.ts';
import { measureLatency, round } from './latency-report.ts';
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
    const cost = await measureOperatorCost(
      { url: server.url, ownerKey: deployment.ownerKey, total: options.total, seed: options.seed },
      async () => {
        const { cpuMicros, counts } = await server.stats();
        return { cpuMicros, ...counts };
      },
    );

    await pullList(latency.centre);
    const verify = await measureVerifyCost(latency.centre.cacheDirectory, latency.centre.publicKey);
    const m = (metric: string, value: number | string) => ({ metric: `serve: ${metric}`, value });
    const measurements = [
      ...latency.measurements,
      ...cost.measurements.map(({ metric, value }) => m(metric, value)),
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
        checkTarget('serve: every addition posted (cost run)', cost.added, '>=', options.total),
      ],
      notes: [...latency.failures, ...cost.failures.map((failure) => `serve (cost run): ${failure}`)],
    };
  } finally {
    await server.stop();
  }
}
