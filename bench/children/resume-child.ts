/**
 * Child process: one download of the resume suite, so its peak RSS (VmHWM) is its own. `buffered` is
 * the path small files still take (requestWithRetry reads the whole body, then SHA-256); `resumable`
 * is the shard path (streamed to a .part, resumed with Range, then a streamed SHA-256).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RetryPolicy } from '../../src/client/http/fetch-retry.ts';
import { requestWithRetry } from '../../src/client/http/fetch-retry.ts';
import { downloadResumable } from '../../src/client/http/resumable-download.ts';
import { fileSha256Hex, nodeSha256Hex } from '../../src/client/node-sha256.ts';
import { serveChild } from './child-process.ts';

export interface ResumeTask {
  url: string;
  mode: 'buffered' | 'resumable';
  bytes: number;
  sha256: string;
  directory: string;
}

export interface ResumeOutcome {
  ms: number;
  /** Peak resident memory of this process, MiB, and how far it rose above the RSS before the download. */
  peakMiB: number | undefined;
  growthMiB: number | undefined;
  verified: boolean;
}

const RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 10,
  maxRetryAfterMs: 0,
  timeoutMs: 600_000,
};

function statusMiB(field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(
      readFileSync('/proc/self/status', 'utf8'),
    );
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

serveChild<ResumeTask, ResumeOutcome>(async (task) => {
  const before = statusMiB('VmRSS');
  const started = performance.now();
  let verified: boolean;
  if (task.mode === 'buffered') {
    const result = await requestWithRetry(task.url, { headers: new Headers() }, 'GET shard', RETRY);
    verified = result.body.length === task.bytes && nodeSha256Hex(result.body) === task.sha256;
  } else {
    const path = join(task.directory, 'shard.part');
    await downloadResumable(
      task.url,
      { headers: new Headers() },
      'GET shard',
      { path, bytes: task.bytes, sha256: task.sha256 },
      RETRY,
    );
    verified = (await fileSha256Hex(path)) === task.sha256;
  }
  const ms = performance.now() - started;
  const peakMiB = statusMiB('VmHWM');
  const growthMiB = peakMiB !== undefined && before !== undefined ? peakMiB - before : undefined;
  return { ms, peakMiB, growthMiB, verified };
});
