/**
 * The oprf scrub end to end: a call list of distinct numbers none of which the client has evaluated
 * before, scrubbed against an oprf-mode epoch through a real worker (`quietlist serve` in its own
 * process) over loopback HTTP: blinding, batched evaluations with proofs, unblinding on every core,
 * journaling, filter lookups, CSV in and out. 1M rows by default (20k with --quick). In the same run,
 * the client's floor (oprf-floor.ts: its group operations alone): the client's CPU per number is
 * reported against it (issue 23: within 1.3×), the server's CPU apart (it is not the client's), and
 * wall time beside the floor's wall time on this machine's cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateApiKey, hashApiKey, writeSubscriber } from '../src/api/auth/subscribers.ts';
import type { InputRecord } from '../src/builder/input/record.ts';
import { runBuild } from '../src/builder/run-build.ts';
import { pull } from '../src/client/pull/pull.ts';
import { scrub } from '../src/client/scrub/scrub.ts';
import { openEpochSource } from '../src/client/sources/open-source.ts';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../src/core/epoch/signing.ts';
import { createOprfBackend } from '../src/oprf/backend.ts';
import type { RistrettoGroup } from '../src/oprf/group.ts';
import { loadNativeGroup } from '../src/oprf/native/native-backend.ts';
import { loadSodiumGroup } from '../src/oprf/sodium/sodium-backend.ts';
import { FileStore } from '../src/storage/file-store.ts';
import { FLOOR_NOTE, measureClientFloor } from './oprf-floor.ts';
import { type BenchSuite, checkTarget } from './support/suite.ts';
import { NON_MEMBER_START, SyntheticNumbers } from './support/synthetic-numbers.ts';

const BIN = fileURLToPath(new URL('../bin/quietlist.mjs', import.meta.url));
/** One row in ten is registered (distinct registered numbers: the epoch holds rows ÷ 10). */
const REGISTERED_SHARE = 10;
const TARGET_FLOOR_RATIO = 1.3;
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream architecture). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux). */
function childCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

async function* rowsOf(numbers: string[]): AsyncIterable<InputRecord[]> {
  yield numbers.map((phone, i) => ({ line: i + 1, phone }));
}

/** `quietlist serve` in a child process; resolves with its URL once it listens. */
function serve(storeDirectory: string, keysDirectory: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const args = [
      'serve',
      '--store',
      `file://${storeDirectory}`,
      '--keys',
      keysDirectory,
      '--port',
      '0',
      '--rate-limit',
      '1000000000',
    ];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const url = /quietlist API on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) =>
      reject(new Error(`quietlist serve exited (${code}): ${output.slice(-500)}`)),
    );
  });
}

