/**
 * The CPU a check costs, measured in-process on Node with the code the worker runs: the Hono app over
 * the epoch's store with the Durable Object lookup client, its objects replaced by in-process shard
 * holders (resident-shard.ts, the code each object runs). Workers bill CPU time, not wall time, and
 * workerd in `wrangler dev` cannot report CPU per request; the app's CPU per request minus the
 * holders' own is the worker's share. Also the cost of a cold shard: its SHA-256 with WebCrypto.
 */
import { createApp } from '../../src/api/app.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import {
  DurableObjectShardLookup,
  type ResidentShardDirectory,
} from '../../src/api/shards/durable-object-lookup.ts';
import { ResidentShard } from '../../src/api/shards/resident-shard.ts';
import { sha256Hex } from '../../src/core/encoding/bytes.ts';
import { epochPrefix } from '../../src/core/epoch/pointer.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import { addBenchSubscriber } from '../support/services.ts';

export interface InProcessProfile {
  /** Worker CPU per request (ms): app CPU minus the shard holders' time. */
  singleWorkerCpuMs: number;
  batchWorkerCpuMs: number;
  /** A warm holder's CPU per lookup call (ms): what a shard object is busy for, RPC aside. */
  holderMsPerCall: number;
  /** Shard objects asked per 1,000-number batch. */
  shardsPerBatch: number;
  /** SHA-256 of one shard file with WebCrypto (ms): the CPU of a cold shard's verification. */
  shardSha256Ms: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function measureInProcess(
  store: ObjectStore,
  settings: { publicKey: string; hashKey: string },
  bodies: { single: string[]; batch: string[] },
  shard: { epoch: string; path: string },
): Promise<InProcessProfile> {
  const holders = new Map<string, ResidentShard>();
  let holderMs = 0;
  let holderCalls = 0;
  const directory: ResidentShardDirectory = (name) => ({
    lookup(request) {
      let holder = holders.get(name);
      if (!holder) {
        holder = new ResidentShard(store, sha256Hex);
        holders.set(name, holder);
      }
      // A resident holder answers synchronously (its async body never awaits): its CPU is exactly this.
      const resident = holder.resident;
      const started = process.cpuUsage();
      const answer = holder.answer(request);
      if (resident) {
        holderMs += cpuMs(started);
        holderCalls++;
      }
      return answer;
    },
  });
  const app = createApp({
    store,
    config: parseApiConfig({
      QUIETLIST_PUBLIC_KEY: settings.publicKey,
      QUIETLIST_HASH_KEY: settings.hashKey,
      RATE_LIMIT_REQUESTS: '1000000000',
    }),
    quotas: new MemoryQuotaCounter(),
    audit: () => {},
    shards: () => new DurableObjectShardLookup(directory),
  });
  const apiKey = await addBenchSubscriber(store);
  const post = async (body: string) => {
    const response = await app.request('/v1/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 200) throw new Error(`in-process check answered ${response.status}`);
    await response.arrayBuffer();
  };
  // Every shard resident first (one batch asks them all, a few more to reach the rest).
  for (const body of bodies.batch) await post(body);
  const measure = async (list: string[], rounds: number) => {
    holderMs = 0;
    holderCalls = 0;
    const started = process.cpuUsage();
    for (let round = 0; round < rounds; round++) for (const body of list) await post(body);
    const requests = rounds * list.length;
    return { workerMs: (cpuMs(started) - holderMs) / requests, holderCalls, requests };
  };
  const single = await measure(bodies.single, 2);
  const singleHolderMs = holderMs / Math.max(1, holderCalls);
  const batch = await measure(bodies.batch, 2);
  const object = await store.get(`${epochPrefix(shard.epoch)}${shard.path}`);
  if (!object) throw new Error(`${shard.path} is missing`);
  const shaStarted = performance.now();
  for (let i = 0; i < 3; i++) await sha256Hex(object.body);
  return {
    singleWorkerCpuMs: single.workerMs,
    batchWorkerCpuMs: batch.workerMs,
    holderMsPerCall: singleHolderMs,
    shardsPerBatch: batch.holderCalls / batch.requests,
    shardSha256Ms: (performance.now() - shaStarted) / 3,
  };
}
