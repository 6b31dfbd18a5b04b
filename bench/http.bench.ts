/**
 * The HTTP suite: `quietlist serve` (the Hono app on @hono/node-server, over a file:// store) loaded by
 * autocannon on loopback with batches of 100 and 1,000 numbers: requests/s, numbers checked/s, p50 and
 * p99 latency, errors. The quota is the SQLite counter `serve` deploys; the same load with the in-memory
 * counter gives the cost of sharing it (ratio), for /v1/check and /v1/oprf/evaluate (1,000 blinded
 * elements). A flood of bad keys beside a subscriber's load shows the per-address failure limit. Also the first request after an epoch switch (manifest verification and shard
 * loading included), and the in-process lookup rate the HTTP path is compared with (normalise + HMAC +
 * filter, the same work without HTTP and JSON). The server runs in its own process, so it and the load
 * generator do not share an event loop (on 2 cores they still share the machine: noted in the output).
 * Then the same load for batches of 1,000 against `wrangler dev` (workerd, local R2 seeded through its
 * S3 API), for reference only: dev mode is not the edge.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseApiConfig } from '../src/api/config.ts';
import { LeasedQuotaCounter } from '../src/api/quota/leased.ts';
import { MemoryQuotaCounter } from '../src/api/quota/memory.ts';
import type { QuotaCounter } from '../src/api/quota/quota.ts';
import { SqliteQuotaCounter } from '../src/api/quota/sqlite.ts';
import type { InputRecord } from '../src/builder/input/record.ts';
import { runBuild } from '../src/builder/run-build.ts';
import { createKeyedHasher } from '../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { epochPrefix } from '../src/core/epoch/pointer.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../src/core/epoch/signing.ts';
import { parseFilter } from '../src/core/filter/format.ts';
import { FilterSet } from '../src/core/filter/shard-set.ts';
import { readPhone } from '../src/core/phone/normalize.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
import { encodeElements } from '../src/oprf/wire.ts';
import { FileStore } from '../src/storage/file-store.ts';
import type { ObjectStore } from '../src/storage/object-store.ts';
import { BENCH_HASH_KEY } from './support/bench-key.ts';
import { formatSize } from './support/report.ts';
import { addBenchSubscriber, startBenchWranglerDev } from './support/services.ts';
import { type BenchSuite, checkTarget, type Measurement, type TargetCheck } from './support/suite.ts';
import { NON_MEMBER_START, SyntheticNumbers } from './support/synthetic-numbers.ts';

const RATE = 1e-6;
const BATCHES = [100, 1000] as const;
const SERVER_FLAG = '--http-bench-server';
const THIS_FILE = fileURLToPath(import.meta.url);

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface ServerTask {
  storeDirectory: string;
  publicKey: string;
  /**
   * The quota counter in the path: the shared SQLite one `serve` uses, the in-memory baseline, or the
   * several-host one (`serve --shared-quota`: blocks leased from the store, charged in SQLite).
   */
  quotas: QuotaKind;
  /** Units per lease of the `leased` counter. */
  leaseBlock?: number;
  stateDirectory: string;
  /** Base64 OPRF secret key, for the oprf-mode store. */
  oprfKey?: string;
}

/** Child side: serve the API until killed; report the URL over IPC. */
async function runServerChild(task: ServerTask): Promise<void> {
  const { startApiServer } = await import('../src/cli/commands/serve.ts');
  const config = parseApiConfig({
    QUIETLIST_PUBLIC_KEY: task.publicKey,
    POINTER_TTL_SECONDS: '1',
    RATE_LIMIT_REQUESTS: '1000000000',
    SHARD_CACHE_MB: '512',
    QUIETLIST_OPRF_KEY: task.oprfKey,
  });
  const quotas =
    task.quotas === 'memory'
      ? new MemoryQuotaCounter()
      : task.quotas === 'sqlite'
        ? new SqliteQuotaCounter(task.stateDirectory)
        : new LeasedQuotaCounter(
            new SqliteQuotaCounter(task.stateDirectory),
            new FileStore(task.storeDirectory),
            {
              block: task.leaseBlock,
            },
          );
  const server = await startApiServer(
    { store: new FileStore(task.storeDirectory), config, quotas },
    { port: 0, host: '127.0.0.1' },
  );
  process.send?.({ url: server.url });
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

function startServerChild(task: ServerTask): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    // Audit lines go to the child's stdout, discarded here: the cost of writing them is measured.
    const child = fork(THIS_FILE, [SERVER_FLAG, JSON.stringify(task)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    child.once('message', (message) => {
      const stop = () =>
        new Promise<void>((done) => {
          child.removeAllListeners('exit');
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url: (message as { url: string }).url, stop });
    });
  });
}

