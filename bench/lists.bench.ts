/**
 * Live additions (issue 21): how long after the owner's POST each subscriber path answers an
 * objection "listed", and what an addition costs the operator and each subscriber.
 *
 * Measured on `quietlist serve` as it runs (startApiServer in its own process, file:// store, SQLite
 * quota and additions sequencer, default coalescing and refresh of 1 s), on 127.0.0.1. An open-mode
 * live list `acme` (10,000 customers) beside a small national register. 1,000 additions (200 with
 * --quick) posted by a seeded plan: half one per POST as a Poisson stream of 10/s (agents recording
 * objections), half in POSTs of 25 every 2.5 s (a CRM sync). Meanwhile the call centre (same process
 * as the poster) watches (a) `POST /v1/check` with `"lists": ["acme"]`, asked for every answered
 * addition not yet seen listed, one request at a time with 50 ms between; (b) the library's `pull`
 * every 10 s (a cron job) then a local check from the cache, as `quietlist check --list acme` does.
 * Latency runs from the POST's answer to the answer that says listed. Then a second 1,000 posted
 * alone, no reader, for the operator's cost: the serve process's CPU, the store operations (R2
 * classes) and bytes it wrote, per addition, priced with Cloudflare's list prices
 * (bench/lists/cloudflare-prices.ts). The subscriber's cost: the additions bytes its pulls received
 * per addition, and the CPU to verify them. Not measured here: the Worker under wrangler dev (its
 * ListSequencer Durable Object), the scrub page, an oprf list (which adds a blinded evaluation per
 * addition and per check).
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CacheLayout, readCurrentPointer } from '../src/client/cache/cache-layout.ts';
import { type CallCentre, checkFromCache, countingHttpSource, pullList } from './lists/call-centre.ts';
import { dollarsPerMillionAdditions, PRICES_READ_ON } from './lists/cloudflare-prices.ts';
import { createListsDeployment, objectionNumbers } from './lists/deployment.ts';
import { runLatency } from './lists/latency-run.ts';
import { type PostingPattern, postingPlan, summarize, unionLength } from './lists/latency-stats.ts';
import { playPostingPlan } from './lists/owner-posts.ts';
import { startServerChild } from './lists/server.ts';
import { measureVerifyCost } from './lists/subscriber-cost.ts';
import { type BenchSuite, checkTarget, type Measurement } from './support/suite.ts';

const PULL_INTERVAL_MS = 10_000;
const CHECK_PAUSE_MS = 50;
const GIVE_UP_MS = 90_000;
const BOUND_MS = 60_000;

function pattern(total: number, seed: number): PostingPattern {
  return { total, singles: total / 2, singlesPerSecond: 10, batchSize: 25, batchEveryMs: 2_500, seed };
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const loadText = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

export const listsSuite: BenchSuite = {
  name: 'lists',
  description: 'live additions: POST to listed per path (p50/p99), cost per addition',
  async run(options, log) {
    const total = options.quick ? 200 : 1_000;
    const deployment = await createListsDeployment(options.tempDirectory, {
      national: 1_000,
      customers: 10_000,
    });
    const stateDirectory = join(options.tempDirectory, 'state');
    mkdirSync(stateDirectory, { recursive: true });
    const server = await startServerChild({
      storeDirectory: deployment.storeDirectory,
      stateDirectory,
      settings: deployment.settings,
    });
    const notes: string[] = [];
    const measurements: Measurement[] = [];
    const add = (metric: string, value: number | string) => measurements.push({ metric, value });
    try {
      const { source, bytes } = countingHttpSource(server.url, deployment.centreKey);
      const centre: CallCentre = {
        url: server.url,
        apiKey: deployment.centreKey,
        cacheDirectory: join(options.tempDirectory, 'centre-cache'),
        publicKey: deployment.signing.publicKey,
        source,
      };
      await pullList(centre);
      const first = objectionNumbers(total, 0);
      if ((await checkFromCache(centre, first.slice(0, 5))).some(Boolean))
        throw new Error('an objection is listed before it was posted');
      Object.assign(bytes, { metadata: 0, additions: 0, batches: 0, additionsRequests: 0 });

      // (1) Latency: posting, with both paths watching.
      const plan = postingPlan(pattern(total, options.seed));
      const loadBefore = loadText();
      log(
        `lists: posting ${total} additions (${plan.length} POSTs) with both paths watching; load ${loadBefore}`,
      );
      const before = await server.stats();
      const latency = await runLatency(centre, deployment.ownerKey, plan, first, {
        pullIntervalMs: PULL_INTERVAL_MS,
        checkPauseMs: CHECK_PAUSE_MS,
        giveUpMs: GIVE_UP_MS,
        probe: objectionNumbers(1, 2 * total + 1)[0]!,
      });
      const during = await server.stats();
      const loadAfter = loadText();
      const posted = latency.posting.additions;
      const online = posted.flatMap((a) => {
        const at = latency.online.get(a.number);
        return at === undefined ? [] : [at - a.answeredAt];
      });
      const pulledIncluding: number[] = [];
      const pulledExcluding: number[] = [];
      for (const addition of posted) {
        const at = latency.pulled.get(addition.number);
        if (!at) continue;
        pulledIncluding.push(at.answeredAt - addition.answeredAt);
        pulledExcluding.push(at.answeredAt - Math.max(addition.answeredAt, at.pullStartedAt));
      }
      const postTimes = summarize(latency.posting.requests.map((r) => r.end - r.start));
      const onlineStats = summarize(online);
      const including = summarize(pulledIncluding);
      const excluding = summarize(pulledExcluding);
      const pullDurations = summarize(latency.pulls.map((p) => p.answeredAt - p.startedAt));
      add('additions posted (answered 200)', posted.length);
      add('POSTs (one addition / batches of 25)', plan.length);
      add('POST send → answer, p50 / p99 (ms)', `${round(postTimes.p50)} / ${round(postTimes.p99)}`);
      add(
        '(a) POST /v1/check: answer → listed, p50 / p99 / max (ms)',
        `${round(onlineStats.p50)} / ${round(onlineStats.p99)} / ${round(onlineStats.max)}`,
      );
      add(
        `(b) pull every ${PULL_INTERVAL_MS / 1000} s + local check, incl. the wait: p50 / p99 / max (ms)`,
        `${round(including.p50)} / ${round(including.p99)} / ${round(including.max)}`,
      );
      add(
        '(b) the same, excl. the wait for the next pull: p50 / p99 / max (ms)',
        `${round(excluding.p50)} / ${round(excluding.p99)} / ${round(excluding.max)}`,
      );
      add(
        '(b) one pull + local check, p50 / p99 (ms)',
        `${round(pullDurations.p50)} / ${round(pullDurations.p99)}`,
      );
      add('online checks made / pulls made', `${latency.onlineChecks} / ${latency.pulls.length}`);
      add('load average during the latency run (before; after)', `${loadBefore}; ${loadAfter}`);
      const readCounts = during.counts;
      add(
        'store reads during the latency run, per online check / per pull (class B)',
        `${round((readCounts.classB - before.counts.classB) / (latency.onlineChecks + latency.pulls.length), 2)} per request`,
      );

      // Subscriber bytes: each batch reaches a subscriber once, whatever its pull interval.
      add(
        'subscriber: additions bytes per addition (batches as received)',
        round(bytes.additions / Math.max(1, posted.length), 1),
      );
      add(
        'subscriber: batches received / additions per batch',
        `${bytes.batches} / ${round(posted.length / Math.max(1, bytes.batches), 1)}`,
      );
      add(
        'subscriber: pointer + manifest bytes per pull',
        round(bytes.metadata / Math.max(1, latency.pulls.length)),
      );

      // (2) Operator cost: the same plan again, no reader.
      const second = objectionNumbers(total, total);
      const quiet = await server.stats();
      const costRun = await playPostingPlan(
        server.url,
        deployment.ownerKey,
        postingPlan(pattern(total, options.seed + 1)),
        second,
      );
      const after = await server.stats();
      const added = costRun.additions.length;
      const per = (value: number) => value / Math.max(1, added);
      const classA = per(after.counts.classA - quiet.counts.classA);
      const classB = per(after.counts.classB - quiet.counts.classB);
      const cpuMicros = per(after.cpuMicros - quiet.cpuMicros);
      const batchWrites = after.counts.batchWrites - quiet.counts.batchWrites;
      const activeSeconds = per(unionLength(costRun.requests) / 1000);
      const usage = {
        workerRequests: per(costRun.requests.length),
        workerCpuMs: cpuMicros / 1000,
        durableObjectRequests: per(costRun.requests.length),
        durableObjectActiveSeconds: activeSeconds,
        r2ClassA: classA,
        r2ClassB: classB,
      };
      const dollars = dollarsPerMillionAdditions(usage);
      add('operator: additions posted alone (cost run)', added);
      add('operator: serve CPU per addition (µs, whole process)', round(cpuMicros));
      add(
        'operator: batches written / additions per batch',
        `${batchWrites} / ${round(added / Math.max(1, batchWrites), 1)}`,
      );
      add('operator: store writes per addition (R2 class A)', round(classA, 3));
      add('operator: store reads per addition (R2 class B)', round(classB, 3));
      add(
        'operator: bytes written per addition',
        round(per(after.counts.bytesWritten - quiet.counts.bytesWritten), 1),
      );
      add('operator: sequencer busy per addition (s, POSTs in flight)', round(activeSeconds, 4));
      add(
        `operator: $ per million additions on Workers (prices of ${PRICES_READ_ON})`,
        `${round(dollars.total, 2)} (requests ${round(dollars.workerRequests, 2)}, CPU ${round(dollars.workerCpuMs, 2)}, DO requests ${round(dollars.durableObjectRequests, 2)}, DO duration ${round(dollars.durableObjectActiveSeconds, 2)}, R2 A ${round(dollars.r2ClassA, 2)}, R2 B ${round(dollars.r2ClassB, 2)})`,
      );

      // (3) Subscriber CPU: verifying the whole chain; opening it at a check.
      await pullList(centre);
      const verify = await measureVerifyCost(centre.cacheDirectory, centre.publicKey);
      add(
        'subscriber: CPU to verify additions, per addition / per batch (µs)',
        `${round(verify.verifyCpuMicros / verify.entries, 1)} / ${round(verify.verifyCpuMicros / verify.batches)}`,
      );
      add(
        `subscriber: CPU to open the cached additions at each check (${verify.batches} batches, ${verify.entries} entries; ms)`,
        round(verify.openCpuMicros / 1000, 1),
      );
      const pointer = await readCurrentPointer(new CacheLayout(centre.cacheDirectory));
      notes.push(
        `serve on 127.0.0.1, open-mode list of 10,000 customers (epoch ${pointer?.epoch ?? '?'}), ADDITIONS_COALESCE_MS and ADDITIONS_REFRESH_MS at their default (1 s)`,
        `posting plan (seed ${options.seed}): ${total / 2} single POSTs (Poisson, 10/s) and ${total / 2} in POSTs of 25 every 2.5 s`,
        `Workers estimate from the Node measurement: one Worker request and one Durable Object request per POST, the serve process's CPU as Worker CPU, the Durable Object active while a POST is in flight (128 MB), R2 operations as the file store counted them; Durable Object SQLite storage rows and included allowances not counted`,
        `subscriber bytes are the batches' JSON as received (HTTP headers excluded); a batch reaches each subscriber once, so bytes per addition do not depend on the pull interval`,
      );
      for (const failure of [
        ...new Set([...latency.failures, ...latency.posting.failures, ...costRun.failures]),
      ])
        notes.push(`failure: ${failure}`);
      const withinBound = (values: number[]) => values.filter((value) => value <= BOUND_MS).length;
      return {
        measurements,
        notes,
        targets: [
          checkTarget('every addition posted (latency run)', posted.length, '>=', total),
          checkTarget('(a) online check: listed within 60 s', withinBound(online), '>=', total),
          checkTarget(
            `(b) pull every ${PULL_INTERVAL_MS / 1000} s: listed within 60 s`,
            withinBound(pulledIncluding),
            '>=',
            total,
          ),
          checkTarget('every addition posted (cost run)', added, '>=', total),
        ],
      };
    } finally {
      await server.stop();
    }
  },
};
