/**
 * The list owner's side of a run: the posting plan (latency-stats.ts) played against the API, each
 * POST /v1/lists/acme/additions sent at its planned instant (not waiting for the one before: agents
 * post independently), with when it was sent and answered. Times are performance.now() ms.
 */
import { LIVE_LIST } from './deployment.ts';
import type { PlannedPost } from './latency-stats.ts';

export interface PostedAddition {
  number: string;
  sentAt: number;
  answeredAt: number;
  /** The addition's number in the list's chain, as the answer gives it. */
  sequence: number;
}

export interface PostingOutcome {
  additions: PostedAddition[];
  /** Each POST: sent and answered (for the time the sequencer is busy). */
  requests: { start: number; end: number; count: number }[];
  /** Failed POSTs: status and code only (never a number). */
  failures: string[];
}

export async function playPostingPlan(
  url: string,
  ownerKey: string,
  plan: PlannedPost[],
  numbers: string[],
  onAnswered: (additions: PostedAddition[]) => void = () => {},
): Promise<PostingOutcome> {
  const outcome: PostingOutcome = { additions: [], requests: [], failures: [] };
  const start = performance.now();
  let next = 0;
  const inFlight: Promise<void>[] = [];
  for (const post of plan) {
    const values = numbers.slice(next, next + post.count);
    next += post.count;
    const wait = start + post.atMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(postOnce(url, ownerKey, values, outcome, onAnswered));
  }
  await Promise.all(inFlight);
  return outcome;
}

async function postOnce(
  url: string,
  ownerKey: string,
  values: string[],
  outcome: PostingOutcome,
  onAnswered: (additions: PostedAddition[]) => void,
): Promise<void> {
  const sentAt = performance.now();
  let response: Response;
  try {
    response = await fetch(`${url}/v1/lists/${LIVE_LIST}/additions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: values }),
    });
  } catch (error) {
    outcome.failures.push(`POST failed: ${(error as Error).message}`);
    return;
  }
  const answeredAt = performance.now();
  const body = (await response.json().catch(() => null)) as {
    sequences?: number[];
    code?: string;
    error?: { code?: string };
  } | null;
  if (response.status !== 200 || body?.sequences?.length !== values.length) {
    outcome.failures.push(`POST answered ${response.status} ${body?.error?.code ?? body?.code ?? ''}`.trim());
    return;
  }
  outcome.requests.push({ start: sentAt, end: answeredAt, count: values.length });
  const added = values.map((number, i) => ({ number, sentAt, answeredAt, sequence: body.sequences![i]! }));
  outcome.additions.push(...added);
  onAnswered(added);
}
