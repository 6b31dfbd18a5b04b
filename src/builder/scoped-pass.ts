/**
 * Pass 1 of a scoped or partitioned register's build, in the build's own thread: each row judged
 * (row-judge.ts: its keys, and its channels and sectors against the register's), then entered by the
 * keying layer (entry-keys.ts: a key's digest, or the scope digests derived from it; a partitioned
 * register's under its partition, the POPRF's in oprf mode). The threaded pass 1 (hash-rows.ts) hashes
 * one digest per key and knows neither, so these registers do not start hashing threads: the shard
 * bytes are the same whatever `threads` says (test/unit/builder/scoped-threads.test.ts).
 */
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import type { PartitionRule, ProfileScopes } from '../core/registers/profile.ts';
import { enterRegistration } from './entry-keys.ts';
import type { InputRecord } from './input/record.ts';
import type { JudgedRows, RowJudge } from './row-judge.ts';

export interface KeyedPassOptions {
  judge: RowJudge;
  hasher: KeyedHasher;
  scopes?: ProfileScopes;
  partition?: PartitionRule;
  /** Each digest entered, with its partition (null: unpartitioned). */
  emit: (partition: string | null, digest: Uint8Array) => void;
  /** Each input batch's counts and reports, in input order. */
  onBatch: (judged: JudgedRows) => void;
}

/** Reads the whole input; returns how many digests were entered (before duplicates). */
export async function spillKeyedRows(
  rows: AsyncIterable<InputRecord[]>,
  options: KeyedPassOptions,
): Promise<number> {
  const keying = {
    hasher: options.hasher,
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...(options.partition ? { partition: options.partition } : {}),
  };
  let entered = 0;
  const emit = (partition: string | null, digest: Uint8Array) => {
    entered++;
    options.emit(partition, digest);
  };
  for await (const batch of rows) {
    for (const row of batch) {
      const entry = options.judge.judgeEntry(row);
      if (entry) enterRegistration(keying, entry.keys, entry.labels, emit);
    }
    options.onBatch(options.judge.take());
  }
  return entered;
}
