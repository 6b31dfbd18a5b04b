/**
 * The operator's cost of live additions: the posting plan played again with no reader, the server's
 * counters read before and after, and what one addition used, priced for the Workers deployment with
 * Cloudflare's list prices (cloudflare-prices.ts). Shared by the serve and Worker targets; each says
 * how it reads its counters (serve over IPC; the Worker from /proc and the bucket).
 */
import { dollarsPerMillionAdditions, PRICES_READ_ON } from './cloudflare-prices.ts';
import { objectionNumbers } from './deployment.ts';
import { postingPattern, round } from './latency-report.ts';
import { postingPlan, unionLength } from './latency-stats.ts';
import { playPostingPlan } from './owner-posts.ts';

export interface OperatorCounters {
  /** CPU of the server's processes, µs. */
  cpuMicros: number;
  /** Store writes and listings (R2 class A). */
  classA: number;
  /** Store reads, or undefined where they cannot be counted (R2 under workerd). */
  classB: number | undefined;
  bytesWritten: number;
  batchWrites: number;
}

export interface CostOutcome {
  added: number;
  measurements: { metric: string; value: number | string }[];
  failures: string[];
}

export async function measureOperatorCost(
  target: { url: string; ownerKey: string; total: number; seed: number },
  read: () => Promise<OperatorCounters>,
): Promise<CostOutcome> {
  const plan = postingPlan(postingPattern(target.total, target.seed + 1));
  const before = await read();
  const run = await playPostingPlan(
    target.url,
    target.ownerKey,
    plan,
    objectionNumbers(target.total, target.total),
  );
  const after = await read();
  const added = run.additions.length;
  const per = (value: number) => value / Math.max(1, added);
  const batches = after.batchWrites - before.batchWrites;
  const classB =
    after.classB === undefined || before.classB === undefined ? undefined : per(after.classB - before.classB);
  const usage = {
    workerRequests: per(run.requests.length),
    workerCpuMs: per(after.cpuMicros - before.cpuMicros) / 1000,
    durableObjectRequests: per(run.requests.length),
    durableObjectActiveSeconds: per(unionLength(run.requests) / 1000),
    r2ClassA: per(after.classA - before.classA),
    r2ClassB: classB ?? 0,
  };
  const dollars = dollarsPerMillionAdditions(usage);
  const d = (value: number) => round(value, 2);
  const parts = [
    dollars.workerRequests,
    dollars.workerCpuMs,
    dollars.durableObjectRequests,
    dollars.durableObjectActiveSeconds,
    dollars.r2ClassA,
    dollars.r2ClassB,
  ];
  return {
    added,
    failures: run.failures,
    measurements: [
      { metric: 'operator: additions posted alone / POSTs', value: `${added} / ${run.requests.length}` },
      {
        metric: 'operator: CPU per addition, the server processes (µs)',
        value: round(usage.workerCpuMs * 1000),
      },
      {
        metric: 'operator: batches written / additions per batch',
        value: `${batches} / ${round(added / Math.max(1, batches), 1)}`,
      },
      { metric: 'operator: store writes per addition (R2 class A)', value: round(usage.r2ClassA, 4) },
      {
        metric: 'operator: store reads per addition (R2 class B)',
        value: classB === undefined ? 'not counted' : round(classB, 4),
      },
      {
        metric: 'operator: bytes written per addition',
        value: round(per(after.bytesWritten - before.bytesWritten), 1),
      },
      {
        metric: 'operator: sequencer busy per addition (s with a POST in flight)',
        value: round(usage.durableObjectActiveSeconds, 4),
      },
      {
        metric: `operator: $ per million additions on Workers, estimated (prices of ${PRICES_READ_ON})`,
        value: d(dollars.total),
      },
      {
        metric: 'operator: … of which requests / CPU / DO requests / DO duration / R2 A / R2 B ($)',
        value: parts.map(d).join(' / '),
      },
    ],
  };
}
