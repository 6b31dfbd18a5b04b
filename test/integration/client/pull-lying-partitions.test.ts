/**
 * A lying server and a partitioned list (docs/FORMAT.md §1.4; docs/RELIABILITY.md, "A lying server"):
 * the real worker behind a proxy that answers 400 MiB for a partition's shard or for the entitlement.
 * The real CLI, with a key that bought one area code, runs in a child process whose peak RSS is
 * measured: a partition's shard is cut at its signed size like any shard, GET /v1/entitlement at the
 * API answer limit (1 MiB), each refused with one line naming the limit, in bounded memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto, rowsOf } from '../../helpers/build-fixture.ts';
import { type FaultProxy, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { nanpNumbers, US_RULES } from '../../helpers/register-fixtures.ts';
import { runCliMeasured } from '../../helpers/run-cli.ts';
import { newOperator, removeTempDirs, type TestOperator, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

const FLOOD = 400 * 1024 * 1024;
/** As pull-lying-server.test.ts: the bound asserted, far below what reading the flood would take. */
const PEAK_BOUND_MIB = 300;

let operator: TestOperator;
let worker: RealWorker;
let proxy: FaultProxy;
let apiKey: string;

beforeAll(async () => {
  operator = newOperator();
  await buildInto(operator.store, operator.keys, [], {
    rows: rowsOf(nanpNumbers(['212', '646'], 100)),
    region: 'US',
    register: US_RULES,
  });
  worker = await startRealWorker(operator.store, operator.publicKeyBase64);
  proxy = await startFaultProxy(worker.url);
  apiKey = await addSubscriber(operator.store, 1_000_000, ['212']);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await worker?.close();
  await removeTempDirs();
});

function pullCli() {
  return runCliMeasured(
    ['pull', '--from', proxy.endpoint, '--public-key', operator.publicKeyFile, '--cache', tempDir()],
    { env: { QUIETLIST_API_KEY: apiKey } },
  );
}

describe('pull of a partitioned list against a lying server', () => {
  const floods = [
    {
      what: "a partition's shard",
      floods: (path: string) => /^\/v1\/epochs\/[^/]+\/p\/212\/shard-\d+\.qlbf$/.test(path),
      message: /the answer is longer than its signed size \(\d+ bytes\).*\[CHECKSUM_MISMATCH\]/,
    },
    {
      what: 'entitlement',
      floods: (path: string) => path === '/v1/entitlement',
      message:
        /GET .*\/v1\/entitlement: the answer is longer than the largest API answer allowed \(1 MiB\).*\[FORMAT_INVALID\]/,
    },
  ];
  for (const { what, floods: flooded, message } of floods) {
    it(`refuses a 400 MiB ${what}, announced or not, with one line naming the limit, in bounded memory`, async () => {
      // The honest server first: the key's one area code is pulled.
      proxy.decide = () => ({ kind: 'pass' });
      const honest = await pullCli();
      expect(honest.stderr).toBe('');
      expect(honest.code).toBe(0);
      for (const announce of [true, false]) {
        proxy.decide = (_method, path) =>
          flooded(path) ? { kind: 'flood', bytes: FLOOD, announce } : { kind: 'pass' };
        proxy.log.length = 0;
        const result = await pullCli();
        expect(result.code).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        const hits = proxy.log.filter((entry) => flooded(entry.path));
        expect(hits.length).toBeGreaterThan(0);
        for (const hit of hits) expect(hit.bytesSent).toBeLessThan(FLOOD / 4);
        // Nothing of the area code not bought was asked for.
        expect(proxy.log.some((entry) => entry.path.includes('/p/646/'))).toBe(false);
        expect(result.peakRssMiB).toBeLessThan(PEAK_BOUND_MIB);
        process.stderr.write(
          `lying server, ${what} flood (${announce ? 'announced' : 'chunked'}): peak RSS ${result.peakRssMiB.toFixed(0)} MiB\n`,
        );
      }
    });
  }
});
