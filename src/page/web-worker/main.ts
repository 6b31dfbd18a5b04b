/**
 * The scrub page's Web Worker: it holds the verified epoch and the chosen file, and does every step
 * that touches them (epoch-download.ts, scrub.ts), so the page stays responsive. Messages:
 * `epoch` (download and verify), `inspect` (read a file's columns), `scrub` (clean it); each answer
 * carries the request's id; `progress` messages come in between.
 */
import { fromBase64 } from '../../core/encoding/base64.ts';
import type { WorkerRequest, WorkerResponse } from '../shared/worker-protocol.ts';
import { downloadEpoch, type VerifiedEpoch } from './epoch-download.ts';
import { inspectFile, scrubFile } from './scrub.ts';

declare const __QUIETLIST_VERSION__: string;

interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

/** The verified epoch, downloaded once per page; dropped after a failure, so the next attempt starts afresh. */
let epoch: Promise<VerifiedEpoch> | undefined;
let file: { name: string; bytes: Uint8Array } | undefined;

function loadEpoch(
  origin: string,
  publicKey: string,
  apiKey: string | undefined,
  id: number,
): Promise<VerifiedEpoch> {
  if (epoch) return epoch;
  const promise = downloadEpoch({
    origin,
    publicKey: fromBase64(publicKey, 'the page’s public key'),
    apiKey,
    onProgress: (done, total) => scope.postMessage({ id, type: 'progress', stage: 'epoch', done, total }),
  });
  epoch = promise;
  promise.catch(() => {
    if (epoch === promise) epoch = undefined;
  });
  return promise;
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  const { id } = request;
  switch (request.type) {
    case 'epoch': {
      const { manifest, transfer } = await loadEpoch(request.origin, request.publicKey, request.apiKey, id);
      return {
        id,
        type: 'epoch',
        epoch: manifest.epoch,
        createdAt: manifest.createdAt,
        entries: manifest.counts.entries,
        mode: manifest.mode,
        transfer,
      };
    }
    case 'inspect': {
      file = { name: request.name, bytes: new Uint8Array(request.bytes) };
      return { id, type: 'inspect', file: await inspectFile(file.bytes) };
    }
    case 'scrub': {
      if (!file) throw new Error('no file chosen');
      const verified = await loadEpoch(request.origin, request.publicKey, request.apiKey, id);
      // A failed scrub (a newer epoch on the server, a revoked key…) downloads the list again next time.
      const result = await scrubFile({
        name: file.name,
        bytes: file.bytes,
        column: request.column,
        mode: request.mode ?? 'drop',
        // The page's outputs are downloaded to be opened in a spreadsheet: safe unless unticked.
        excelSafe: request.excelSafe ?? true,
        epoch: verified,
        origin: request.origin,
        apiKey: request.apiKey,
        toolVersion: __QUIETLIST_VERSION__,
        onProgress: (rows) =>
          scope.postMessage({ id, type: 'progress', stage: 'scrub', done: rows, total: 0 }),
      }).catch((error: unknown) => {
        epoch = undefined;
        throw error;
      });
      return { id, type: 'scrub', result };
    }
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  handle(request).then(
    (response) => scope.postMessage(response),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        type: 'error',
        message: (error as Error)?.message ?? String(error),
      }),
  );
};
