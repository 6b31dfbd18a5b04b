/** A hashing thread: classifies batches of phone values and answers with one status byte per row. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ClassifierSetup, classifierFromSetup } from './classifier-setup.ts';

/**
 * A batch travels as one string and the length of each value (-1: no field): cloning one string costs
 * a copy, cloning thousands of small ones costs thousands of allocations on both sides.
 */
export interface ClassifyRequest {
  id: number;
  joined: string;
  lengths: Int32Array;
}

export interface ClassifyResponse {
  id: number;
  statuses: Uint8Array;
}

const classify = classifierFromSetup(workerData as ClassifierSetup);
parentPort!.on('message', ({ id, joined, lengths }: ClassifyRequest) => {
  const statuses = new Uint8Array(lengths.length);
  let offset = 0;
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i]!;
    if (length < 0) {
      statuses[i] = classify(undefined);
      continue;
    }
    statuses[i] = classify(joined.slice(offset, offset + length));
    offset += length;
  }
  parentPort!.postMessage({ id, statuses } satisfies ClassifyResponse, [statuses.buffer]);
});
