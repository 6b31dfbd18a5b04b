/**
 * The edge suite: POST /v1/check and POST /v1/oprf/evaluate under `wrangler dev` (workerd, local R2
 * filled through its S3 API), with a secret-mode epoch of synthetic NANP numbers (default 1M;
 * `--sizes 250M` for a US-sized list, built once into .data/bench-edge/ and reused: about 0.9 GB,
 * plus 3 GB of temporary files while it is built). For each shard lookup path (shard-resident Durable
 * Objects, then the isolate's shard cache) it measures the first check after start, single-number
 * checks under load (p50/p99, autocannon in a second process), 1,000-number batches, and the bytes of
 * shard data each request read from storage (the worker's audit lines). Then single-element OPRF
 * evaluations (independent of list size: a 10,000-number oprf epoch), the CPU per request in-process,
 * and the cost per million numbers from Cloudflare's prices (edge/cost.ts). CI never runs it.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
import { encodeElements } from '../src/oprf/wire.ts';
import { FileStore } from '../src/storage/file-store.ts';
import type { ObjectStore } from '../src/storage/object-store.ts';
import { runInChild } from './children/child-process.ts';
import type { EdgeEpochOutcome, EdgeEpochTask } from './children/edge-epoch-child.ts';
import { AuditLines } from './edge/audit-lines.ts';
import { costPerMillionNumbers, formatCost, PRICES, type RequestProfile } from './edge/cost.ts';
import { measureInProcess } from './edge/in-process.ts';
import {
  type LookupModeRun,
  loadIn,
  lookupModeMeasurements,
  measureLookupMode,
  SINGLE_CHECK_RATE,
  timedPost,
} from './edge/lookup-mode.ts';
import { BENCH_HASH_KEY } from './support/bench-key.ts';
import { NANP_GENERATOR, SyntheticNanpNumbers } from './support/nanp-numbers.ts';
import { formatSize } from './support/report.ts';
import { addBenchSubscriber, startBenchWranglerDev } from './support/services.ts';
import { type BenchSuite, checkTarget, type Measurement, type TargetCheck } from './support/suite.ts';

const EPOCH_CHILD = new URL('./children/edge-epoch-child.ts', import.meta.url);
/** Kept across runs (gitignored): a 250M epoch takes most of an hour to build on two cores. */
const DATA_DIRECTORY = fileURLToPath(new URL('../.data/bench-edge/', import.meta.url));
const OPRF_SIZE = 10_000;
const P99_TARGET_MS = 100;
const MODES = ['durable-objects', 'isolate'] as const;
type Mode = (typeof MODES)[number];
const LABELS: Record<Mode, string> = { 'durable-objects': 'Durable Objects', isolate: 'isolate cache' };

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** Half members, half non-members, from `offset` on. */
function numbersOf(nanp: SyntheticNanpNumbers, count: number, size: number, offset: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? nanp.e164((offset + i * 7919) % size) : nanp.nonMemberE164(offset + i),
  );
}

async function copyStore(from: ObjectStore, to: ObjectStore): Promise<number> {
  let bytes = 0;
  const keys = (await from.list('')).filter((key) => key !== 'latest.json');
  for (const key of [...keys, 'latest.json']) {
    const object = await from.get(key);
    if (!object) continue;
    await to.put(key, object.body);
    bytes += object.body.length;
  }
  return bytes;
}

