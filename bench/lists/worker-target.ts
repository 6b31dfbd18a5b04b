/**
 * The Worker target: worker/index.ts under `wrangler dev` (workerd, its ListSequencer Durable Object,
 * local R2; bench/support/services.ts), the lists built into that R2 through its S3 API, the same
 * latency run as serve. Its cost is read from outside: the batches the run left in the bucket, and
 * workerd's CPU over the run (readers' requests included, so an upper bound on the additions' share).
 * Dev mode is not the edge: latencies here are workerd's on this machine, not Cloudflare's network.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CacheLayout, readCurrentPointer } from '../../src/client/cache/cache-layout.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { listStore } from '../../src/storage/list-store.ts';
import { descendantsNamed } from '../children/process-memory.ts';
import { startBenchWranglerDev } from '../support/services.ts';
import { createListsDeployment, LIVE_LIST, newListKeys } from './deployment.ts';
import { measureLatency, round } from './latency-report.ts';
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
    const workerd = () => descendantsNamed(dev.pid, 'workerd');
    const cpuBefore = cpuMicrosOf(workerd());
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
    const cpuMicros = cpuMicrosOf(workerd()) - cpuBefore;
    const pointer = await readCurrentPointer(new CacheLayout(latency.centre.cacheDirectory));
    const batchKeys = pointer
      ? await listStore(dev.s3, LIVE_LIST).list(`epochs/${pointer.epoch}/additions/`)
      : [];
    let bytes = 0;
    for (const key of batchKeys) bytes += (await listStore(dev.s3, LIVE_LIST).get(key))?.body.byteLength ?? 0;
    const added = latency.run.posting.additions.length;
    const per = (value: number) => value / Math.max(1, added);
    const m = (metric: string, value: number | string) => ({ metric: `worker: ${metric}`, value });
    return {
      measurements: [
        ...latency.measurements,
        m(
          'operator: batches in the bucket / additions per batch',
          `${batchKeys.length} / ${round(added / Math.max(1, batchKeys.length), 1)}`,
        ),
        m('operator: batch bytes in the bucket per addition', round(per(bytes), 1)),
        m('operator: workerd CPU per addition during the run, readers included (µs)', round(per(cpuMicros))),
      ],
      targets: latency.targets,
      notes: latency.failures,
    };
  } finally {
    await dev.stop();
  }
}
