/**
 * The scrub page's Web Worker: it holds the verified epoch and the chosen file, and does every step
 * that touches them (epoch-download.ts, scrub.ts), so the page stays responsive. Messages:
 * `epoch` (download and verify), `inspect` (read a file's columns), `scrub` (clean it, or answer with
 * the plan when today's quota covers only part of it); each answer carries the request's id;
 * `progress` messages come in between. Failures are sent as problems the page words in the person's
 * language (page-failure.ts), never as English messages.
 */
import { fromBase64 } from '../../core/encoding/base64.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { looksLikeApiKey } from '../shared/api-key-shape.ts';
import type { WorkerRequest, WorkerResponse } from '../shared/worker-protocol.ts';
import { downloadEpoch, type VerifiedEpoch } from './epoch-download.ts';
import { describeFailure, PageFailure, pageFailure } from './page-failure.ts';
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
  const download = (key: string | undefined) =>
    downloadEpoch({
      origin,
      publicKey: fromBase64(publicKey, 'the page’s public key'),
      apiKey: key,
      onProgress: (done, total) => scope.postMessage({ id, type: 'progress', stage: 'epoch', done, total }),
    });
  // The public list is downloaded without the key; the key goes along only when the server keeps
  // its list for subscribers, and only a key that looks like one.
  const promise = download(undefined).catch((error: unknown) => {
    const privateList =
      error instanceof PageFailure && 'key' in error.problem && error.problem.key === 'privateDownloads';
    if (!privateList || !apiKey) throw error;
    if (!looksLikeApiKey(apiKey)) throw pageFailure('keyMalformed');
    return download(apiKey);
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
      const verified = await loadEpoch(request.origin, request.publicKey, request.apiKey, id);
      const { manifest, transfer } = verified;
      const rules = epochRules(manifest);
      return {
        id,
        type: 'epoch',
        epoch: manifest.epoch,
        createdAt: manifest.createdAt,
        entries: manifest.counts.entries,
        mode: manifest.mode,
        country: rules.country,
        languages: rules.languages,
        ...(manifest.register?.scopes ? { scopes: manifest.register.scopes } : {}),
        ...(manifest.partitions ? { partitions: verified.partitions ?? null } : {}),
        transfer,
      };
    }
    case 'inspect': {
      file = { name: request.name, bytes: new Uint8Array(request.bytes) };
      return { id, type: 'inspect', file: await inspectFile(file.name, file.bytes) };
    }
    case 'scrub': {
      if (!file) throw new Error('no file chosen');
      const verified = await loadEpoch(request.origin, request.publicKey, request.apiKey, id);
      // A failed scrub (a newer epoch on the server, a revoked key…) downloads the list again next time.
      const answer = await scrubFile({
        name: file.name,
        bytes: file.bytes,
        columns: request.columns,
        mode: request.mode ?? 'drop',
        ...(request.scope ? { scope: request.scope } : {}),
        // The page's outputs are downloaded to be opened in a spreadsheet: safe unless unticked.
        excelSafe: request.excelSafe ?? true,
        epoch: verified,
        origin: request.origin,
        apiKey: request.apiKey,
        partial: request.partial ?? false,
        toolVersion: __QUIETLIST_VERSION__,
        onProgress: (stage, done, total) => scope.postMessage({ id, type: 'progress', stage, done, total }),
      }).catch((error: unknown) => {
        epoch = undefined;
        throw error;
      });
      return 'plan' in answer
        ? { id, type: 'plan', plan: answer.plan }
        : { id, type: 'scrub', result: answer.result };
    }
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  handle(request).then(
    (response) => scope.postMessage(response),
    (error: unknown) => {
      const problem = describeFailure(error);
      // The technical message for whoever opens the console; the page shows the problem in words.
      if (problem.detail) console.warn(`quietlist: ${problem.detail}`);
      scope.postMessage({ id: request.id, type: 'error', problem });
    },
  );
};
