/**
 * Scopes bench, part 2 (docs/FORMAT.md §1.4): a NANP register of 300 area codes built and published by
 * the real builder (us-dnc), served by `quietlist serve`'s API over HTTP and pulled by a subscriber of
 * 5 area codes and by one of all: bytes downloaded per entitlement (expected about 5/300 of the
 * whole), the manifest's size with 300 partitions (and with their deltas, a night later), and the
 * national projection (250M numbers: the whole filter about 900 MB), and the build's CPU time with 300
 * partitions against the same numbers unpartitioned.
 */
import { join } from 'node:path';
import { parseApiConfig } from '../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { runBuild } from '../../src/builder/run-build.ts';
import { startApiServer } from '../../src/cli/commands/serve.ts';
import { pull } from '../../src/client/pull/pull.ts';
import { HttpEpochSource } from '../../src/client/sources/http-source.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../../src/core/epoch/signing.ts';
import { bloomParameters, optimalBitCount } from '../../src/core/filter/sizing.ts';
import { builtinProfile } from '../../src/core/registers/builtin-profiles.ts';
import { registerRulesOf } from '../../src/core/registers/profile.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { addBenchSubscriber } from '../support/services.ts';
import type { Measurement, TargetCheck } from '../support/suite.ts';
import { checkTarget } from '../support/suite.ts';
import { collectGarbage, timeOfAsync } from '../support/timing.ts';
import { nanpRegister } from './robinson-register.ts';

const AREA_CODES = 300;
const BOUGHT = 5;
const NATIONAL = 250_000_000;
const MB = 1e6;

async function* batches(rows: InputRecord[]): AsyncGenerator<InputRecord[]> {
  for (let i = 0; i < rows.length; i += 20_000) yield rows.slice(i, i + 20_000);
}

