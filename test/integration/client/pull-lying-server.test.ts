/**
 * A lying server (docs/RELIABILITY.md, "A lying server"): the real worker behind a proxy that answers
 * 400 MiB where a small file belongs, with the length announced or not. The real CLI runs in a child
 * process whose peak RSS is measured: every answer is cut at its limit (a delta at its signed size, a
 * manifest at the format's maximum, the signed pointer at 64 KiB, a key retirement record at 16 KiB),
 * memory stays bounded, and what can fall back (a delta: the shard is fetched whole) does, while what
 * cannot (the manifest, the pointer, a retirement record) fails with one line naming the limit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildInto } from '../../helpers/build-fixture.ts';
import { type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { runCliMeasured } from '../../helpers/run-cli.ts';
import {
  newOperator,
  registeredNumbers,
  removeTempDirs,
  type TestOperator,
  tempDir,
} from './helpers/client-fixture.ts';
import { startRealWorker } from './helpers/real-worker.ts';

const FLOOD = 400 * 1024 * 1024;
/**
 * The bound asserted. Measured (docs/RELIABILITY.md): 135-160 MiB of peak RSS for these runs, 216-242
 * MiB when a chunked manifest answer is read up to its limit (49 MiB since partitions, 41 before);
 * before the limits, the delta flood peaked at 1.4 GB and the manifest's at 1.7 GB.
 */
const PEAK_BOUND_MIB = 300;

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  await removeTempDirs();
});

const HOUR = 3_600_000;

/** An operator with one epoch and a second that changes a few shards (so it lists deltas). */
async function operatorWithDeltas(): Promise<{ operator: TestOperator; proxy: FaultProxy }> {
  const operator = newOperator();
  operator.keys.hashKey = new Uint8Array(32).fill(0x5a);
  const night = (n: number, at: number) =>
    buildInto(operator.store, operator.keys, registeredNumbers(3000, n * 10), {
      shardMaxBytes: 4096,
      now: new Date(Date.now() - at * HOUR),
      maxShrink: 1,
      keepEpochs: 10,
    });
  await night(0, 2);
  const worker = await startRealWorker(operator.store, operator.publicKeyBase64);
  const proxy = await startFaultProxy(worker.url);
  closers.push(proxy.close, worker.close);
  return { operator, proxy };
}

function pullCli(operator: TestOperator, proxy: FaultProxy, cache: string) {
  return runCliMeasured([
    'pull',
    '--from',
    proxy.endpoint,
    '--public-key',
    operator.publicKeyFile,
    '--cache',
    cache,
  ]);
}

describe('pull against a lying server', () => {
  it('cuts a 400 MiB delta at its signed size, fetches the shard whole instead, and stays in bounded memory', async () => {
    const { operator, proxy } = await operatorWithDeltas();
    const caches = { chunked: tempDir(), announced: tempDir() };
    for (const cache of Object.values(caches)) expect((await pullCli(operator, proxy, cache)).code).toBe(0);
    const second = await buildInto(operator.store, operator.keys, registeredNumbers(3000, 10), {
      shardMaxBytes: 4096,
      now: new Date(Date.now() - HOUR),
      maxShrink: 1,
      keepEpochs: 10,
    });
    const deltas = second.signed.manifest.shards.filter((shard) => shard.delta);
    expect(deltas.length).toBeGreaterThan(0);

    for (const announce of [false, true]) {
      // Every delta of the second epoch answers 400 MiB.
      proxy.decide = (_method, path) =>
        path.endsWith('.qldelta') ? { kind: 'flood', bytes: FLOOD, announce } : { kind: 'pass' };
      proxy.log.length = 0;
      const result = await pullCli(operator, proxy, announce ? caches.announced : caches.chunked);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(second.signed.manifest.epoch);
      const floods = proxy.log.filter((entry) => entry.path.endsWith('.qldelta'));
      expect(floods.length).toBe(deltas.length);
      // The client hung up long before the end: what the server pushed is socket buffers, not 400 MiB.
      for (const flood of floods) expect(flood.bytesSent).toBeLessThan(FLOOD / 4);
      // The changed shards came whole, and were verified: the epoch is installed.
      expect(proxy.log.filter((entry) => entry.path.endsWith('.qlbf'))).toHaveLength(deltas.length);
      expect(result.peakRssMiB).toBeLessThan(PEAK_BOUND_MIB);
      process.stderr.write(
        `lying server, delta flood (${announce ? 'announced' : 'chunked'}): peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
      );
    }
  });

  // What cannot fall back is refused with one line naming its limit: the manifest the pointer names,
  // the signed pointer itself, and a key retirement record (pull asks for the pinned key's every time).
  const refusals = [
    {
      what: 'manifest',
      floods: (path: string) => /^\/v1\/epochs\/[^/]+\/manifest$/.test(path),
      message:
        /the answer is longer than the largest manifest the format allows \(49 MiB, docs\/FORMAT\.md §11\).*\[MANIFEST_INVALID\]/,
    },
    {
      what: 'pointer',
      floods: (path: string) => path === '/v1/latest',
      message:
        /GET .*\/v1\/latest: the answer is longer than the largest pointer allowed \(64 KiB\).*\[FORMAT_INVALID\]/,
    },
    {
      what: 'key retirement record',
      floods: (path: string) => path.startsWith('/v1/key-retirements/'),
      message:
        /GET .*\/v1\/key-retirements\/[0-9a-f]{32}: the answer is longer than the largest key retirement record allowed \(16 KiB\).*\[FORMAT_INVALID\]/,
    },
  ];
  for (const { what, floods, message } of refusals) {
    it(`refuses a 400 MiB ${what}, announced or not, with one line naming the limit, in bounded memory`, async () => {
      const { operator, proxy } = await operatorWithDeltas();
      for (const announce of [true, false]) {
        const cache = tempDir();
        proxy.decide = (_method, path) =>
          floods(path) ? { kind: 'flood', bytes: FLOOD, announce } : { kind: 'pass' };
        proxy.log.length = 0;
        const result = await pullCli(operator, proxy, cache);
        expect(result.code).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        // Not retried: a refused answer is a verdict, not a network failure.
        const flooded = proxy.log.filter((entry) => floods(entry.path));
        expect(flooded).toHaveLength(1);
        expect(flooded[0]!.bytesSent).toBeLessThan(FLOOD / 4);
        expect(result.peakRssMiB).toBeLessThan(PEAK_BOUND_MIB);
        process.stderr.write(
          `lying server, ${what} flood (${announce ? 'announced' : 'chunked'}): peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
        );
      }
    });
  }
});
