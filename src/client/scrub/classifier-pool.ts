/**
 * Classification spread over worker threads, so that hashing (normalise + HMAC, the costly part) runs
 * beside CSV parsing on another core. Batches go round-robin; each answer resolves its own promise, and
 * the caller writes batches in input order. With zero threads, rows are classified inline.
 */
import { Worker } from 'node:worker_threads';
import type { ClassifierSetup } from './classifier-setup.ts';
import { classifierFromSetup } from './classifier-setup.ts';
import type { ClassifyRequest, ClassifyResponse } from './classify-worker.ts';

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
  readonly #inline: ((value: string | undefined) => number) | undefined;
  #nextId = 0;
  #failure: Error | undefined;

  constructor(setup: ClassifierSetup, threads: number) {
    this.threads = threads;
    if (threads === 0) {
      this.#inline = classifierFromSetup(setup);
      return;
    }
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(CLASSIFY_WORKER, { workerData: setup });
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
      const statuses = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) statuses[i] = this.#inline(values[i]);
      return Promise.resolve(statuses);
    }
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const lengths = new Int32Array(values.length);
      for (let i = 0; i < values.length; i++) lengths[i] = values[i]?.length ?? -1;
      const request: ClassifyRequest = { id, joined: values.join(''), lengths };
      this.#workers[id % this.#workers.length]!.postMessage(request, [lengths.buffer]);
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
