/**
 * The Worker target: worker/index.ts under `wrangler dev` (workerd, its ListSequencer Durable Object,
 * local R2; bench/support/services.ts), the lists built into that R2 through its S3 API, the same
 * latency run as serve, then the same cost run. Its counters are read from outside: the batches in
 * the bucket (R2 reads are not counted) and workerd's CPU from /proc (the Durable Object included).
 * Dev mode is not the edge: latencies here are workerd's on this machine, not Cloudflare's network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CacheLayout, readCurrentPointer } from '../../src/client/cache/cache-layout.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { listStore } from '../../src/storage/list-store.ts';
import { descendantsNamed } from '../children/process-memory.ts';
import { startBenchWranglerDev } from '../support/services.ts';
import { checkTarget } from '../support/suite.ts';
import { measureOperatorCost } from './cost-run.ts';
import { createListsDeployment, LIVE_LIST, newListKeys } from './deployment.ts';
import { measureLatency } from './latency-report.ts';
import { cpuMicrosOf } from './process-cpu.ts';
import type { TargetResult } from './serve-target.ts';

export async function measureWorker(
  directory: string,
  options: { total: number; seed: number; customers: number },
  log: (line: string) => void,
): Promise<TargetResult> {
  mkdirSync(directory, { recursive: true });
  const keys = newListKeys();
  log('lists/worker: starting wrangler dev');
  const dev = await startBenchWranglerDev(directory, toBase64(keys.signing.publicKey), {
    name: 'lists',
    vars: {
      QUIETLIST_LIST_SEED: toBase64(keys.listSeed),
      QUIETLIST_ADDITIONS_KEY: toBase64(keys.additions.secretKey),
    },
  });
  try {
    const deployment = await createListsDeployment(
      dev.s3,
      { national: 1_000, customers: options.customers },
      keys,
    );
    const latency = await measureLatency(
      {
        label: 'worker',
        url: dev.url,
        deployment,
        cacheDirectory: join(directory, 'worker-centre-cache'),
        total: options.total,
        seed: options.seed,
      },
      log,
    );
    const pointer = await readCurrentPointer(new CacheLayout(latency.centre.cacheDirectory));
    if (!pointer) throw new Error('the call centre has no epoch of the list');
    // What R2 under workerd cannot tell the bench, the bucket can: the batches written (R2 class A:
    // the only R2 writes of a POST) and their bytes.
    const list = listStore(dev.s3, LIVE_LIST);
    const read = async () => {
      const keys = await list.list(`epochs/${pointer.epoch}/additions/`);
      let bytes = 0;
      for (const key of keys) bytes += (await list.get(key))?.body.byteLength ?? 0;
      const cpuMicros = cpuMicrosOf(descendantsNamed(dev.pid, 'workerd'));
      return {
        cpuMicros,
        classA: keys.length,
        classB: undefined,
        bytesWritten: bytes,
        batchWrites: keys.length,
      };
    };
    log(`lists/worker: posting ${options.total} more additions, no reader (the operator's cost)`);
    const cost = await measureOperatorCost(
      { url: dev.url, ownerKey: deployment.ownerKey, total: options.total, seed: options.seed },
      read,
    );
    const m = (metric: string, value: number | string) => ({ metric: `worker: ${metric}`, value });
    return {
      measurements: [
        ...latency.measurements,
        ...cost.measurements.map(({ metric, value }) => m(metric, value)),
      ],
      targets: [
        ...latency.targets,
        checkTarget('worker: every addition posted (cost run)', cost.added, '>=', options.total),
      ],
      notes: [...latency.failures, ...cost.failures.map((failure) => `worker (cost run): ${failure}`)],
    };
  } finally {
    await dev.stop();
  }
}