async function* rows(numbers: SyntheticNumbers, from: number, size: number): AsyncIterable<InputRecord[]> {
  for (let start = 0; start < size; start += 10_000) {
    const end = Math.min(size, start + 10_000);
    yield Array.from({ length: end - start }, (_, i) => ({
      line: start + i + 1,
      phone: numbers.e164(from + start + i),
    }));
  }
}

async function publish(
  store: ObjectStore,
  numbers: SyntheticNumbers,
  from: number,
  size: number,
  keys: SigningKeyPair,
  tempDirectory: string,
) {
  const report = await runBuild({
    rows: rows(numbers, from, size),
    region: 'FR',
    mode: 'open',
    hashKey: BENCH_HASH_KEY,
    signingKeys: keys,
    falsePositiveRate: RATE,
    store,
    tempDirectory,
    dryRun: false,
    keepEpochs: 3,
    maxRejectRate: 0.01,
    maxShrink: 1,
    now: new Date(),
  });
  return report.signed.manifest;
}

type QuotaKind = 'sqlite' | 'memory' | 'leased';
/** `measured` ÷ `baseline`: the SQLite quota against the in-memory one, or the leased against SQLite. */
interface PairResult {
  measured: LoadResult;
  baseline: LoadResult;
  ratio: number;
}

/** Both servers up at once (the idle one costs nothing), loaded in alternating rounds; medians compared. */
async function comparePair(
  start: (quotas: QuotaKind) => Promise<{ url: string; stop(): Promise<void> }>,
  run: (url: string) => Promise<LoadResult>,
  warm: (url: string) => Promise<{ status: number; text: string }>,
  kinds: readonly [measured: QuotaKind, baseline: QuotaKind] = ['sqlite', 'memory'],
): Promise<PairResult> {
  const [measuredKind, baselineKind] = kinds;
  const servers = [await start(measuredKind), await start(baselineKind)] as const;
  try {
    const rounds: [LoadResult[], LoadResult[]] = [[], []];
    for (const [i, server] of servers.entries()) {
      const answer = await warm(server.url);
      if (answer.status !== 200)
        throw new Error(`${kinds[i]} warm-up answered ${answer.status}: ${answer.text}`);
    }
    for (let round = 0; round < 3; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) rounds[i]!.push(await run(servers[i]!.url));
    }
    const median = (results: LoadResult[]) => [...results].sort((a, b) => a.rps - b.rps)[1]!;
    const errors = (results: LoadResult[]) => results.reduce((sum, r) => sum + r.errors, 0);
    const [measured, baseline] = rounds.map((results) => ({ ...median(results), errors: errors(results) }));
    return { measured: measured!, baseline: baseline!, ratio: measured!.rps / baseline!.rps };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function pairMeasurements(
  label: string,
  pair: PairResult,
  batch: number,
  [measured, baseline] = ['SQLite', 'in-memory'],
): Measurement[] {
  const round = (value: number) => Math.round(value * 10) / 10;
  return [
    { metric: `${label}, ${measured} quota: requests/s (median)`, value: round(pair.measured.rps) },
    { metric: `${label}, ${baseline} quota: requests/s (median)`, value: round(pair.baseline.rps) },
    { metric: `${label}, ${measured} quota: units/s`, value: Math.round(pair.measured.rps * batch) },
    {
      metric: `${label}, ${measured} / ${baseline} p50 (ms)`,
      value: `${pair.measured.p50} / ${pair.baseline.p50}`,
    },
    { metric: `${label}, errors (all rounds, both)`, value: pair.measured.errors + pair.baseline.errors },
    { metric: `${label}: ${measured} quota ÷ ${baseline} quota`, value: Math.round(pair.ratio * 100) / 100 },
  ];
}

/** The counter alone, in this process: what one request's check-and-charge costs. */
async function reserveCost(
  stateDirectory: string,
): Promise<{ sqlite: number; memory: number; leased1000: number; leased100k: number }> {
  const limits = { daily: Number.MAX_SAFE_INTEGER, monthly: null };
  const time = async (counter: QuotaCounter, count = 20_000) => {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await counter.reserve({ subscriberId: `subscribers${i % 10}`, amount: 1000, limits, at: Date.now() });
    }
    return Math.round((((performance.now() - started) * 1000) / count) * 10) / 10;
  };
  const sqliteCounter = new SqliteQuotaCounter(stateDirectory);
  // Leases from a file:// store; each reservation of 1,000 units takes a new block of 1,000.
  const leasedCounter = (block: number) => {
    const database = new SqliteQuotaCounter(join(stateDirectory, `leased-${block}`));
    databases.push(database);
    return new LeasedQuotaCounter(database, new FileStore(join(stateDirectory, `leases-${block}`)), {
      block,
    });
  };
  const databases = [sqliteCounter];
  try {
    return {
      sqlite: await time(sqliteCounter),
      memory: await time(new MemoryQuotaCounter()),
      leased1000: await time(leasedCounter(1000), 2_000),
      leased100k: await time(leasedCounter(100_000)),
    };
  } finally {
    for (const database of databases) database.close();
  }
}