export const edgeSuite: BenchSuite = {
  name: 'edge',
  description:
    'wrangler dev (workerd) with a secret-mode epoch of --sizes NANP numbers (default 1M; 250M for the US case): single checks p50/p99 and shard bytes per 1,000-number batch, shard-resident Durable Objects vs the isolate cache; oprf evaluate; cost per million numbers',
  async run(options, log) {
    const size = options.sizes?.[0] ?? (options.quick ? 100_000 : 1_000_000);
    const seconds = options.durationSeconds ?? (options.quick ? 5 : 20);
    const measurements: Measurement[] = [];
    const targets: TargetCheck[] = [];
    const notes: string[] = [];
    const nanp = new SyntheticNanpNumbers(options.seed);

    log(`edge: secret epoch of ${formatSize(size)} NANP numbers (built once into ${DATA_DIRECTORY})`);
    const epochTask = (mode: EdgeEpochTask['mode'], count: number): EdgeEpochTask => ({
      directory: join(DATA_DIRECTORY, `${mode}-${count}-${options.seed}-${NANP_GENERATOR}`),
      size: count,
      seed: options.seed,
      mode,
      tempDirectory: options.tempDirectory,
    });
    const epoch = await runInChild<EdgeEpochTask, EdgeEpochOutcome>(EPOCH_CHILD, epochTask('secret', size));
    const shardBytes = epoch.shardBytes.reduce((sum, bytes) => sum + bytes, 0);
    const largestShard = Math.max(...epoch.shardBytes);
    log(
      `edge: epoch ${epoch.epoch}: ${epoch.shards} shards, ${round(shardBytes / 1e6)} MB (${epoch.reused ? 'reused' : `built in ${round(epoch.buildSeconds)} s`})`,
    );
    measurements.push(
      { metric: 'epoch: numbers', size, value: size },
      {
        metric: 'epoch: shards × largest shard (MB)',
        size,
        value: `${epoch.shards} × ${round(largestShard / 1e6, 2)}`,
      },
      { metric: 'epoch: shard data (MB)', size, value: round(shardBytes / 1e6) },
    );
    if (!epoch.reused)
      measurements.push({ metric: 'epoch: build time (s)', size, value: round(epoch.buildSeconds) });

    const hashKey = toBase64(BENCH_HASH_KEY);
    const singleBodies = numbersOf(nanp, 1000, size, 11).map((raw) => JSON.stringify({ numbers: [raw] }));
    const batchBodies = Array.from({ length: 8 }, (_, b) =>
      JSON.stringify({ numbers: numbersOf(nanp, 1000, size, 1_000 + b * 1000) }),
    );
    const persistDir = join(options.tempDirectory, 'wrangler-state-secret');
    const averageShard = shardBytes / epoch.shards;
    const runs: Partial<Record<Mode, LookupModeRun>> = {};
    // The epoch goes into the local R2 through a first instance, stopped before anything is measured:
    // workerd digesting a 0.9 GB upload would otherwise be timed as the first check.
    {
      const loader = await startBenchWranglerDev(options.tempDirectory, epoch.publicKey, {
        ...{ name: 'edge-upload', persistDir },
      });
      try {
        const started = performance.now();
        const copied = await copyStore(new FileStore(epoch.storeDirectory), loader.s3);
        const took = (performance.now() - started) / 1000;
        log(`edge: ${round(copied / 1e6)} MB into the local R2 in ${round(took)} s`);
        measurements.push({ metric: 'publish into the local R2 through S3 (s)', size, value: round(took) });
      } finally {
        await loader.stop();
      }
    }
    for (const mode of MODES) {
      const audit = new AuditLines();
      const label = LABELS[mode];
      log(`edge: wrangler dev, SHARD_LOOKUP=${mode}`);
      const dev = await startBenchWranglerDev(options.tempDirectory, epoch.publicKey, {
        ...{ name: `edge-${mode}`, persistDir, onOutput: audit.feed, testScheduled: true },
        vars: { QUIETLIST_HASH_KEY: hashKey, SHARD_LOOKUP: mode },
      });
      try {
        // The isolate path reloads shards for nearly every request at US scale: shorter runs show it.
        const slow = mode === 'isolate' && epoch.shards > 4;
        const run = await measureLookupMode({
          ...{ url: dev.url, apiKey: await addBenchSubscriber(dev.s3), singleBodies, batchBodies },
          ...{
            seconds: slow ? Math.min(seconds, 10) : seconds,
            saturate: !slow,
            warmUp: mode === 'durable-objects',
          },
          ...{ scratch: options.tempDirectory, audit, log },
        });
        runs[mode] = run;
        measurements.push(...lookupModeMeasurements(label, size, run));
        if (mode === 'durable-objects') {
          const name = (what: string) => `${label}: ${what} (${formatSize(size)})`;
          targets.push(
            checkTarget(
              name(`single check p99 at ${SINGLE_CHECK_RATE}/s, ms`),
              run.paced.p99,
              '<=',
              P99_TARGET_MS,
            ),
            checkTarget(
              name('errors'),
              run.paced.errors + run.mixedSingles.errors + run.mixedBatches.errors,
              '<=',
              0,
            ),
            checkTarget(name('shard bytes read per batch once warm'), run.batchBytes, '<=', 0),
          );
        }
      } finally {
        await dev.stop();
      }
    }

    log('edge: POST /v1/oprf/evaluate, one blinded element per request');
    const oprfEpoch = await runInChild<EdgeEpochTask, EdgeEpochOutcome>(
      EPOCH_CHILD,
      epochTask('oprf', OPRF_SIZE),
    );
    const backend = await createOprfBackend({ prefer: 'fast' });
    const encoder = new TextEncoder();
    const oprfBodies = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        elements: encodeElements(backend.blind([encoder.encode(nanp.nonMemberE164(i))]).blindedElements),
      }),
    );
    const oprfDev = await startBenchWranglerDev(options.tempDirectory, oprfEpoch.publicKey, {
      name: 'edge-oprf',
      vars: { QUIETLIST_OPRF_KEY: oprfEpoch.oprfKey! },
    });
    try {
      await copyStore(new FileStore(oprfEpoch.storeDirectory), oprfDev.s3);
      const apiKey = await addBenchSubscriber(oprfDev.s3);
      const first = await timedPost(oprfDev.url, '/v1/oprf/evaluate', apiKey, oprfBodies[0]!);
      const loadBefore = load();
      const evaluations = await loadIn(options.tempDirectory, {
        ...{ url: oprfDev.url, path: '/v1/oprf/evaluate', apiKey, bodies: oprfBodies },
        ...{ connections: 4, seconds, rate: SINGLE_CHECK_RATE },
      });
      measurements.push(
        { metric: 'oprf evaluate: first request after start (ms)', value: round(first) },
        {
          metric: 'oprf evaluate, 1 element: p50 / p90 / p99 / max (ms)',
          value: `${evaluations.p50} / ${evaluations.p90} / ${evaluations.p99} / ${evaluations.max}`,
        },
        { metric: 'oprf evaluate: errors', value: evaluations.errors },
        { metric: 'oprf evaluate: load average (1 / 5 / 15 min)', value: `${loadBefore} → ${load()}` },
      );
      targets.push(
        checkTarget(
          `oprf evaluate, 1 element: p99 at ${SINGLE_CHECK_RATE}/s (ms)`,
          evaluations.p99,
          '<=',
          P99_TARGET_MS,
        ),
        checkTarget('oprf evaluate: errors', evaluations.errors, '<=', 0),
      );
      notes.push(
        `oprf evaluate needs no shard, only the OPRF key: a ${OPRF_SIZE.toLocaleString('en-US')}-number oprf epoch measures it at any list size`,
      );
    } finally {
      await oprfDev.stop();
    }

    log('edge: CPU per request in-process (the worker code, shard objects in-process)');
    const store = new FileStore(epoch.storeDirectory);
    const inProcess = await measureInProcess(
      store,
      { publicKey: epoch.publicKey, hashKey },
      { single: singleBodies.slice(0, 200), batch: batchBodies },
      { epoch: epoch.epoch, path: 'shard-00000.qlbf' },
    );
    measurements.push(
      {
        metric: 'in-process: worker CPU per single check (ms)',
        size,
        value: round(inProcess.singleWorkerCpuMs, 3),
      },
      {
        metric: 'in-process: worker CPU per 1,000-number batch (ms)',
        size,
        value: round(inProcess.batchWorkerCpuMs, 2),
      },
      { metric: 'in-process: shard objects asked per batch', size, value: round(inProcess.shardsPerBatch) },
      {
        metric: 'in-process: warm shard object, time per lookup call (ms)',
        size,
        value: round(inProcess.holderMsPerCall, 4),
      },
      {
        metric: 'in-process: SHA-256 of one shard, WebCrypto (ms)',
        size,
        value: round(inProcess.shardSha256Ms),
      },
    );

    // Cost per million numbers. How long a shard object is active per request is bounded below by
    // the warm lookup measured in-process and above by the whole paced round trip (HTTP and worker included).
    const resident = runs['durable-objects'];
    const isolate = runs.isolate;
    if (resident) {
      const bounds = [inProcess.holderMsPerCall / 1000, resident.paced.p50 / 1000] as const;
      const quotaObject = 1; // every metered request asks its subscriber's SubscriberQuota object once
      const profilesOf = (activeSeconds: number): [string, RequestProfile][] => {
        const list: [string, RequestProfile][] = [
          [
            'single checks, Durable Objects',
            {
              ...{ numbers: 1, workerCpuMs: inProcess.singleWorkerCpuMs, objectRequests: quotaObject + 1 },
              ...{ objectActiveSeconds: activeSeconds, r2Reads: resident.singleBytes / averageShard },
            },
          ],
          [
            '1,000-number batches, Durable Objects',
            {
              ...{ numbers: 1000, workerCpuMs: inProcess.batchWorkerCpuMs },
              objectRequests: quotaObject + inProcess.shardsPerBatch,
              ...{ objectActiveSeconds: activeSeconds, r2Reads: resident.batchBytes / averageShard },
            },
          ],
        ];
        if (isolate) {
          // Each shard read from R2 is one Class B read, and verifying it (SHA-256) is Worker CPU.
          const singleReads = isolate.singleBytes / averageShard;
          // A run whose batches could not finish leaves the first batch's reads as the measure.
          const batchReads = Math.max(isolate.batchBytes, isolate.coldBatchBytes) / averageShard;
          list.push(
            [
              'single checks, isolate cache',
              {
                numbers: 1,
                workerCpuMs: inProcess.singleWorkerCpuMs + singleReads * inProcess.shardSha256Ms,
                ...{ objectRequests: quotaObject, objectActiveSeconds: activeSeconds, r2Reads: singleReads },
              },
            ],
            [
              '1,000-number batches, isolate cache',
              {
                numbers: 1000,
                workerCpuMs: inProcess.batchWorkerCpuMs + batchReads * inProcess.shardSha256Ms,
                ...{ objectRequests: quotaObject, objectActiveSeconds: activeSeconds, r2Reads: batchReads },
              },
            ],
          );
        }
        return list;
      };
      const [low, high] = bounds.map(profilesOf);
      for (const [i, [name, profile]] of low!.entries()) {
        const cheap = costPerMillionNumbers(profile);
        const dear = costPerMillionNumbers(high![i]![1]);
        measurements.push({
          metric: `cost per million numbers, ${name} (USD, object active ${round(bounds[0] * 1000, 3)} / ${round(bounds[1] * 1000)} ms)`,
          size,
          value: `${cheap.total.toFixed(4)} / ${dear.total.toFixed(4)}`,
        });
        notes.push(formatCost(`${name} (object active ${round(bounds[0] * 1000, 3)} ms)`, cheap));
      }
      const residentGbSeconds = epoch.shards * PRICES.objectGb * 30 * 86_400;
      notes.push(
        `residency (SHARD_RESIDENCY_SECONDS, default 60): an object stays in memory a minute after its last lookup instead of hibernating, and is billed for it; with lookups reaching every shard at least once a minute, ${epoch.shards} objects × 0.128 GB × 2,592,000 s = ${Math.round(residentGbSeconds).toLocaleString('en-US')} GB-s a month = $${((Math.max(0, residentGbSeconds - 400_000) * 12.5) / 1e6).toFixed(0)} a month beyond the 400,000 GB-s included, whatever the volume; SHARD_RESIDENCY_SECONDS=0 drops it, and an object idle 10 s then wakes from its SQLite copy`,
        `Durable Object duration: a warm lookup takes ${round(inProcess.holderMsPerCall * 1000)} µs in-process (the low figure); the high figure takes the whole paced round trip (${resident.paced.p50} ms) as active time`,
      );
    }
    notes.push(
      'wrangler dev runs workerd on this machine: Durable Objects are in the same process, so the figures have no network hop; on Cloudflare a shard object lives in one location and a request from far away adds that distance',
      'load average: the 1-minute figure before and after each load run; the machine is shared (other jobs run), and the load generator runs in its own process beside workerd',
    );
    return { measurements, targets, notes };
  },
};
