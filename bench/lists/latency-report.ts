/**
 * One target's latency run, end to end: the call centre's first pull (checked: nothing posted is
 * listed yet), the plan played with both paths watching, and its measurements: p50 / p99 / max per
 * path, the load average around it, what the subscriber received. Shared by the serve and Worker
 * targets of bench/lists.bench.ts.
 */
import { loadavg } from 'node:os';
import type { Measurement, TargetCheck } from '../support/suite.ts';
import { checkTarget } from '../support/suite.ts';
import { type CallCentre, checkFromCache, countingHttpSource, pullList } from './call-centre.ts';
import type { ListsDeployment } from './deployment.ts';
import { objectionNumbers } from './deployment.ts';
import { type LatencyRun, runLatency } from './latency-run.ts';
import { type PostingPattern, postingPlan, summarize } from './latency-stats.ts';

export const PULL_INTERVAL_MS = 10_000;
const CHECK_PAUSE_MS = 50;
const GIVE_UP_MS = 90_000;
const BOUND_MS = 60_000;

/** Half the additions one per POST (Poisson, 10/s: agents), half in POSTs of 25 every 2.5 s (a CRM sync). */
export function postingPattern(total: number, seed: number): PostingPattern {
  return { total, singles: total / 2, singlesPerSecond: 10, batchSize: 25, batchEveryMs: 2_500, seed };
}

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));
export const loadText = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
const triple = (s: { p50: number; p99: number; max: number }) =>
  `${round(s.p50)} / ${round(s.p99)} / ${round(s.max)}`;

export interface LatencyTarget {
  /** "serve", "worker": prefixes every metric and target. */
  label: string;
  url: string;
  deployment: ListsDeployment;
  cacheDirectory: string;
  total: number;
  seed: number;
}

export interface LatencyOutcome {
  run: LatencyRun;
  centre: CallCentre;
  measurements: Measurement[];
  targets: TargetCheck[];
  failures: string[];
}

export async function measureLatency(
  target: LatencyTarget,
  log: (line: string) => void,
): Promise<LatencyOutcome> {
  const { label, total } = target;
  const { source, bytes } = countingHttpSource(target.url, target.deployment.centreKey);
  const centre: CallCentre = {
    url: target.url,
    apiKey: target.deployment.centreKey,
    cacheDirectory: target.cacheDirectory,
    publicKey: target.deployment.signing.publicKey,
    source,
  };
  await pullList(centre);
  const numbers = objectionNumbers(total, 0);
  if ((await checkFromCache(centre, numbers.slice(0, 5))).some(Boolean))
    throw new Error(`${label}: an objection is listed before it was posted`);
  Object.assign(bytes, { metadata: 0, additions: 0, batches: 0, additionsRequests: 0 });

  const plan = postingPlan(postingPattern(total, target.seed));
  const loadBefore = loadText();
  log(
    `lists/${label}: posting ${total} additions (${plan.length} POSTs), both paths watching; load ${loadBefore}`,
  );
  const run = await runLatency(centre, target.deployment.ownerKey, plan, numbers, {
    pullIntervalMs: PULL_INTERVAL_MS,
    checkPauseMs: CHECK_PAUSE_MS,
    giveUpMs: GIVE_UP_MS,
    probe: objectionNumbers(1, 2 * total + 1)[0]!,
  });
  const loadAfter = loadText();
  const posted = run.posting.additions;
  const online: number[] = [];
  const including: number[] = [];
  const excluding: number[] = [];
  for (const addition of posted) {
    const onlineAt = run.online.get(addition.number);
    if (onlineAt !== undefined) online.push(onlineAt - addition.answeredAt);
    const pulled = run.pulled.get(addition.number);
    if (!pulled) continue;
    including.push(pulled.answeredAt - addition.answeredAt);
    excluding.push(pulled.answeredAt - Math.max(addition.answeredAt, pulled.pullStartedAt));
  }
  const posts = summarize(run.posting.requests.map((request) => request.end - request.start));
  const pulls = summarize(run.pulls.map((pull) => pull.answeredAt - pull.startedAt));
  const every = `${PULL_INTERVAL_MS / 1000} s`;
  const m = (metric: string, value: number | string) => ({ metric: `${label}: ${metric}`, value });
  const measurements = [
    m('additions posted (200 OK) / POSTs', `${posted.length} / ${plan.length}`),
    m('POST sent → answered, p50 / p99 / max (ms)', triple(posts)),
    m('(a) POST /v1/check: answered → listed, p50 / p99 / max (ms)', triple(summarize(online))),
    m(
      `(b) pull every ${every} + local check, with the wait: p50 / p99 / max (ms)`,
      triple(summarize(including)),
    ),
    m('(b) the same without the wait for the next pull, p50 / p99 / max (ms)', triple(summarize(excluding))),
    m('(b) one pull + local check, p50 / p99 (ms)', `${round(pulls.p50)} / ${round(pulls.p99)}`),
    m('online checks / pulls made', `${run.onlineChecks} / ${run.pulls.length}`),
    m('load average (1 / 5 / 15 min) before; after', `${loadBefore}; ${loadAfter}`),
    m(
      'subscriber: additions bytes received per addition',
      round(bytes.additions / Math.max(1, posted.length), 1),
    ),
    m('subscriber: batches received', bytes.batches),
    m('subscriber: pointer + manifest bytes per pull', round(bytes.metadata / Math.max(1, run.pulls.length))),
  ];
  const within = (values: number[]) => values.filter((value) => value <= BOUND_MS).length;
  const targets = [
    checkTarget(`${label}: every addition posted`, posted.length, '>=', total),
    checkTarget(`${label}: (a) online check, listed within 60 s`, within(online), '>=', total),
    checkTarget(`${label}: (b) pull every ${every}, listed within 60 s`, within(including), '>=', total),
  ];
  const failures = [...new Set([...run.failures, ...run.posting.failures])].map((f) => `${label}: ${f}`);
  return { run, centre, measurements, targets, failures };
}
