/**
 * How the build's thread and its worker threads share the two passes. The build's thread reads the
 * input; each batch goes to a worker thread, or, when every thread already has its fill, is done by the
 * build's thread itself (so on 2 cores one worker thread and the build's thread keep both cores busy,
 * with one worker's memory instead of two). Pass 1's answers are applied strictly in input order.
 */
import { type FilledShard, type FillUnit, fillUnit } from '../fill-shards.ts';
import type { BatchHasher, HashedRows } from '../hash-rows.ts';
import type { InputRecord } from '../input/record.ts';
import type { BuildPool } from './build-pool.ts';

/**
 * Rows per batch: enough that messaging is a few percent of the work, few enough that the batches in
 * flight stay small (16,384 cost about 70 MB more peak RSS than 4,096 at 2M numbers, for no speed).
 */
export const ROWS_PER_BATCH = 4_096;
/** Batches answered or in flight but not yet applied, at most. */
const MAX_BACKLOG = 64;

interface Pending {
  value?: HashedRows;
  promise: Promise<HashedRows>;
}

export interface PassOneOptions {
  /** The build thread's own hasher (its judge, its keyed hash). */
  inThread: BatchHasher;
  /** The pool to use from now on, or undefined to keep working alone (decided per batch). */
  pool: (rowsRead: number) => BuildPool | undefined;
  apply: (hashed: HashedRows) => void;
}

/** Pass 1 over the whole input. */
export async function hashAllRows(
  rows: AsyncIterable<InputRecord[]>,
  options: PassOneOptions,
): Promise<void> {
  const { inThread, apply } = options;
  const pending: Pending[] = [];
  const drainReady = () => {
    while (pending[0]?.value !== undefined) apply(pending.shift()!.value!);
  };
  const hashHere = (batch: readonly InputRecord[]): HashedRows => {
    for (const row of batch) inThread.add(row);
    return inThread.finish();
  };
  const run = async (batch: InputRecord[], pool: BuildPool | undefined) => {
    if (pool === undefined || pool.saturated) {
      const value = hashHere(batch);
      pending.push({ value, promise: Promise.resolve(value) });
    } else {
      const entry: Pending = { promise: pool.hash(batch) };
      entry.promise.then(
        (value) => {
          entry.value = value;
        },
        () => {}, // awaited below; this only keeps an early failure from being "unhandled"
      );
      pending.push(entry);
    }
    drainReady();
    // A bounded backlog (a few MB of digest heads): wait for the oldest answer only when a thread falls
    // far behind, as one does when other jobs take the cores; a short wait would idle this thread.
    while (pending.length > MAX_BACKLOG) {
      apply(await pending.shift()!.promise);
      drainReady();
    }
  };
  let waiting: InputRecord[] = [];
  let rowsRead = 0;
  for await (const batch of rows) {
    rowsRead += batch.length;
    for (const row of batch) waiting.push(row);
    if (waiting.length < ROWS_PER_BATCH) continue;
    await run(waiting, options.pool(rowsRead));
    waiting = [];
  }
  if (waiting.length > 0) await run(waiting, options.pool(rowsRead));
  while (pending.length > 0) apply(await pending.shift()!.promise);
}

/**
 * Pass 2: every unit, on the worker threads while they have room and on this thread otherwise. Each
 * unit's shards are handed to `keep` as soon as they are filled (a stash: shard-stash.ts), so only the
 * units in progress are in memory, never the whole filter; the kept shards come back in unit order.
 */
export async function fillAllUnits<Kept>(
  units: FillUnit[],
  pool: BuildPool | undefined,
  keep: (shard: FilledShard) => Kept,
): Promise<Kept[]> {
  const results: (Kept[] | Promise<Kept[]>)[] = [];
  for (const unit of units) {
    if (pool !== undefined && !pool.saturated) {
      const answer = pool.fill(unit).then((shards) => shards.map(keep));
      answer.catch(() => {}); // awaited below
      results.push(answer);
    } else {
      results.push(fillUnit(unit).map(keep));
      // Let the threads' answers in, so the next unit can go to a thread that finished.
      if (pool !== undefined) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return (await Promise.all(results)).flat();
}