/** A small oprf-mode epoch in its own store, a subscriber, and request bodies of 1,000 blinded elements. */
async function oprfStore(tempDirectory: string, numbers: SyntheticNumbers, signingKeys: SigningKeyPair) {
  const backend = await createOprfBackend({ prefer: 'fast' });
  const oprfKey = backend.generateKeyPair();
  const storeDirectory = join(tempDirectory, 'oprf-store');
  const store = new FileStore(storeDirectory);
  await runBuild({
    ...{ rows: rows(numbers, 0, 10_000), region: 'FR', mode: 'oprf', signingKeys, falsePositiveRate: RATE },
    oprf: {
      backend,
      secretKey: oprfKey.secretKey,
      stateDirectory: join(tempDirectory, 'oprf-build'),
      fullRebuild: true,
    },
    ...{
      store,
      tempDirectory,
      dryRun: false,
      keepEpochs: 2,
      maxRejectRate: 0.01,
      maxShrink: 1,
      now: new Date(),
    },
  });
  const apiKey = await addBenchSubscriber(store);
  const encoder = new TextEncoder();
  const bodies = Array.from({ length: 4 }, (_, b) => {
    const inputs = Array.from({ length: 1000 }, (_, i) =>
      encoder.encode(numbers.e164(NON_MEMBER_START + b * 1000 + i)),
    );
    return JSON.stringify({ elements: encodeElements(backend.blind(inputs).blindedElements) });
  });
  return { storeDirectory, oprfKey: toBase64(oprfKey.secretKey), apiKey, bodies, backend: backend.name };
}

/** Half members, half non-members. */
function batchOf(numbers: SyntheticNumbers, size: number, members: number, offset: number): string[] {
  return Array.from({ length: size }, (_, i) =>
    i % 2 === 0 ? numbers.e164((offset + i) % members) : numbers.e164(NON_MEMBER_START + offset + i),
  );
}

