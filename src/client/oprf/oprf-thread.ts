/**
 * An OPRF thread (oprf-threads.ts): blinds batches, keeps their blinds, verifies each answer's proof
 * and unblinds it. Node only (worker_threads). Messages carry packed bytes, never one small array per
 * element: cloning a thousand 32-byte arrays costs a thousand allocations on both sides.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createOprfBackend } from '../../oprf/backend.ts';
import { OprfError } from '../../oprf/errors.ts';
import { checkPublicKey } from '../../oprf/validate.ts';
import { BlindingSession } from './client-crypto.ts';

export interface OprfThreadSetup {
  prefer: 'fast' | 'libsodium' | 'noble';
  publicKey: Uint8Array;
  info?: Uint8Array;
}

export type OprfThreadRequest =
  | { kind: 'blind'; ticket: number; joined: string; lengths: Int32Array; info?: Uint8Array }
  | { kind: 'finalize'; ticket: number; evaluated: Uint8Array; proof: Uint8Array }
  | { kind: 'release'; ticket: number };

export interface ThreadFailure {
  message: string;
  reason?: OprfError['reason'];
  index?: number;
}

export type OprfThreadResponse =
  | { kind: 'ready'; backend: string }
  | { kind: 'blinded'; ticket: number; elements: Uint8Array }
  | { kind: 'finalized'; ticket: number; outputs: Uint8Array }
  | { kind: 'failed'; ticket: number; failure: ThreadFailure };

const ELEMENT = 32;
const OUTPUT = 64;

function failureOf(error: unknown): ThreadFailure {
  if (error instanceof OprfError) {
    return {
      message: error.message,
      reason: error.reason,
      ...(error.index === undefined ? {} : { index: error.index }),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function split(joined: string, lengths: Int32Array): string[] {
  const texts: string[] = [];
  let offset = 0;
  for (const length of lengths) {
    texts.push(joined.slice(offset, offset + length));
    offset += length;
  }
  return texts;
}

function pack(items: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const packed = new Uint8Array(items.length * size);
  items.forEach((item, i) => {
    packed.set(item, i * size);
  });
  return packed;
}

const setup = workerData as OprfThreadSetup;
// A key no proof could verify against fails the pool at once (the 'error' event), not batch by batch.
checkPublicKey(setup.publicKey);
const backend = await createOprfBackend({ prefer: setup.prefer });
const session = new BlindingSession(backend, setup.publicKey, setup.info);
const port = parentPort!;
port.postMessage({ kind: 'ready', backend: backend.name } satisfies OprfThreadResponse);

port.on('message', (request: OprfThreadRequest) => {
  const { ticket } = request;
  try {
    if (request.kind === 'release') {
      session.release(ticket);
    } else if (request.kind === 'blind') {
      const texts = split(request.joined, request.lengths);
      const elements = pack(session.blind(ticket, texts, request.info ?? setup.info), ELEMENT);
      port.postMessage({ kind: 'blinded', ticket, elements } satisfies OprfThreadResponse, [elements.buffer]);
    } else {
      const evaluated = Array.from({ length: request.evaluated.length / ELEMENT }, (_, i) =>
        request.evaluated.subarray(i * ELEMENT, (i + 1) * ELEMENT),
      );
      const outputs = pack(
        session.finalize(ticket, { evaluatedElements: evaluated, proof: request.proof }),
        OUTPUT,
      );
      port.postMessage({ kind: 'finalized', ticket, outputs } satisfies OprfThreadResponse, [outputs.buffer]);
    }
  } catch (error) {
    port.postMessage({ kind: 'failed', ticket, failure: failureOf(error) } satisfies OprfThreadResponse);
  }
});
