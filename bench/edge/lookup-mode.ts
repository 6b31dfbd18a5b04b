/**
 * One shard lookup path under `wrangler dev`, measured as the edge suite reports it: the first check
 * and the first batch after start (cold), single-number checks at a steady rate (the dial-time
 * latency), the same with 1,000-number batches driven beside them by a second load process, and
 * single checks as fast as they come back (throughput). The audit lines give the shard bytes each
 * request read from storage (a single check has `numbers` 1, a batch 1,000).
 */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runInChild } from '../children/child-process.ts';
import type { LoadOutcome, LoadTask } from '../children/load-child.ts';
import type { Measurement } from '../support/suite.ts';
import type { AuditLines } from './audit-lines.ts';

const LOAD_CHILD = new URL('../children/load-child.ts', import.meta.url);

/** Single checks per second in the paced runs: a dialer's steady flow, below this machine's saturation. */
export const SINGLE_CHECK_RATE = 20;

export interface LookupModeRun {
  coldSingleMs: number;
  /** The Cron Trigger's warm-up of every shard (null where the path has none). */
  warmUpMs: number | null;
  coldBatchMs: number;
  /** Shard bytes the first batch read (all shards not yet in memory). */
  coldBatchBytes: number;
  paced: LoadOutcome;
  /** Paced singles while a second process sends batches (2 connections, back to back). */
  mixedSingles: LoadOutcome;
  mixedBatches: LoadOutcome;
  saturated: LoadOutcome | null;
  singleBytes: number;
  batchBytes: number;
  /** 1-minute load average before and after each load run. */
  loadAverages: { paced: string; mixed: string; saturated: string | null };
}

export interface LookupModeTask {
  url: string;
  apiKey: string;
  singleBodies: string[];
  batchBodies: string[];
  seconds: number;
  /** Runs the worker's Cron Trigger (GET /__scheduled), which warms every shard's object. */
  warmUp: boolean;
  /** Skip the saturated run (the isolate path at US scale cannot sustain one). */
  saturate: boolean;
  scratch: string;
  audit: AuditLines;
  log: (line: string) => void;
}

export async function timedPost(url: string, path: string, apiKey: string, body: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return performance.now() - started;
}

/** autocannon in its own process; the bodies go through a file (too large for argv). */
export function loadIn(scratch: string, task: Omit<LoadTask, 'bodiesFile'> & { bodies: string[] }) {
  const { bodies, ...rest } = task;
  const bodiesFile = join(scratch, `bodies-${randomUUID()}.json`);
  writeFileSync(bodiesFile, JSON.stringify(bodies));
  return runInChild<LoadTask, LoadOutcome>(LOAD_CHILD, { ...rest, bodiesFile }).finally(() =>
    rmSync(bodiesFile, { force: true }),
  );
}

const oneMinuteLoad = () => loadavg()[0]!.toFixed(2);

/** Mean shard bytes read by the 1,000-number requests logged since `start`. */
function bytesOfBatches(audit: AuditLines, start: number): number {
  const lines = audit.since(start, 'POST /v1/check').filter((line) => line.numbers === 1000);
  return lines.reduce((sum, line) => sum + line.shardBytesRead, 0) / Math.max(1, lines.length);
}

