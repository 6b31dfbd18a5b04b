/**
 * A pass 2 thread: fills units of shards from the spill (fill-shards.ts), one at a time, answering
 * with the shard files (transferred, not copied). It loads no phone metadata: pass 2 reads digests
 * only, so its thread costs a few MB where a hashing thread costs about 50.
 */
import { parentPort } from 'node:worker_threads';
import { fillUnit } from '../fill-shards.ts';
import type { ThreadRequest } from './build-pool.ts';
import { answer } from './thread-answer.ts';

parentPort!.on('message', (request: ThreadRequest) =>
  answer(request, () => {
    if (request.kind !== 'fill') throw new Error(`a filling thread cannot ${request.kind}`);
    const shards = fillUnit(request.unit);
    return {
      response: { id: request.id, kind: 'fill', shards },
      transfer: shards.map((shard) => shard.file.buffer as ArrayBuffer),
    };
  }),
);