export async function partitionDownloads(
  perAreaCode: number,
  directory: string,
  log: (line: string) => void,
): Promise<{ measurements: Measurement[]; targets: TargetCheck[] }> {
  const size = AREA_CODES * perAreaCode;
  const measurements: Measurement[] = [];
  const add = (metric: string, value: number, projected = false) =>
    measurements.push({
      metric,
      size: projected ? NATIONAL : size,
      value,
      ...(projected ? { projected } : {}),
    });
  const { npas, rows } = nanpRegister(AREA_CODES, perAreaCode);
  const store = new FileStore(join(directory, 'nanp'));
  const signingKeys = generateSigningKeyPair();
  const hashKey = new Uint8Array(32).fill(7);
  const rules = registerRulesOf(builtinProfile('us-dnc')!);
  const { partition: _, ...unpartitioned } = rules;
  const night = (list: InputRecord[], n: number, into = store, register = rules) =>
    runBuild({
      rows: batches(list),
      region: 'US',
      mode: 'open',
      hashKey,
      signingKeys,
      register,
      falsePositiveRate: 1e-6,
      store: into,
      dryRun: false,
      keepEpochs: 3,
      maxRejectRate: 0.01,
      maxShrink: 0.5,
      now: new Date(Date.now() - (2 - n) * 3_600_000),
    });
  log(
    `partitions: building ${size.toLocaleString('en')} numbers in ${AREA_CODES} area codes, and unpartitioned`,
  );
  // Build time, whole runs (read, filters, sign, publish): one shard a partition against the country's.
  collectGarbage();
  const whole = await timeOfAsync(() =>
    night(rows, 0, new FileStore(join(directory, 'whole')), unpartitioned),
  );
  collectGarbage();
  const timed = await timeOfAsync(() => night(rows, 0));
  const first = timed.value;
  add('build CPU seconds, unpartitioned', whole.cpuSeconds);
  add(`build CPU seconds, ${AREA_CODES} partitions`, timed.cpuSeconds);
  add('build CPU time, partitioned / unpartitioned (×)', timed.cpuSeconds / whole.cpuSeconds);
  add('whole filter unpartitioned (MB)', whole.value.totalBytes / MB);
  const manifestBytes = (await store.get(`epochs/${first.signed.manifest.epoch}/manifest.json`))!.body.length;
  add('partitions', first.signed.manifest.partitions!.length);
  add(`whole filter, ${AREA_CODES} partitions (MB)`, first.totalBytes / MB);
  add('manifest.json with 300 partitions (KB)', manifestBytes / 1e3);

  const server = await startApiServer(
    {
      store,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(signingKeys.publicKey),
        POINTER_TTL_SECONDS: '0',
      }),
      audit: () => {},
      log: () => {},
      quotas: new MemoryQuotaCounter(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  try {
    const bought = npas.slice(100, 100 + BOUGHT);
    const pullWith = async (apiKey: string, cache: string) =>
      pull({
        source: new HttpEpochSource(server.url, { apiKey }),
        cacheDirectory: join(directory, cache),
        publicKey: signingKeys.publicKey,
      });
    const limitedKey = await addBenchSubscriber(store, bought);
    const limited = await pullWith(limitedKey, 'cache-5');
    const full = await pullWith(await addBenchSubscriber(store), 'cache-all');
    const ratio = limited.bytesDownloaded / full.bytesDownloaded;
    add(`pull of ${BOUGHT} area codes (MB)`, limited.bytesDownloaded / MB);
    add('pull of every area code (MB)', full.bytesDownloaded / MB);
    add(
      `share downloaded by ${BOUGHT} area codes (× ${BOUGHT}/${AREA_CODES})`,
      ratio / (BOUGHT / AREA_CODES),
    );
    // A night later: 0.1% churn, spread over the area codes (out and in); a delta per partition changed.
    const changes = Math.floor(size / 1000);
    const churned = rows.filter((_, i) => i % 1000 !== 500);
    for (let i = 0; i < changes; i++) {
      const line = String(5000 + Math.floor(i / AREA_CODES)).padStart(4, '0');
      churned.push({ line: 0, phone: `+1${npas[i % AREA_CODES]}998${line}` });
    }
    const second = await night(churned, 1);
    const withDeltas = (await store.get(`epochs/${second.signed.manifest.epoch}/manifest.json`))!.body.length;
    add('manifest.json with 300 partitions and their deltas (KB)', withDeltas / 1e3);
    const nightly = await pullWith(limitedKey, 'cache-5');
    add(`nightly pull of ${BOUGHT} area codes, 0.1% churn (KB)`, nightly.bytesDownloaded / 1e3);
    // National projection: filters scale with entries; the manifest does not (one shard per partition
    // up to about 4.6M numbers of an area code at 16 MiB).
    // Each partition's shard is sized as the builder sizes it (bloomParameters): at this bench's 5,000
    // numbers an area code the pair floor makes it larger than the optimum (sizing.ts), at the national
    // 833,000 it does not, so the partitioned country costs what the unpartitioned one does.
    const nationalFilter = (NATIONAL * optimalBitCount(1, 1e-6)) / 8;
    const nationalPartition = bloomParameters(NATIONAL / AREA_CODES, 1e-6).bitCount / 8;
    add('national filter, unpartitioned (MB)', nationalFilter / MB, true);
    add(`national filter, ${AREA_CODES} partitions (MB)`, (AREA_CODES * nationalPartition) / MB, true);
    add(`pull of ${BOUGHT} area codes, national (MB)`, (BOUGHT * nationalPartition) / MB, true);
    add('manifest.json, national (KB)', withDeltas / 1e3, true);
    return {
      measurements,
      targets: [
        checkTarget(
          `${BOUGHT} area codes download at most 1.2 × ${BOUGHT}/${AREA_CODES} of the filter`,
          ratio / (BOUGHT / AREA_CODES),
          '<=',
          1.2,
        ),
        checkTarget(
          'manifest with 300 partitions under 1 MB (client cap 49 MiB)',
          withDeltas / MB,
          '<=',
          1,
          ' MB',
        ),
      ],
    };
  } finally {
    await server.close();
  }
}
