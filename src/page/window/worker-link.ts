/**
 * The page's side of its Web Worker: one request per id, answers matched by id, progress messages
 * handed to the caller, and a failure turned into a PageFailureError carrying the worker's problem.
 */
import type { PageProblem } from '../shared/page-problem.ts';
import type { WorkerRequest, WorkerResponse } from '../shared/worker-protocol.ts';

type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
export type Progress = WorkerResponse & { type: 'progress' };

export class WorkerProblem extends Error {
  readonly problem: PageProblem;
  constructor(problem: PageProblem) {
    super(problem.detail ?? ('key' in problem ? problem.key : problem.code));
    this.problem = problem;
  }
}

export function connectWorker(path: string) {
  const worker = new Worker(path, { type: 'module' });
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void; progress?: (p: Progress) => void }
  >();
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const response = event.data;
    const waiting = pending.get(response.id);
    if (!waiting) return;
    if (response.type === 'progress') return waiting.progress?.(response);
    pending.delete(response.id);
    if (response.type === 'error') waiting.reject(new WorkerProblem(response.problem));
    else waiting.resolve(response);
  };
  return function ask(
    message: Request,
    progress?: (p: Progress) => void,
    transfer: Transferable[] = [],
  ): Promise<WorkerResponse> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, progress });
      worker.postMessage({ ...message, id } as WorkerRequest, transfer);
    });
  };
}

/** The problem of a failure: the worker's, or an unexpected one for anything else. */
export function problemOf(error: unknown): PageProblem {
  return error instanceof WorkerProblem
    ? error.problem
    : { kind: 'problem', key: 'unexpected', detail: (error as Error)?.message ?? String(error) };
}
