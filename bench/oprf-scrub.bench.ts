/**
 * The oprf scrub end to end: a call list scrubbed against an oprf-mode epoch through a real worker
 * (`quietlist serve` in its own process, the second core) over loopback HTTP: blinding, batched
 * evaluations with proofs, unblinding, journaling, filter lookups, CSV in and out. Measured at 100k
 * rows (20k with --quick) and projected to 1M; target (issue 5): 1M under 10 minutes on this machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { FileStore } from '../src/storage/file-store.ts';
import { type BenchSuite, checkTarget } from './support/suite.ts';
import { NON_MEMBER_START, SyntheticNumbers } from './support/synthetic-numbers.ts';

const BIN = fileURLToPath(new URL('../bin/quietlist.mjs', import.meta.url));
const REGISTERED = 20_000;

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
    const rows = options.sizes?.[0] ?? (options.quick ? 20_000 : 100_000);
    const backend = await createOprfBackend({ prefer: 'fast' });
    const numbers = new SyntheticNumbers(options.seed);
    const signing = generateSigningKeyPair();
    const oprfKey = backend.generateKeyPair();
    const keys = join(options.tempDirectory, 'keys');
    mkdirSync(keys, { recursive: true });
    writeFileSync(join(keys, 'signing.pub'), toBase64(signing.publicKey));
    writeFileSync(join(keys, 'oprf.key'), toBase64(oprfKey.secretKey), { mode: 0o600 });
    const storeDirectory = join(options.tempDirectory, 'store');
    const store = new FileStore(storeDirectory);
    log(`oprf-scrub: building an oprf epoch of ${REGISTERED.toLocaleString('en')} numbers (${backend.name})`);
    const registered = Array.from({ length: REGISTERED }, (_, i) => numbers.e164(i));
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
      // One row in ten is registered, in national spelling; the others are not.
      const lines = ['id,phone'];
      for (let i = 0; i < rows; i++) {
        lines.push(
          `${i},${i % 10 === 0 ? numbers.national(i % REGISTERED) : numbers.e164(NON_MEMBER_START + i)}`,
        );
      }
      const input = join(options.tempDirectory, 'calls.csv');
      writeFileSync(input, `${lines.join('\n')}\n`);
      log(`oprf-scrub: scrubbing ${rows.toLocaleString('en')} rows through ${worker.url}`);
      const { createReadStream } = await import('node:fs');
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
      const rate = rows / seconds;
      const projectedMinutes = 1e6 / rate / 60;
      const expectedListed = Math.ceil(rows / 10);
      return {
        measurements: [
          { metric: `oprf scrub (${backend.name}), rows/s`, size: rows, value: Math.round(rate) },
          { metric: 'numbers evaluated by the worker', size: rows, value: report.oprfEvaluated ?? 0 },
          {
            metric: 'listed rows (expected: every registered row)',
            size: rows,
            value: `${report.result.counts.listed} of ${expectedListed}`,
          },
          {
            metric: '1M-row oprf scrub, minutes',
            size: 1e6,
            projected: true,
            value: Number(projectedMinutes.toFixed(1)),
          },
        ],
        targets: [
          checkTarget('1M-row oprf scrub projected (minutes)', projectedMinutes, '<=', 10),
          checkTarget(
            'no false negative (listed ≥ registered rows)',
            report.result.counts.listed >= expectedListed ? 1 : 0,
            '>=',
            1,
            'bool',
          ),
        ],
        notes: [
          'client (blind, verify, unblind, scrub) and worker (`quietlist serve`, one process) share the 2 cores; loopback HTTP.',
        ],
      };
    } finally {
      worker.child.kill('SIGTERM');
    }
  },
};
