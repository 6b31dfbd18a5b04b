/**
 * Child process: autocannon against one endpoint, so the load generator is a second process beside
 * the bench driver (and the server its own). Returns latency percentiles, rates and status counts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serveChild } from './child-process.ts';

export interface LoadTask {
  url: string;
  path: string;
  apiKey: string;
  /** A JSON file holding the request bodies (an array of strings), sent in turn: too large for argv. */
  bodiesFile: string;
  connections: number;
  seconds: number;
  /** Requests per second over all connections (open loop); absent: as fast as answers come back. */
  rate?: number;
}

export interface LoadOutcome {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** errors + timeouts + non-2xx */
  errors: number;
  statuses: Record<string, number>;
}

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function runLoad(task: LoadTask): Promise<LoadOutcome> {
  const result = await autocannon({
    url: `${task.url}${task.path}`,
    method: 'POST',
    headers: { authorization: `Bearer ${task.apiKey}`, 'content-type': 'application/json' },
    connections: task.connections,
    pipelining: 1,
    duration: task.seconds,
    timeout: 30,
    ...(task.rate === undefined ? {} : { overallRate: task.rate }),
    requests: (JSON.parse(readFileSync(task.bodiesFile, 'utf8')) as string[]).map((body) => ({
      method: 'POST',
      body,
    })),
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
    ),
  };
}

serveChild(runLoad);
