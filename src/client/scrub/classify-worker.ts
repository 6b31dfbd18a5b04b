/**
 * A hashing thread: classifies batches of phone values and answers with one status byte per row,
 * hashing each batch's keys in one native call where the addon is built (classifier-setup.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type ClassifyRequest,
  type ClassifyResponse,
  joinedValues,
  loadNativeHmac,
} from './classifier-pool.ts';
import { batchClassifierFromSetup, type ClassifierSetup } from './classifier-setup.ts';

const { setup, nativeHmac } = workerData as { setup: ClassifierSetup; nativeHmac: boolean };
const classify = batchClassifierFromSetup(setup, nativeHmac ? loadNativeHmac() : undefined);
parentPort!.on('message', (request: ClassifyRequest) => {
  const statuses = classify(joinedValues(request), request.lengths);
  parentPort!.postMessage({ id: request.id, statuses } satisfies ClassifyResponse, [statuses.buffer]);
});
