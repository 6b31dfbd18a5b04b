/**
 * Classification spread over worker threads, so that hashing (normalise + HMAC, the costly part) runs
 * beside CSV parsing on another core. Batches go round-robin; each answer resolves its own promise, and
 * the caller writes batches in input order. With zero threads, rows are classified inline.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KEYED_HASH_ADDON_PATH, loadKeyedHashAddon } from '../../native/keyed-hash-addon.ts';
import {
  type BatchClassifier,
  batchClassifierFromSetup,
  type ClassifierSetup,
  type HmacSha256Many,
} from './classifier-setup.ts';

/**
 * A batch travels as its values one after another and the length of each (-1: no field). Values are
 * latin1 text (one character per byte: the CSV engine splits bytes as latin1), so they travel as bytes
 * in a transferred buffer, which the message does not copy; a string, the fallback for a value with a
 * wider character, is copied into the message (cloning thousands of small strings instead would cost
 * thousands of allocations on both sides).
 */
export interface ClassifyRequest {
  id: number;
  /** The values' characters, one byte each (latin1). */
  packed?: Uint8Array;
  /** The values joined, when one of them has a character above U+00FF. */
  joined?: string;
  lengths: Int32Array;
}

export interface ClassifyResponse {
  id: number;
  statuses: Uint8Array;
}

/** A batch of values as a request (its buffers listed in `transfer`). */
export function packValues(
  id: number,
  values: readonly (string | undefined)[],
): { request: ClassifyRequest; transfer: ArrayBuffer[] } {
  const lengths = new Int32Array(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const length = values[i]?.length ?? -1;
    lengths[i] = length;
    if (length > 0) total += length;
  }
  const packed = new Uint8Array(total);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    for (let j = 0; j < value.length; j++) {
      const code = value.charCodeAt(j);
      if (code > 0xff) {
        const request = { id, joined: values.join(''), lengths };
        return { request, transfer: [lengths.buffer] };
      }
      packed[offset++] = code;
    }
  }
  return { request: { id, packed, lengths }, transfer: [lengths.buffer, packed.buffer] };
}

/** The values of a request as one string: value i is the slice of lengths[i] characters after value i−1. */
export function joinedValues({ packed, joined }: ClassifyRequest): string {
  if (joined !== undefined) return joined;
  return packed ? Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('latin1') : '';
}

/**
 * Hashing threads by default: one per core but the main thread's, which parses the CSV and writes the
 * rows (as the builder does). On two cores, one hashing thread keeps up with the main thread, and a
 * second only made three busy threads share two cores: measured on a 1M-row scrub, 3.4-3.6 against
 * 3.9-4.0 µs of CPU per row, and shorter in wall-clock time too (docs/PERFORMANCE.md, "Scrub").
 */
export function defaultHashingThreads(): number {
  return Math.max(0, availableParallelism() - 1);
}

type Pending = { resolve: (statuses: Uint8Array) => void; reject: (error: Error) => void };

/** The thread's module beside this one: .ts in the repository, .js in the published package (dist/). */
const CLASSIFY_WORKER = new URL(
  `./classify-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

export class ClassifierPool {
  readonly threads: number;
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #inline: BatchClassifier | undefined;
  #nextId = 0;
  #failure: Error | undefined;

  /** `nativeHmac: false` hashes in JavaScript even where the native addon is built (tests, benches). */
  constructor(setup: ClassifierSetup, threads: number, { nativeHmac = true }: { nativeHmac?: boolean } = {}) {
    this.threads = threads;
    if (threads === 0) {
      this.#inline = batchClassifierFromSetup(setup, nativeHmac ? loadNativeHmac() : undefined);
      return;
    }
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(CLASSIFY_WORKER, { workerData: { setup, nativeHmac } });
      worker.on('message', (response: ClassifyResponse) => {
        const pending = this.#pending.get(response.id);
        this.#pending.delete(response.id);
        pending?.resolve(response.statuses);
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a hashing thread exited with code ${code}`));
      });
      this.#workers.push(worker);
    }
  }

  classify(values: (string | undefined)[]): Promise<Uint8Array> {
    if (this.#inline) {
      const { request } = packValues(0, values);
      return Promise.resolve(this.#inline(joinedValues(request), request.lengths));
    }
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const { request, transfer } = packValues(id, values);
      this.#workers[id % this.#workers.length]!.postMessage(request, transfer);
    });
  }

  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #fail(error: Error): void {
    this.#failure = new Error(`a hashing thread failed: ${error.message}`, { cause: error });
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}

/**
 * The native batch HMAC (native/keyed-hash.c, loaded and checked against RFC 4231 by
 * src/native/keyed-hash-addon.ts, as the builder loads it): about 130 ns per E.164 key through the
 * OpenSSL inside Node (SHA extensions) against about 700 ns in JavaScript. Undefined, and the hashing
 * threads hash in JavaScript, when it is not built (the published package) or does not load.
 */
export function loadNativeHmac(path: string = KEYED_HASH_ADDON_PATH): HmacSha256Many | undefined {
  const load = loadKeyedHashAddon(path);
  if (!('addon' in load)) return undefined;
  const { addon } = load;
  return (out, key, messages, ends) => addon.hmacSha256Many(out, key, messages, ends);
}
