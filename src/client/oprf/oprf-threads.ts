/**
 * The client's OPRF work on every core (Node): a pool of threads (oprf-thread.ts), each with its own
 * backend, blinding batches and later verifying and unblinding the same batches, since a batch's
 * blinds stay in the thread that drew them. A batch goes to the thread with the fewest open batches.
 * The main thread keeps the I/O: requests to the worker, the journal, the CSV.
 */
import { Worker } from 'node:worker_threads';
import { OprfError } from '../../oprf/errors.ts';
import type { BlindEvaluation, OprfBackendName } from '../../oprf/types.ts';
import type { BlindedTicket, OprfClientCrypto } from './client-crypto.ts';
import type { OprfThreadRequest, OprfThreadResponse, OprfThreadSetup, ThreadFailure } from './oprf-thread.ts';

/** The thread's module beside this one: .ts in the repository, .js in the published package (dist/). */
const OPRF_THREAD = new URL(
  `./oprf-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);
const ELEMENT = 32;
const OUTPUT = 64;

const PREFER: Record<OprfBackendName, OprfThreadSetup['prefer']> = {
  native: 'fast',
  libsodium: 'libsodium',
  noble: 'noble',
};

type Pending = { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void };

interface Thread {
  worker: Worker;
  /** Batches blinded here and not yet finalised or released. */
  open: number;
}

function errorOf(failure: ThreadFailure): Error {
  return failure.reason === undefined
    ? new Error(failure.message)
    : new OprfError(
        failure.reason,
        failure.message,
        failure.index === undefined ? {} : { index: failure.index },
      );
}

function views(packed: Uint8Array, size: number): Uint8Array[] {
  return Array.from({ length: packed.length / size }, (_, i) => packed.subarray(i * size, (i + 1) * size));
}

export interface OprfThreadPoolOptions {
  threads: number;
  /** Which backend the threads load: the one the caller chose (byte-identical results either way). */
  backend: OprfBackendName;
  publicKey: Uint8Array;
  /** POPRF: the public input every batch of this pool is evaluated under. */
  info?: Uint8Array;
}

export class OprfThreadPool implements OprfClientCrypto {
  readonly parallelism: number;
  readonly #threads: Thread[] = [];
  readonly #owner = new Map<number, Thread>();
  readonly #pending = new Map<number, Pending>();
  readonly #ready: Promise<unknown>;
  /** Rejects when a thread fails, so that nothing waits forever for a thread that never started. */
  readonly #failed: Promise<never>;
  #rejectFailed: (error: Error) => void = () => {};
  #next = 0;
  #failure: Error | undefined;

  constructor(options: OprfThreadPoolOptions) {
    this.parallelism = Math.max(1, options.threads);
    this.#failed = new Promise<never>((_, reject) => {
      this.#rejectFailed = reject;
    });
    this.#failed.catch(() => {});
    const setup: OprfThreadSetup = {
      prefer: PREFER[options.backend],
      publicKey: options.publicKey,
      ...(options.info === undefined ? {} : { info: options.info }),
    };
    const readiness: Promise<void>[] = [];
    for (let i = 0; i < this.parallelism; i++) {
      const worker = new Worker(OPRF_THREAD, { workerData: setup });
      const thread = { worker, open: 0 };
      readiness.push(
        new Promise((resolve) => {
          worker.on('message', (response: OprfThreadResponse) => {
            if (response.kind === 'ready') resolve();
            else this.#answer(response);
          });
        }),
      );
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`an OPRF thread exited with code ${code}`));
      });
      this.#threads.push(thread);
    }
    this.#ready = Promise.all(readiness);
  }

  async blind(inputs: readonly string[], info?: Uint8Array): Promise<BlindedTicket> {
    await Promise.race([this.#ready, this.#failed]);
    const thread = this.#threads.reduce((a, b) => (b.open < a.open ? b : a));
    const ticket = this.#next++;
    thread.open++;
    this.#owner.set(ticket, thread);
    const lengths = Int32Array.from(inputs, (input) => input.length);
    try {
      const request: OprfThreadRequest = {
        kind: 'blind',
        ticket,
        joined: inputs.join(''),
        lengths,
        ...(info === undefined ? {} : { info }),
      };
      const elements = await this.#ask(ticket, request, [lengths.buffer]);
      return { ticket, blindedElements: views(elements, ELEMENT) };
    } catch (error) {
      this.#close(ticket);
      throw error;
    }
  }

  async finalize(ticket: number, evaluation: BlindEvaluation): Promise<Uint8Array[]> {
    const evaluated = new Uint8Array(evaluation.evaluatedElements.length * ELEMENT);
    evaluation.evaluatedElements.forEach((element, i) => {
      evaluated.set(element, i * ELEMENT);
    });
    const proof = evaluation.proof.slice();
    try {
      const outputs = await this.#ask(ticket, { kind: 'finalize', ticket, evaluated, proof }, [
        evaluated.buffer,
        proof.buffer,
      ]);
      return views(outputs, OUTPUT);
    } finally {
      this.#close(ticket);
    }
  }

  release(ticket: number): void {
    const thread = this.#owner.get(ticket);
    if (thread === undefined) return;
    thread.worker.postMessage({ kind: 'release', ticket } satisfies OprfThreadRequest);
    this.#close(ticket);
  }

  async close(): Promise<void> {
    const threads = this.#threads.splice(0);
    for (const { worker } of threads) worker.removeAllListeners('exit');
    await Promise.all(threads.map(({ worker }) => worker.terminate()));
  }

  #close(ticket: number): void {
    const thread = this.#owner.get(ticket);
    if (thread !== undefined) thread.open--;
    this.#owner.delete(ticket);
  }

  #ask(ticket: number, request: OprfThreadRequest, transfer: ArrayBuffer[]): Promise<Uint8Array> {
    if (this.#failure) return Promise.reject(this.#failure);
    const thread = this.#owner.get(ticket);
    if (thread === undefined) return Promise.reject(new Error(`OPRF batch ${ticket} is not open`));
    return new Promise((resolve, reject) => {
      this.#pending.set(ticket, { resolve, reject });
      thread.worker.postMessage(request, transfer);
    });
  }

  #answer(response: Exclude<OprfThreadResponse, { kind: 'ready' }>): void {
    const pending = this.#pending.get(response.ticket);
    this.#pending.delete(response.ticket);
    if (pending === undefined) return;
    if (response.kind === 'failed') pending.reject(errorOf(response.failure));
    else pending.resolve(response.kind === 'blinded' ? response.elements : response.outputs);
  }

  #fail(error: Error): void {
    this.#failure ??= new Error(`an OPRF thread failed: ${error.message}`, { cause: error });
    this.#rejectFailed(this.#failure);
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
