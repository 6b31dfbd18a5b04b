/**
 * The Node quota counter: one SQLite database file (node:sqlite, built into Node 22) shared by every
 * `quietlist serve` process of a host and kept across restarts. Why it holds across processes:
 * - WAL journal: readers never block the writer, and a commit appends to the log (synchronous=NORMAL:
 *   no fsync per commit; a power cut may lose the last commits, never corrupt the file).
 * - BEGIN IMMEDIATE: the write lock is taken before the counts are read, so check-and-charge is one
 *   atomic step across processes (a plain BEGIN would let two processes read the same total).
 * - busy_timeout: a process that finds the lock taken waits for it (transactions last microseconds)
 *   instead of failing; past the timeout the request answers 503 STORAGE_UNAVAILABLE, never 200.
 * Node only: the worker never imports this file.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { StorageError } from '../../core/errors.ts';
import { QuotaLedger, type SqlPort, type SqlValue } from './ledger.ts';
import type {
  QuotaCounter,
  QuotaDecision,
  QuotaLimits,
  QuotaRemaining,
  QuotaRequest,
  QuotaUsage,
} from './quota.ts';
import { remainingOf } from './rules.ts';

export const QUOTA_DATABASE_FILE = 'quota.sqlite';
const BUSY_TIMEOUT_MS = 5_000;

/**
 * node:sqlite prints an ExperimentalWarning when loaded on Node 22 (every CLI run would show it);
 * only that warning is dropped, any other still prints.
 */
export function loadSqlite(): typeof import('node:sqlite') {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('SQLite is an experimental feature')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
}

/**
 * A state database shared by every `serve` process of a state directory, opened in WAL mode with its
 * schema (`setUp`). Two processes starting together can meet in the switch to WAL or the schema's
 * creation, where SQLite answers "database is locked" at once instead of waiting (a lock upgrade it
 * refuses to wait for, lest the two deadlock): the whole opening is tried again, with a short pause,
 * for up to BUSY_TIMEOUT_MS.
 */
export function openStateDatabase<T>(
  path: string,
  setUp: (db: DatabaseSync) => T,
): { db: DatabaseSync; value: T } {
  const { DatabaseSync } = loadSqlite();
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    const db = new DatabaseSync(path);
    try {
      // The timeout first: switching to WAL itself waits for other processes' locks.
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      return { db, value: setUp(db) };
    } catch (error) {
      db.close();
      if (!/database is locked|SQLITE_BUSY/i.test(String((error as Error)?.message)) || Date.now() > deadline)
        throw error;
      Atomics.wait(PAUSE, 0, 0, Math.min(200, 10 * attempt));
    }
  }
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function storageError(what: string, error: unknown): StorageError {
  return new StorageError('STORAGE_UNAVAILABLE', `quota database ${what}: ${(error as Error)?.message}`, {
    cause: error,
  });
}

/** Prepared statements, cached by text: the ledger sends the same few on every request. */
export function sqlPort(db: DatabaseSync): SqlPort {
  const statements = new Map<string, StatementSync>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    all: (sql: string, ...params: SqlValue[]) => prepared(sql).all(...params) as Record<string, unknown>[],
    run: (sql: string, ...params: SqlValue[]) => {
      prepared(sql).run(...params);
    },
  };
}

/** The database file of a state directory (`--state-dir`). */
export function quotaDatabasePath(stateDirectory: string): string {
  return join(stateDirectory, QUOTA_DATABASE_FILE);
}

export class SqliteQuotaCounter implements QuotaCounter {
  readonly #db: DatabaseSync;
  readonly #ledger: QuotaLedger;
  readonly #sql: SqlPort;
  readonly path: string;

  /** Opens (or creates) the database in `stateDirectory`; ":memory:" for a private one. */
  constructor(stateDirectory: string) {
    this.path = stateDirectory === ':memory:' ? ':memory:' : quotaDatabasePath(stateDirectory);
    try {
      if (this.path !== ':memory:') mkdirSync(stateDirectory, { recursive: true });
      const opened = openStateDatabase(this.path, (db) => {
        const sql = sqlPort(db);
        return { sql, ledger: new QuotaLedger(sql) };
      });
      this.#db = opened.db;
      this.#sql = opened.value.sql;
      this.#ledger = opened.value.ledger;
    } catch (error) {
      throw storageError(`${this.path} cannot be opened`, error);
    }
  }

  /** Runs `body` in one BEGIN IMMEDIATE transaction on this database (the leased counter's local side). */
  transaction<T>(body: (sql: SqlPort) => T): T {
    return this.#transaction(() => body(this.#sql));
  }

  #transaction<T>(body: () => T): T {
    try {
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw storageError('is locked', error);
    }
    try {
      const result = body();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw storageError('write failed', error);
    }
  }

  async reserve(request: QuotaRequest): Promise<QuotaDecision> {
    return this.#transaction(() => this.#ledger.reserve(request));
  }

  async usage(subscriberId: string, at: number): Promise<QuotaUsage> {
    return this.#ledger.usage(subscriberId, at);
  }

  async remaining(subscriberId: string, limits: QuotaLimits, at: number): Promise<QuotaRemaining> {
    return remainingOf(this.#ledger.usage(subscriberId, at), limits);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
