/**
 * A pass 1 thread: judges, keys and hashes batches of rows (hash-rows.ts), one request at a time,
 * answering with transferable buffers. The HMAC key arrives in workerData from the build's own
 * process and never leaves it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchHasher } from '../hash-rows.ts';
import { createBatchHmac } from '../hashing/batch-hmac.ts';
import { RowJudge } from '../row-judge.ts';
import type { HashThreadSetup, ThreadRequest } from './build-pool.ts';
import { forEachPackedRow } from './row-batch.ts';
import { answer } from './thread-answer.ts';

const setup = workerData as HashThreadSetup;
const hmac = createBatchHmac(setup.hmacKey, setup.preferNativeHash);
const hasher = new BatchHasher(new RowJudge(setup.rules), (keys, count, out) =>
  hmac.digestMany(keys, count, out),
);

parentPort!.on('message', (request: ThreadRequest) =>
  answer(request, () => {
    if (request.kind !== 'hash') throw new Error(`a hashing thread cannot ${request.kind}`);
    forEachPackedRow(request.rows, (row) => hasher.add(row));
    const hashed = hasher.finish();
    return {
      response: { id: request.id, kind: 'hash', hashed },
      transfer: [hashed.heads.buffer as ArrayBuffer, hashed.bucketCounts.buffer as ArrayBuffer],
    };
  }),
);
