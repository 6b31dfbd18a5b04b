/**
 * The Node sequencer (`quietlist serve --state-dir DIR`): the additions log in `DIR/additions.sqlite`,
 * shared by every `serve` process of the host like the quota database (WAL, BEGIN IMMEDIATE, a busy
 * timeout), the additions key of the server, and the store the lists are published in. Several hosts
 * may each run one: their batches never fork a chain (create-only writes, additions-publisher.ts), but
 * an addition posted to a host that stops before the list's next build is carried on by that host
 * only, so post each list's additions to one host (docs/OPERATIONS.md). Node only.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { SigningKeyPair } from '../../core/epoch/signing.ts';
import { StorageError } from '../../core/errors.ts';
import { listStore } from '../../storage/list-store.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { openStateDatabase, sqlPort } from '../quota/sqlite.ts';
import { AdditionsLog } from './additions-log.ts';
import { AdditionsPublisher } from './additions-publisher.ts';
import { CoalescingSequencer } from './sequencer.ts';

export const ADDITIONS_DATABASE_FILE = 'additions.sqlite';

export interface SqliteSequencerOptions {
  /** The state directory, or ":memory:" (tests). */
  stateDirectory: string;
  store: ObjectStore;
  key: SigningKeyPair;
  coalesceMs: number;
  now?: () => number;
}

export class SqliteSequencer extends CoalescingSequencer {
  readonly #db: DatabaseSync;

  constructor(options: SqliteSequencerOptions) {
    const path =
      options.stateDirectory === ':memory:'
        ? ':memory:'
        : join(options.stateDirectory, ADDITIONS_DATABASE_FILE);
    let db: DatabaseSync;
    let log: AdditionsLog;
    try {
      if (path !== ':memory:') mkdirSync(options.stateDirectory, { recursive: true });
      const opened = openStateDatabase(path, (opening) => new AdditionsLog(sqlPort(opening)));
      db = opened.db;
      log = opened.value;
    } catch (error) {
      throw new StorageError(
        'STORAGE_UNAVAILABLE',
        `additions database ${path} cannot be opened: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const transaction = <T>(body: (log: AdditionsLog) => T): T => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = body(log);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    };
    const publisher = new AdditionsPublisher({
      storeOf: (list) => listStore(options.store, list),
      key: options.key,
      transaction,
      now: options.now ?? Date.now,
    });
    super(publisher, transaction, { coalesceMs: options.coalesceMs });
    this.#db = db;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