/** In-process: the same per-number work as the API (normalise, HMAC, filter), without HTTP or JSON. */
async function inProcessRate(store: FileStore, epoch: string, paths: string[], sample: string[]) {
  const shards = [];
  for (const path of paths) shards.push(parseFilter((await store.get(`${epochPrefix(epoch)}${path}`))!.body));
  const set = new FilterSet(
    shards[0]!.shardPrefixBits,
    shards.map((shard) => shard.filter),
  );
  const hasher = createKeyedHasher(BENCH_HASH_KEY);
  let best = 0;
  let hits = 0;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < 400) {
      for (const raw of sample) {
        const read = readPhone(raw, 'FR');
        if (read.ok && read.readings.some((reading) => set.has(hasher.digest(reading.key)))) hits++;
      }
      done += sample.length;
    }
    best = Math.max(best, done / ((performance.now() - started) / 1000));
  }
  return hits > 0 ? best : 0;
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(
  url: string,
  key: string,
  bodies: string[],
  seconds: number,
  path = '/v1/check',
): Promise<LoadResult & { statuses: Record<string, number> }> {
  const result = await autocannon({
    url: `${url}${path}`,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    connections: 4,
    pipelining: 1,
    duration: seconds,
    requests: bodies.map((body) => ({ method: 'POST', body })),
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    statuses: (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats
      ? Object.fromEntries(
          Object.entries(
            (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats,
          ).map(([code, stat]) => [code, stat.count]),
        )
      : {},
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

function loadMeasurements(label: string, batch: number, r: LoadResult): Measurement[] {
  return [
    { metric: `${label} batch ${batch}: requests/s`, value: Math.round(r.rps) },
    { metric: `${label} batch ${batch}: numbers checked/s`, value: Math.round(r.rps * batch) },
    { metric: `${label} batch ${batch}: latency p50 / p99 (ms)`, value: `${r.p50} / ${r.p99}` },
    { metric: `${label} batch ${batch}: errors (errors+timeouts+non-2xx)`, value: r.errors },
  ];
}

async function post(url: string, key: string, body: string) {
  const started = performance.now();
  const response = await fetch(`${url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

export const httpSuite: BenchSuite = {
  name: 'http',
  description:
    'quietlist serve and wrangler dev on loopback (autocannon): check and oprf evaluate with the SQLite quota vs in-memory, bad-key flood, epoch switch',
  async run(options, log) {
    const members = options.sizes?.[0] ?? (options.quick ? 100_000 : 1_000_000);
    const seconds = options.quick ? 3 : 10;
    const roundSeconds = options.quick ? 2 : 5;
    const numbers = new SyntheticNumbers(options.seed);
    const storeDirectory = join(options.tempDirectory, 'store');
    const store = new FileStore(storeDirectory);
    const keys = generateSigningKeyPair();
    const bodiesOf = (batch: number) =>
      Array.from({ length: 16 }, (_, i) =>
        JSON.stringify({ numbers: batchOf(numbers, batch, members, i * batch) }),
      );
    log(`http: building and publishing ${formatSize(members)} synthetic numbers`);
    const manifest = await publish(store, numbers, 0, members, keys, options.tempDirectory);
    const key = await addBenchSubscriber(store);
    const sample = batchOf(numbers, 1000, members, 7);
    const paths = manifest.shards.map((shard) => shard.path);
    const inProcess = await inProcessRate(store, manifest.epoch, paths, sample);
    log(`http: in-process lookups ${Math.round(inProcess).toLocaleString('en-US')} numbers/s`);
    const measurements: Measurement[] = [
      { metric: 'in-process normalise+HMAC+lookup (numbers/s)', size: members, value: Math.round(inProcess) },
    ];
    const targets: TargetCheck[] = [];
    const notes = [
      `4 connections on loopback; ${members.toLocaleString('en-US')} members, ε = ${RATE}; Node server in a child process`,
      'on a 2-core machine the load generator and the server compete for the CPU: the HTTP figures are a floor',
    ];

    const publicKey = toBase64(keys.publicKey);
    const stateOf = (name: string) => join(options.tempDirectory, `state-${name}`);
    // The deployed path: quotas in the SQLite database shared by the host's serve processes.
    const server = await startServerChild({
      ...{ storeDirectory, publicKey },
      ...{ quotas: 'sqlite', stateDirectory: stateOf('check') },
    });
    try {
      const warm = await post(server.url, key, JSON.stringify({ numbers: sample }));
      if (warm.status !== 200) throw new Error(`warm-up check answered ${warm.status}: ${warm.text}`);
      for (const batch of BATCHES) {
        log(`http: node, autocannon ${seconds} s, batches of ${batch}`);
        const result = await load(server.url, key, bodiesOf(batch), seconds);
        measurements.push(...loadMeasurements('node', batch, result));
        targets.push(checkTarget(`node batch ${batch}: errors`, result.errors, '<=', 0));
        targets.push(
          checkTarget(`node batch ${batch}: p99 / p50`, result.p99 / Math.max(result.p50, 1), '<=', 10, '×'),
        );
        if (batch === 1000) {
          const ratio = (result.rps * batch) / inProcess;
          targets.push(checkTarget('node numbers/s ÷ in-process (batch 1000)', ratio, '>=', 0.5, '%'));
        }
      }
      log('http: a flood of bad keys next to a subscriber: batches of 100 alone, then with the flood');
      const alone = await load(server.url, key, bodiesOf(100), seconds);
      const badKey = `ql_${'z'.repeat(12)}_${'A'.repeat(43)}`;
      const [beside, flood] = await Promise.all([
        load(server.url, key, bodiesOf(100), seconds),
        load(server.url, badKey, [JSON.stringify({ numbers: ['+33612000001'] })], seconds),
      ]);
      const floodTotal = Object.values(flood.statuses).reduce((sum, n) => sum + n, 0);
      measurements.push(
        { metric: 'bad-key flood: subscriber requests/s alone (batch 100)', value: Math.round(alone.rps) },
        { metric: 'bad-key flood: subscriber requests/s during the flood', value: Math.round(beside.rps) },
        {
          metric: 'bad-key flood: subscriber p99 alone / during (ms)',
          value: `${alone.p99} / ${beside.p99}`,
        },
        { metric: 'bad-key flood: flood requests/s', value: Math.round(flood.rps) },
        {
          metric: 'bad-key flood: share answered 429 before any key lookup',
          value: `${Math.round(((flood.statuses['429'] ?? 0) / Math.max(1, floodTotal)) * 1000) / 10}%`,
        },
      );
      targets.push(checkTarget('bad-key flood: subscriber errors during the flood', beside.errors, '<=', 0));
      notes.push(
        'bad-key flood: both loads run from 127.0.0.1 (one address): the flood spends its 30 failures a minute, then gets 429 without a lookup; the cached valid key keeps being served. On 2 cores the flood generator itself takes CPU from the server',
      );
      log('http: publishing a second epoch, then timing the first request that sees it');
      const next = await publish(store, numbers, members / 2, members, keys, options.tempDirectory);
      const body = JSON.stringify({ numbers: batchOf(numbers, 1000, members, 3) });
      let first = { ms: 0, epoch: '' };
      for (let attempt = 0; attempt < 50 && first.epoch !== next.epoch; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const response = await post(server.url, key, body);
        first = { ms: response.ms, epoch: (JSON.parse(response.text) as { epoch: string }).epoch };
      }
      const steady: number[] = [];
      for (let i = 0; i < 21; i++) steady.push((await post(server.url, key, body)).ms);
      steady.sort((a, b) => a - b);
      measurements.push(
        {
          metric: `epoch switch: first request, 1,000 numbers, ${next.shards.length} shard(s) verified (ms)`,
          value: Math.round(first.ms * 10) / 10,
        },
        { metric: 'epoch switch: later requests, median (ms)', value: Math.round(steady[10]! * 10) / 10 },
      );
      targets.push(
        checkTarget(
          'epoch switch answered by the new epoch',
          first.epoch === next.epoch ? 1 : 0,
          '>=',
          1,
          'bool',
        ),
      );
    } finally {
      await server.stop();
    }

    log('http: SQLite quota vs in-memory quota, batches of 1000, alternating rounds');
    const checkPair = await comparePair(
      (quotas) =>
        startServerChild({
          ...{ storeDirectory, publicKey },
          ...{ quotas, stateDirectory: stateOf('pair') },
        }),
      (url) => load(url, key, bodiesOf(1000), roundSeconds),
      (url) => post(url, key, JSON.stringify({ numbers: sample })),
    );
    measurements.push(...pairMeasurements('check, 1,000 numbers', checkPair, 1000));
    targets.push(
      checkTarget('check batch 1000: SQLite quota ÷ in-memory quota', checkPair.ratio, '>=', 0.8, '%'),
    );

    // Several hosts (`serve --shared-quota`): blocks leased from the store (file:// here) by compare-and-
    // swap. Block 1,000 with batches of 1,000 is the worst case (a lease per request); 10,000 the default.
    for (const block of [1000, 10_000, 100_000]) {
      log(`http: leased quota (blocks of ${block}) vs SQLite quota, batches of 1000, alternating rounds`);
      const leasedPair = await comparePair(
        (quotas) =>
          startServerChild({
            ...{ storeDirectory, publicKey, leaseBlock: block },
            ...{ quotas, stateDirectory: stateOf(`leased-${block}-${quotas}`) },
          }),
        (url) => load(url, key, bodiesOf(1000), roundSeconds),
        (url) => post(url, key, JSON.stringify({ numbers: sample })),
        ['leased', 'sqlite'],
      );
      measurements.push(
        ...pairMeasurements(`check, 1,000 numbers, blocks of ${block}`, leasedPair, 1000, [
          'leased',
          'SQLite',
        ]),
      );
    }

    log('http: POST /v1/oprf/evaluate, 1,000 elements, SQLite quota vs in-memory quota, alternating rounds');
    const oprf = await oprfStore(options.tempDirectory, numbers, keys);
    const evaluate = (url: string) =>
      fetch(`${url}/v1/oprf/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${oprf.apiKey}`, 'content-type': 'application/json' },
        body: oprf.bodies[0],
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    const oprfPair = await comparePair(
      (quotas) =>
        startServerChild({
          ...{ storeDirectory: oprf.storeDirectory, publicKey, oprfKey: oprf.oprfKey },
          ...{ quotas, stateDirectory: stateOf('oprf') },
        }),
      (url) => load(url, oprf.apiKey, oprf.bodies, roundSeconds, '/v1/oprf/evaluate'),
      evaluate,
    );
    measurements.push(...pairMeasurements(`oprf evaluate (${oprf.backend}), 1,000 elements`, oprfPair, 1000));
    targets.push(
      checkTarget('oprf batch 1000: SQLite quota ÷ in-memory quota', oprfPair.ratio, '>=', 0.8, '%'),
    );

    const cost = await reserveCost(join(options.tempDirectory, 'state-micro'));
    measurements.push(
      { metric: 'quota reserve in-process, SQLite (µs per request)', value: cost.sqlite },
      { metric: 'quota reserve in-process, in-memory (µs per request)', value: cost.memory },
      { metric: 'quota reserve in-process, leased, a block per request (µs)', value: cost.leased1000 },
      { metric: 'quota reserve in-process, leased, blocks of 100,000 (µs)', value: cost.leased100k },
    );
    notes.push(
      'SQLite vs in-memory quota: two servers, 3 alternating rounds each, median requests/s (the machine load moves between rounds)',
    );

    log('http: wrangler dev (local R2 seeded through its S3 API), batches of 1000');
    try {
      const dev = await startBenchWranglerDev(options.tempDirectory, toBase64(keys.publicKey));
      try {
        await publish(dev.s3, numbers, 0, members, keys, options.tempDirectory);
        const devKey = await addBenchSubscriber(dev.s3);
        const warm = await post(dev.url, devKey, JSON.stringify({ numbers: sample }));
        if (warm.status !== 200) throw new Error(`warm-up answered ${warm.status}`);
        measurements.push(
          ...loadMeasurements('wrangler dev', 1000, await load(dev.url, devKey, bodiesOf(1000), seconds)),
        );
        notes.push(
          'wrangler dev figures are for reference: workerd in dev mode, on the same 2 cores, is not the edge',
        );
      } finally {
        dev.stop();
      }
    } catch (error) {
      notes.push(`wrangler dev not measured: ${(error as Error).message}`);
    }
    return { measurements, targets, notes };
  },
};

if (process.argv[2] === SERVER_FLAG) void runServerChild(JSON.parse(process.argv[3]!) as ServerTask);
