/** A build thread's answer to one request: the result, or its error with the error's stable code. */
import { parentPort } from 'node:worker_threads';
import { QuietlistError } from '../../core/errors.ts';
import type { ThreadRequest, ThreadResponse } from './build-pool.ts';

export function answer(
  request: ThreadRequest,
  work: () => { response: ThreadResponse; transfer: ArrayBuffer[] },
): void {
  let result: { response: ThreadResponse; transfer: ArrayBuffer[] };
  try {
    result = work();
  } catch (error) {
    const code = error instanceof QuietlistError ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    result = { response: { id: request.id, kind: 'error', code, message }, transfer: [] };
  }
  parentPort!.postMessage(result.response, result.transfer);
}
