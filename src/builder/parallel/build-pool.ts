/**
 * The build's worker threads, one pool per pass: hashing threads (pass 1, open and secret modes) load
 * the phone metadata and the HMAC key; filling threads (pass 2, every mode) load neither, so the pass
 * that holds the whole filter in memory pays only a few MB per thread. Requests queue in the pool and
 * go to a thread with room (two at a time per thread, so a thread never waits for the main thread to
 * hand it the next one); each answer resolves its own promise. A thread that fails fails every pending
 * request, and the build with them.
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, QuietlistError, StorageError } from '../../core/errors.ts';
import type { FilledShard, FillUnit } from '../fill-shards.ts';
import type { HashedRows } from '../hash-rows.ts';
import type { InputRecord } from '../input/record.ts';
import type { RowRules } from '../row-judge.ts';
import { type PackedRows, packRows } from './row-batch.ts';

export interface HashThreadSetup {
  rules: RowRules;
  hmacKey: Uint8Array;
  preferNativeHash: boolean;
}

export type ThreadRequest =
  | { id: number; kind: 'hash'; rows: PackedRows }
  | { id: number; kind: 'fill'; unit: FillUnit };

export type ThreadResponse =
  | { id: number; kind: 'hash'; hashed: HashedRows }
  | { id: number; kind: 'fill'; shards: FilledShard[] }
  | { id: number; kind: 'error'; code?: ErrorCode; message: string };

/** A thread's module beside this one: .ts in the repository, .js in the published package (dist/). */
function threadModule(name: string): URL {
  return new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
}

const IN_FLIGHT_PER_THREAD = 2;
/**
 * A thread's young generation capped well below V8's default: its garbage is short-lived row strings,
 * and each thread's heap counts against the build's memory budget (the filter plus 300 MB at 250M).
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 16 };

interface Job {
  request: ThreadRequest;
  transfer: ArrayBuffer[];
  resolve: (response: ThreadResponse) => void;
  reject: (error: Error) => void;
}

export class BuildPool {
  readonly threads: number;
  readonly #workers: Worker[] = [];
  readonly #busy: number[] = [];
  readonly #running = new Map<number, { job: Job; worker: number }>();
  readonly #queue: Job[] = [];
  #nextId = 0;
  #failure: Error | undefined;

  /** Hashing threads (`setup` given) or filling threads. */
  constructor(threads: number, setup?: HashThreadSetup) {
    this.threads = threads;
    const script = threadModule(setup ? 'hash-worker' : 'fill-worker');
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData: setup, resourceLimits: THREAD_LIMITS });
      worker.on('message', (response: ThreadResponse) => this.#answer(i, response));
      worker.on('error', (error) => this.#fail(new Error(`a build thread failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a build thread exited with code ${code}`));
      });
      this.#workers.push(worker);
      this.#busy.push(0);
    }
  }

  /** Every thread has as many requests as it takes: more would only wait in the queue. */
  get saturated(): boolean {
    return this.#queue.length > 0 || this.#busy.every((busy) => busy >= IN_FLIGHT_PER_THREAD);
  }

  /** Pass 1: judge and hash a batch of rows on a thread. */
  async hash(records: readonly InputRecord[]): Promise<HashedRows> {
    const { rows, transfer } = packRows(records);
    const response = await this.#submit({ id: this.#nextId++, kind: 'hash', rows }, transfer);
    if (response.kind !== 'hash') throw new Error('a build thread answered out of turn');
    return response.hashed;
  }

  /** Pass 2: fill one unit's shards on a thread. */
  async fill(unit: FillUnit): Promise<FilledShard[]> {
    const response = await this.#submit({ id: this.#nextId++, kind: 'fill', unit }, []);
    if (response.kind !== 'fill') throw new Error('a build thread answered out of turn');
    return response.shards;
  }

  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #submit(request: ThreadRequest, transfer: ArrayBuffer[]): Promise<ThreadResponse> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, transfer, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let least = 0;
      for (let i = 1; i < this.#busy.length; i++) if (this.#busy[i]! < this.#busy[least]!) least = i;
      if (this.#busy[least]! >= IN_FLIGHT_PER_THREAD) return;
      const job = this.#queue.shift()!;
      this.#busy[least]!++;
      this.#running.set(job.request.id, { job, worker: least });
      this.#workers[least]!.postMessage(job.request, job.transfer);
    }
  }

  #answer(worker: number, response: ThreadResponse): void {
    const running = this.#running.get(response.id);
    if (!running) return;
    this.#running.delete(response.id);
    this.#busy[worker]!--;
    if (response.kind === 'error') running.job.reject(threadError(response.code, response.message));
    else running.job.resolve(response);
    this.#dispatch();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const { job } of this.#running.values()) job.reject(this.#failure);
    for (const job of this.#queue.splice(0)) job.reject(this.#failure);
    this.#running.clear();
  }
}

/** A typed error raised in a thread keeps its code (a full temporary directory stays exit 3). */
function threadError(code: ErrorCode | undefined, message: string): Error {
  if (code === 'STORAGE_UNAVAILABLE') return new StorageError(code, message);
  if (code !== undefined) return new QuietlistError(code, message);
  return new Error(`a build thread failed: ${message}`);
}
