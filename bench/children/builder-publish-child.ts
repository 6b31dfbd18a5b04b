/**
 * Child process: one real publishing build of a national-sized register (the builder-us and builder-fr
 * suites): openInput → readRegistry → runBuild in secret mode, in the register's region (US, FR), into
 * a file store, exactly as `quietlist build`
 * runs it (worker threads and the native keyed hash by default). Timed from opening the file to the
 * published `latest` pointer; CPU time of every thread of the process; peak RSS of the process (its
 * threads share it, and it starts no process of its own). Then, outside the timed part, it reloads the
 * published shards through parseFilter and probes members (no false negatives) and non-members.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { readRegistry } from '../../src/builder/input/read-registry.ts';
import { formatFromName } from '../../src/builder/input/record.ts';
import { openInput } from '../../src/builder/input/source.ts';
import { type BuildReport, runBuild } from '../../src/builder/run-build.ts';
import { createKeyedHasher } from '../../src/core/digest/keyed-hash.ts';
import { epochPrefix } from '../../src/core/epoch/pointer.ts';
import { signingKeyPairFromSecret } from '../../src/core/epoch/signing.ts';
import { parseFilter } from '../../src/core/filter/format.ts';
import { FilterSet } from '../../src/core/filter/shard-set.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { NATIONAL_REGISTERS, type NationalPlan } from '../support/national-registers.ts';
import { serveChild } from './child-process.ts';

export interface PublishTask {
  /** The register's plan: its region, and the synthetic numbers of the input (national-registers.ts). */
  plan: NationalPlan;
  inputPath: string;
  /** Members in the input: indexes 0..size-1 of the plan's synthetic numbers (seed). */
  size: number;
  seed: number;
  falsePositiveRate: number;
  tempDirectory: string;
  /** Worker threads (undefined: the builder's default) and whether the native HMAC may be used. */
  threads?: number;
  nativeHash: boolean;
  memberSamples: number;
  nonMemberQueries: number;
}

export interface PublishOutcome {
  wallSeconds: number;
  /** CPU seconds of every thread of the process (user + system), and of the main thread alone. */
  cpuSeconds: number;
  mainThreadCpuSeconds: number;
  /** From opening the input to the last batch of pass 1 (the input read, judged, hashed and spilled). */
  passOneWallSeconds: number;
  /** CPU seconds of pass 1 (every thread; the main thread alone); the rest is pass 2 and publishing. */
  passOneCpuSeconds: number;
  passOneMainThreadCpuSeconds: number;
  maxRssBytes: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  cores: number;
  counts: BuildReport['counts'];
  threads: number;
  hashBackend: string;
  shards: number;
  hashCount: number;
  filterBytes: number;
  probes: { members: number; membersFound: number; nonMembers: number; nonMembersListed: number };
}

const SIGNING_SEED = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

async function runPublish(task: PublishTask): Promise<PublishOutcome> {
  const store = new FileStore(join(task.tempDirectory, 'store'));
  const loadAverageBefore = loadavg();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = process.threadCpuUsage();
  let passOneEnd = wall;
  let passOneCpu = { user: 0, system: 0 };
  let passOneMainCpu = { user: 0, system: 0 };
  const report = await runBuild({
    rows: readRegistry(openInput(task.inputPath), { format: formatFromName(task.inputPath) }, task.plan),
    region: task.plan,
    mode: 'secret',
    hashKey: BENCH_HASH_KEY,
    signingKeys: signingKeyPairFromSecret(SIGNING_SEED),
    falsePositiveRate: task.falsePositiveRate,
    tempDirectory: task.tempDirectory,
    threads: task.threads,
    nativeHash: task.nativeHash,
    store,
    dryRun: false,
    keepEpochs: 2,
    maxRejectRate: 0.001,
    maxShrink: 0.5,
    now: new Date(),
    // Called after each batch of pass 1: the last call marks its end.
    onProgress: () => {
      passOneEnd = performance.now();
      passOneCpu = process.cpuUsage(cpu);
      passOneMainCpu = process.threadCpuUsage(mainCpu);
    },
  });
  const wallSeconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  const mainUsed = process.threadCpuUsage(mainCpu);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const loadAverageAfter = loadavg();
  const { manifest } = report.signed;
  if (!report.published) throw new Error('the build did not publish');

  // Reloaded from the store through the format parser (checksums included), as a client would.
  const prefix = epochPrefix(manifest.epoch);
  const filters = [];
  for (const shard of manifest.shards) {
    const object = await store.get(`${prefix}${shard.path}`);
    if (!object) throw new Error(`published shard ${shard.path} is missing`);
    filters.push(parseFilter(object.body).filter);
  }
  const set = new FilterSet(manifest.filter.shardPrefixBits ?? null, filters);
  const hasher = createKeyedHasher(BENCH_HASH_KEY);
  const numbers = NATIONAL_REGISTERS[task.plan].numbers(task.seed);
  const stride = Math.max(1, Math.floor(task.size / task.memberSamples));
  let members = 0;
  let membersFound = 0;
  for (let i = 0; i < task.size; i += stride) {
    members++;
    if (set.has(hasher.digest(numbers.key(i)))) membersFound++;
  }
  let nonMembersListed = 0;
  for (let i = 0; i < task.nonMemberQueries; i++) {
    if (set.has(hasher.digest(numbers.nonMemberKey(i)))) nonMembersListed++;
  }
  return {
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    mainThreadCpuSeconds: (mainUsed.user + mainUsed.system) / 1e6,
    passOneWallSeconds: (passOneEnd - wall) / 1000,
    passOneCpuSeconds: (passOneCpu.user + passOneCpu.system) / 1e6,
    passOneMainThreadCpuSeconds: (passOneMainCpu.user + passOneMainCpu.system) / 1e6,
    maxRssBytes,
    loadAverageBefore,
    loadAverageAfter,
    cores: availableParallelism(),
    counts: report.counts,
    threads: report.threads,
    hashBackend: report.hashBackend ?? 'none',
    shards: manifest.shards.length,
    hashCount: manifest.shards[0]?.hashCount ?? 0,
    filterBytes: report.totalBytes,
    probes: { members, membersFound, nonMembers: task.nonMemberQueries, nonMembersListed },
  };
}

serveChild(runPublish);
