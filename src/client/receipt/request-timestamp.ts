/**
 * Asks the worker to countersign a receipt (POST /v1/receipts): only the receipt's hash is sent. The
 * answer is checked before it is kept: it must name this hash and go back to the key the list was
 * verified with (a timestamp key certified by it; core/receipt/timestamp.ts). One certified by another
 * signing key (after a rotation) is kept with a warning; one whose signatures do not hold is dropped.
 */

import { readApiErrorBody } from '../../core/api-errors.ts';
import { parseStrictJson } from '../../core/encoding/strict-json.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { receiptSha256, type ScrubReceipt } from '../../core/receipt/receipt.ts';
import {
  parseReceiptTimestamp,
  type ReceiptTimestamp,
  verifyReceiptTimestamp,
} from '../../core/receipt/timestamp.ts';
import type { RetryPolicy } from '../http/fetch-retry.ts';
import { postToWorker, workerEndpoint } from '../http/worker-post.ts';

export interface TimestampOutcome {
  timestamp?: ReceiptTimestamp;
  warning?: string;
}

/**
 * The countersignature is optional: one quick retry, not the long policy of checks and evaluations
 * (a worker without timestamps answers 503 TIMESTAMPS_DISABLED, which waiting does not change).
 */
const TIMESTAMP_RETRY: RetryPolicy = {
  attempts: 2,
  baseDelayMs: 500,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
  timeoutMs: 15_000,
};

export async function requestReceiptTimestamp(args: {
  url: string;
  apiKey: string;
  receiptSha256: string;
  /** The key the receipt's manifest verified under. */
  listKey: Uint8Array;
}): Promise<TimestampOutcome> {
  const endpoint = workerEndpoint(args.url, '/v1/receipts');
  const failed = (why: string) => ({
    warning: `the receipt has no operator timestamp: ${why} (receipt verify will say so)`,
  });
  try {
    const response = await postToWorker(
      endpoint,
      args.apiKey,
      { receiptSha256: args.receiptSha256 },
      'POST /v1/receipts',
      TIMESTAMP_RETRY,
    );
    if (response.status !== 200) {
      const code = readApiErrorBody(response.body)?.code;
      return failed(`the worker answered HTTP ${response.status}${code ? ` ${code}` : ''}`);
    }
    const timestamp = parseReceiptTimestamp(parseStrictJson(response.body, 'receipt timestamp'));
    if (timestamp.claim.receiptSha256 !== args.receiptSha256) {
      return failed('the worker countersigned another hash');
    }
    const verdict = verifyReceiptTimestamp(timestamp, [args.listKey]);
    if (verdict.ok) return { timestamp };
    if (verdict.reason === 'invalid') return failed(verdict.detail);
    return {
      timestamp,
      warning: `the operator's countersignature does not go back to the list's key ${publicKeyFingerprint(args.listKey)} (${verdict.detail.replace(/, which is not .*$/, '')}): receipt verify will need that key`,
    };
  } catch (error) {
    return failed((error as Error).message);
  }
}

/**
 * Asks for the countersignature of `receipt` and adds it: what a scrub does, in the CLI and the page.
 * Returns the warning to show when there is none (or one by another key).
 */
export async function countersignReceipt(
  receipt: ScrubReceipt,
  worker: { url: string; apiKey: string },
  listKey: Uint8Array,
): Promise<string | undefined> {
  const stamped = await requestReceiptTimestamp({
    ...worker,
    receiptSha256: receiptSha256(receipt),
    listKey,
  });
  if (stamped.timestamp) receipt.timestamp = stamped.timestamp;
  return stamped.warning;
}
