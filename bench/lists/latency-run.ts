/**
 * One latency run: the owner posts its additions by the plan while the call centre watches both of
 * its paths, and for every addition the instant each path first answered it listed. An addition is
 * only asked about once its POST was answered (the latency counts from the answer, which the API
 * gives once the batch is in the store). The run ends when both paths answered every addition, or
 * `giveUpMs` after the last POST's answer (what is still missing then is reported, never dropped).
 */
import { type CallCentre, checkFromCache, checkOnline, pullList } from './call-centre.ts';
import type { PlannedPost } from './latency-stats.ts';
import { type PostedAddition, type PostingOutcome, playPostingPlan } from './owner-posts.ts';

export interface LatencyRunOptions {
  /** The call centre's pull period (a cron job), ms. */
  pullIntervalMs: number;
  /** Pause between two online checks, ms. */
  checkPauseMs: number;
  giveUpMs: number;
  /** A number no one posts, asked when nothing else waits (it must stay not listed). */
  probe: string;
}

export interface PulledAt {
  /** When the pull that brought it started. */
  pullStartedAt: number;
  /** When the local check after it answered listed. */
  answeredAt: number;
}

export interface LatencyRun {
  posting: PostingOutcome;
  online: Map<string, number>;
  pulled: Map<string, PulledAt>;
  pulls: { startedAt: number; pulledAt: number; answeredAt: number }[];
  onlineChecks: number;
  failures: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLatency(
  centre: CallCentre,
  ownerKey: string,
  plan: PlannedPost[],
  numbers: string[],
  options: LatencyRunOptions,
): Promise<LatencyRun> {
  const onlinePending = new Set<string>();
  const pullPending = new Set<string>();
  const run: LatencyRun = {
    ...{ online: new Map(), pulled: new Map(), pulls: [], onlineChecks: 0, failures: [] },
    posting: { additions: [], requests: [], failures: [] },
  };
  let deadline = Number.POSITIVE_INFINITY;
  const answered = (added: PostedAddition[]) => {
    for (const addition of added) {
      onlinePending.add(addition.number);
      pullPending.add(addition.number);
    }
  };
  const posting = playPostingPlan(centre.url, ownerKey, plan, numbers, answered).then((outcome) => {
    run.posting = outcome;
    deadline = Math.max(0, ...outcome.requests.map((request) => request.end)) + options.giveUpMs;
  });
  const pending = (set: Set<string>) => set.size > 0 || deadline === Number.POSITIVE_INFINITY;

  const onlineLoop = async () => {
    while (pending(onlinePending) && performance.now() < deadline) {
      // Always a request, with a number never posted when nothing waits: the API's additions view
      // refreshes on requests (at most every ADDITIONS_REFRESH_MS), and a server that other call
      // centres keep asking refreshes on its own cadence, not just when this one asks.
      const asked = [...[...onlinePending].slice(0, 999), options.probe];
      try {
        const listed = await checkOnline(centre, asked);
        const at = performance.now();
        run.onlineChecks++;
        if (listed.at(-1)) run.failures.push('online check: a number never posted answered listed');
        asked.forEach((number, i) => {
          if (!listed[i] || number === options.probe) return;
          run.online.set(number, at);
          onlinePending.delete(number);
        });
      } catch (error) {
        run.failures.push(`online check: ${(error as Error).message}`);
      }
      await sleep(options.checkPauseMs);
    }
  };

  const pullLoop = async () => {
    const start = performance.now();
    for (let tick = 1; pending(pullPending) && performance.now() < deadline; tick++) {
      const wait = start + tick * options.pullIntervalMs - performance.now();
      if (wait < 0) continue; // the last pull overran this tick: the cron skips it
      await sleep(wait);
      const startedAt = performance.now();
      try {
        await pullList(centre);
        const pulledAt = performance.now();
        const asked = [...pullPending];
        const listed = await checkFromCache(centre, asked);
        const answeredAt = performance.now();
        run.pulls.push({ startedAt, pulledAt, answeredAt });
        asked.forEach((number, i) => {
          if (!listed[i]) return;
          run.pulled.set(number, { pullStartedAt: startedAt, answeredAt });
          pullPending.delete(number);
        });
      } catch (error) {
        run.failures.push(`pull and check: ${(error as Error).message}`);
      }
    }
  };

  await Promise.all([posting, onlineLoop(), pullLoop()]);
  return run;
}