export async function measureLookupMode(task: LookupModeTask): Promise<LookupModeRun> {
  const { url, apiKey, audit, seconds, scratch } = task;
  const coldSingleMs = await timedPost(url, '/v1/check', apiKey, task.singleBodies[0]!);
  let warmUpMs: number | null = null;
  if (task.warmUp) {
    const started = performance.now();
    const response = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    await response.text();
    if (response.status !== 200) throw new Error(`the Cron Trigger answered ${response.status}`);
    warmUpMs = performance.now() - started;
  }
  const coldStart = audit.count();
  const coldBatchMs = await timedPost(url, '/v1/check', apiKey, task.batchBodies[0]!);
  const coldBatchBytes = bytesOfBatches(audit, coldStart);
  const singles = { url, path: '/v1/check', apiKey, bodies: task.singleBodies, connections: 4, seconds };
  const bytesOf = (start: number, numbers: number) => {
    const lines = audit.since(start, 'POST /v1/check').filter((line) => line.numbers === numbers);
    return lines.reduce((sum, line) => sum + line.shardBytesRead, 0) / Math.max(1, lines.length);
  };

  task.log(`  single checks at ${SINGLE_CHECK_RATE}/s for ${seconds} s`);
  let start = audit.count();
  let before = oneMinuteLoad();
  const paced = await loadIn(scratch, { ...singles, rate: SINGLE_CHECK_RATE });
  const singleBytes = bytesOf(start, 1);
  const pacedLoad = `${before} → ${oneMinuteLoad()}`;

  task.log(`  the same beside 1,000-number batches from a second process (2 connections)`);
  start = audit.count();
  before = oneMinuteLoad();
  const [mixedSingles, mixedBatches] = await Promise.all([
    loadIn(scratch, { ...singles, rate: SINGLE_CHECK_RATE }),
    loadIn(scratch, { url, path: '/v1/check', apiKey, bodies: task.batchBodies, connections: 2, seconds }),
  ]);
  const batchBytes = bytesOf(start, 1000);
  const mixedLoad = `${before} → ${oneMinuteLoad()}`;

  let saturated: LoadOutcome | null = null;
  let saturatedLoad: string | null = null;
  if (task.saturate) {
    task.log(`  single checks as fast as they come back (4 connections)`);
    before = oneMinuteLoad();
    saturated = await loadIn(scratch, singles);
    saturatedLoad = `${before} → ${oneMinuteLoad()}`;
  }
  return {
    ...{
      coldSingleMs,
      warmUpMs,
      coldBatchMs,
      coldBatchBytes,
      paced,
      mixedSingles,
      mixedBatches,
      saturated,
      singleBytes,
      batchBytes,
    },
    loadAverages: { paced: pacedLoad, mixed: mixedLoad, saturated: saturatedLoad },
  };
}

/** The rows of one path's run, labelled "Durable Objects: …" or "isolate cache: …". */
export function lookupModeMeasurements(label: string, size: number, run: LookupModeRun): Measurement[] {
  const latency = (outcome: LoadOutcome) =>
    `${outcome.p50} / ${outcome.p90} / ${outcome.p99} / ${outcome.max}`;
  const mb = (bytes: number) => Math.round(bytes / 1e3) / 1e3;
  const paced = `single checks at ${SINGLE_CHECK_RATE}/s`;
  const mixed = `${paced} beside batches`;
  const errors =
    run.paced.errors + run.mixedSingles.errors + run.mixedBatches.errors + (run.saturated?.errors ?? 0);
  const rows: [string, number | string][] = [
    ['first check after start, its shard cold (ms)', Math.round(run.coldSingleMs)],
    ...(run.warmUpMs === null
      ? []
      : [
          ['Cron Trigger warm-up: every shard loaded, verified, copied (ms)', Math.round(run.warmUpMs)] as [
            string,
            number,
          ],
        ]),
    ['first 1,000-number batch after it (ms)', Math.round(run.coldBatchMs)],
    ['first 1,000-number batch after it: shard bytes read (MB)', mb(run.coldBatchBytes)],
    [`${paced}: p50 / p90 / p99 / max (ms)`, latency(run.paced)],
    [`${paced}: shard bytes read per check (MB)`, mb(run.singleBytes)],
    [`${paced}: load average, 1 min (before → after)`, run.loadAverages.paced],
    [`${mixed}: p50 / p90 / p99 / max (ms)`, latency(run.mixedSingles)],
    [`${mixed}: the batches of 1,000 (2 connections): p50 / p90 / p99 / max (ms)`, latency(run.mixedBatches)],
    [`${mixed}: numbers checked/s in the batches`, Math.round(run.mixedBatches.requestsPerSecond * 1000)],
    [`${mixed}: shard bytes read per batch (MB)`, mb(run.batchBytes)],
    [`${mixed}: load average, 1 min (before → after)`, run.loadAverages.mixed],
    ['errors, all runs (errors + timeouts + non-2xx)', errors],
  ];
  if (run.saturated) {
    rows.push(
      ['saturated single checks (4 connections): checks/s', Math.round(run.saturated.requestsPerSecond)],
      ['saturated single checks (4 connections): p50 / p90 / p99 / max (ms)', latency(run.saturated)],
      ['saturated single checks: load average, 1 min (before → after)', run.loadAverages.saturated ?? ''],
    );
  }
  return rows.map(([metric, value]) => ({ metric: `${label}: ${metric}`, size, value }));
}