export const oprfScrubSuite: BenchSuite = {
  name: 'oprf-scrub',
  description: 'scrub a call list against an oprf-mode epoch through a real worker on loopback',
  async run(options, log) {
    const rows = options.sizes?.[0] ?? (options.quick ? 20_000 : 1_000_000);
    const registeredCount = Math.ceil(rows / REGISTERED_SHARE);
    const backend = await createOprfBackend({ prefer: 'fast' });
    const cores = availableParallelism();
    const numbers = new SyntheticNumbers(options.seed);
    const signing = generateSigningKeyPair();
    const oprfKey = backend.generateKeyPair();
    const keys = join(options.tempDirectory, 'keys');
    mkdirSync(keys, { recursive: true });
    writeFileSync(join(keys, 'signing.pub'), toBase64(signing.publicKey));
    writeFileSync(join(keys, 'oprf.key'), toBase64(oprfKey.secretKey), { mode: 0o600 });
    const storeDirectory = join(options.tempDirectory, 'store');
    const store = new FileStore(storeDirectory);
    log(
      `oprf-scrub: building an oprf epoch of ${registeredCount.toLocaleString('en')} numbers (${backend.name})`,
    );
    const registered = Array.from({ length: registeredCount }, (_, i) => numbers.e164(i));
    await runBuild({
      ...{
        rows: rowsOf(registered),
        region: 'FR',
        mode: 'oprf',
        signingKeys: signing,
        falsePositiveRate: 1e-6,
      },
      oprf: {
        backend,
        secretKey: oprfKey.secretKey,
        stateDirectory: join(options.tempDirectory, 'state'),
        fullRebuild: true,
      },
      ...{ store, dryRun: false, keepEpochs: 2, maxRejectRate: 0.5, maxShrink: 1, now: new Date() },
    });
    const { key, id } = generateApiKey();
    await writeSubscriber(store, {
      ...{ version: 1, id, name: 'bench', keyHash: await hashApiKey(key), scopes: ['download', 'check'] },
      ...{ dailyQuota: 100_000_000, createdAt: new Date().toISOString(), revokedAt: null },
    });
    const worker = await serve(storeDirectory, keys);
    try {
      const cache = join(options.tempDirectory, 'cache');
      await pull({
        source: openEpochSource(worker.url),
        cacheDirectory: cache,
        publicKey: signing.publicKey,
      });
      // One row in ten is registered, in national spelling; the others are not; no number twice.
      const lines = ['id,phone'];
      for (let i = 0; i < rows; i++) {
        lines.push(
          `${i},${i % REGISTERED_SHARE === 0 ? numbers.national(i / REGISTERED_SHARE) : numbers.e164(NON_MEMBER_START + i)}`,
        );
      }
      const input = join(options.tempDirectory, 'calls.csv');
      writeFileSync(input, `${lines.join('\n')}\n`);
      lines.length = 0;
      // The floor, in this run, on the group the client's backend uses.
      const group: RistrettoGroup = backend.name === 'native' ? loadNativeGroup() : await loadSodiumGroup();
      const floorInputs = Array.from({ length: 1000 }, (_, i) => new TextEncoder().encode(numbers.e164(i)));
      measureClientFloor(group, floorInputs, 1);
      const floor = measureClientFloor(group, floorInputs, 5);
      log(
        `oprf-scrub: floor ${(floor.groupOperations * 1e6).toFixed(1)} µs of group operations per number; scrubbing ${rows.toLocaleString('en')} new numbers through ${worker.url} on ${cores} cores`,
      );
      const { createReadStream } = await import('node:fs');
      const serverCpuStart = childCpuSeconds(worker.child.pid);
      const clientCpuStart = processCpuSeconds();
      const started = performance.now();
      const report = await scrub({
        cacheDirectory: cache,
        input: createReadStream(input),
        inputName: 'calls.csv',
        columns: ['phone'],
        outputs: {
          clean: { path: join(options.tempDirectory, 'clean.csv') },
          listed: { path: join(options.tempDirectory, 'listed.csv') },
        },
        oprf: { url: worker.url, apiKey: key, backend, concurrency: 4 },
      });
      const seconds = (performance.now() - started) / 1000;
      const clientCpu = processCpuSeconds() - clientCpuStart;
      const serverCpu = childCpuSeconds(worker.child.pid) - serverCpuStart;
      const rate = rows / seconds;
      const projectedMinutes = 1e6 / rate / 60;
      const expectedListed = Math.ceil(rows / REGISTERED_SHARE);
      const evaluated = report.oprfEvaluated ?? 0;
      const clientPerNumber = clientCpu / Math.max(1, evaluated);
      const floorRatio = clientPerNumber / floor.groupOperations;
      const floorWall = (rows * floor.groupOperations) / cores;
      const µs = (value: number) => Number((value * 1e6).toFixed(1));
      return {
        measurements: [
          { metric: `oprf scrub (${backend.name}), rows/s (wall)`, size: rows, value: Math.round(rate) },
          { metric: 'wall time (s)', size: rows, value: Number(seconds.toFixed(1)) },
          { metric: 'numbers evaluated by the worker (new, distinct)', size: rows, value: evaluated },
          {
            metric: 'client CPU, main + OPRF threads (µs per number)',
            size: rows,
            value: µs(clientPerNumber),
          },
          {
            metric: `client floor: group operations alone (µs per number, ${backend.name})`,
            size: rows,
            value: µs(floor.groupOperations),
          },
          { metric: 'client CPU ÷ floor (×)', size: rows, value: Number(floorRatio.toFixed(2)) },
          {
            metric: `floor wall on ${cores} cores (s) / scrub wall (s)`,
            size: rows,
            value: `${floorWall.toFixed(1)} / ${seconds.toFixed(1)}`,
          },
          {
            metric: 'server CPU, quietlist serve (µs per number)',
            size: rows,
            value: µs(serverCpu / Math.max(1, evaluated)),
          },
          {
            metric: 'listed rows (expected: every registered row)',
            size: rows,
            value: `${report.result.counts.listed} of ${expectedListed}`,
          },
          {
            metric: '1M-row oprf scrub, minutes (wall)',
            size: 1e6,
            projected: rows !== 1e6,
            value: Number(projectedMinutes.toFixed(1)),
          },
        ],
        targets: [
          checkTarget('client CPU per number ÷ floor', floorRatio, '<=', TARGET_FLOOR_RATIO, '×'),
          checkTarget('1M-row oprf scrub (minutes, wall)', projectedMinutes, '<=', 10),
          checkTarget(
            'no false negative (listed ≥ registered rows)',
            report.result.counts.listed >= expectedListed ? 1 : 0,
            '>=',
            1,
            'bool',
          ),
        ],
        notes: [
          `client (CSV, normalisation, requests, journal, filter lookups on the main thread; blind, verify, unblind on ${cores} OPRF threads) and worker (\`quietlist serve\`, one process) share this machine's ${cores} cores; loopback HTTP.`,
          'client CPU = process.cpuUsage() of the bench process over the scrub (main thread and its threads); server CPU from /proc of the serve process; on a shared machine CPU seconds per number are the comparable figures, wall time depends on the other jobs.',
          FLOOR_NOTE,
          `floor ${(floor.groupOperations * 1e6).toFixed(1)} µs = hash to group ${(floor.hashToGroup * 1e6).toFixed(1)} + blind ${(floor.blind * 1e6).toFixed(1)} + unblind ${(floor.unblind * 1e6).toFixed(1)} + composites ${(floor.composites * 1e6).toFixed(1)}; hashing and scalars beside it ${(floor.hashingAndScalars * 1e6).toFixed(1)} µs`,
        ],
      };
    } finally {
      worker.child.kill('SIGTERM');
    }
  },
};
