/**
 * A build thread: pass 1 batches (judge, key, hash: hash-rows.ts) and pass 2 units (fill-shards.ts),
 * one request at a time, answered with transferable buffers. The HMAC key arrives in workerData from
 * the build's own process and never leaves it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { QuietlistError } from '../../core/errors.ts';
import { type FillUnit, fillUnit } from '../fill-shards.ts';
import { BatchHasher } from '../hash-rows.ts';
import { createBatchHmac } from '../hashing/batch-hmac.ts';
import { RowJudge } from '../row-judge.ts';
import type { BuildThreadRequest, BuildThreadResponse, BuildThreadSetup } from './build-pool.ts';
import { forEachPackedRow } from './row-batch.ts';

const setup = workerData as BuildThreadSetup;
const hmac = setup.hmacKey ? createBatchHmac(setup.hmacKey, setup.preferNativeHash) : undefined;
const hasher = new BatchHasher(new RowJudge(setup.rules), (keys, count, out) => {
  if (!hmac) throw new Error('this build thread has no hash key: pass 1 runs in the build thread');
  hmac.digestMany(keys, count, out);
});

parentPort!.on('message', (request: BuildThreadRequest) => {
  let response: BuildThreadResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    if (request.kind === 'hash') {
      forEachPackedRow(request.rows, (row) => hasher.add(row));
      const hashed = hasher.finish();
      response = { id: request.id, kind: 'hash', hashed };
      transfer = [hashed.heads.buffer as ArrayBuffer, hashed.bucketCounts.buffer as ArrayBuffer];
    } else {
      const shards = fillUnit(request.unit as FillUnit);
      response = { id: request.id, kind: 'fill', shards };
      transfer = shards.map((shard) => shard.file.buffer as ArrayBuffer);
    }
  } catch (error) {
    const code = error instanceof QuietlistError ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    response = { id: request.id, kind: 'error', code, message };
  }
  parentPort!.postMessage(response, transfer);
});
