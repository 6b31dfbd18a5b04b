/**
 * The sequencer's memory, in SQL, the same on both runtimes (SQLite inside the list's Durable Object on
 * Workers, node:sqlite in `serve --state-dir` on Node; api/quota/ledger.ts's SqlPort): the entries
 * recorded and not yet folded by a build, each with the number it is published under and the epoch
 * whose chain holds it, and per list the chain being written (its epoch, its last number and batch
 * hash). The store holds the published truth (additions-publisher.ts reads it back whenever it may be
 * ahead); this log is what is recorded but not yet published, and what a new epoch must carry on.
 * Every method runs inside the caller's transaction.
 */
import type { AdditionEntry } from '../../core/additions/additions-batch.ts';
import type { SqlPort } from '../quota/ledger.ts';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS additions_entries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     list TEXT NOT NULL, sequence INTEGER NOT NULL, digests TEXT NOT NULL,
     expires_at INTEGER, posted_at INTEGER NOT NULL, chain_epoch TEXT,
     UNIQUE (list, sequence))`,
  `CREATE TABLE IF NOT EXISTS additions_chain (
     list TEXT PRIMARY KEY, epoch TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, created_at TEXT NOT NULL,
     folded INTEGER NOT NULL, last INTEGER NOT NULL, last_sha256 TEXT, published_at TEXT,
     next_sequence INTEGER NOT NULL)`,
];

/** The epoch a chain extends, as the server verified it. */
export interface ChainEpoch {
  epoch: string;
  manifestSha256: string;
  createdAt: string;
  /** Its manifest's `additions.sequence`. */
  folded: number;
}

export interface ChainState extends ChainEpoch {
  /** The last number on this epoch's chain (`folded` while it has no batch). */
  last: number;
  lastSha256: string | null;
  publishedAt: string | null;
  /** The next number to hand out. */
  nextSequence: number;
}

export interface LoggedEntry extends AdditionEntry {
  id: number;
  /** The epoch whose chain holds it; null: not published on the current chain yet. */
  chainEpoch: string | null;
}

export class AdditionsLog {
  readonly #sql: SqlPort;

  constructor(sql: SqlPort) {
    this.#sql = sql;
    for (const statement of SCHEMA) sql.run(statement);
  }

  chain(list: string): ChainState | null {
    const row = this.#sql.all('SELECT * FROM additions_chain WHERE list = ?', list)[0];
    if (!row) return null;
    return {
      epoch: String(row.epoch),
      manifestSha256: String(row.manifest_sha256),
      createdAt: String(row.created_at),
      folded: Number(row.folded),
      last: Number(row.last),
      lastSha256: row.last_sha256 === null ? null : String(row.last_sha256),
      publishedAt: row.published_at === null ? null : String(row.published_at),
      nextSequence: Number(row.next_sequence),
    };
  }

  /** Starts (or replaces) the chain of `list`; numbers never go back below what was handed out. */
  startChain(list: string, state: Omit<ChainState, 'nextSequence'>): ChainState {
    const before = this.chain(list);
    const nextSequence = Math.max(before?.nextSequence ?? 1, state.last + 1, state.folded + 1);
    this.#sql.run(
      `INSERT INTO additions_chain (list, epoch, manifest_sha256, created_at, folded, last, last_sha256, published_at, next_sequence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (list) DO UPDATE SET epoch = excluded.epoch, manifest_sha256 = excluded.manifest_sha256,
         created_at = excluded.created_at, folded = excluded.folded, last = excluded.last,
         last_sha256 = excluded.last_sha256, published_at = excluded.published_at, next_sequence = excluded.next_sequence`,
      list,
      state.epoch,
      state.manifestSha256,
      state.createdAt,
      state.folded,
      state.last,
      state.lastSha256,
      state.publishedAt,
      nextSequence,
    );
    // What the epoch's filter holds is the build's now: no longer the sequencer's to publish.
    this.#sql.run('DELETE FROM additions_entries WHERE list = ? AND sequence <= ?', list, state.folded);
    this.#sql.run('UPDATE additions_entries SET chain_epoch = NULL WHERE list = ?', list);
    return { ...state, nextSequence };
  }

  /** A batch landed on the chain: it moves forward (never back, should another writer be ahead). */
  advanceChain(list: string, epoch: string, last: number, sha256: string, publishedAt: string): void {
    this.#sql.run(
      `UPDATE additions_chain SET last = ?, last_sha256 = ?, published_at = ?, next_sequence = MAX(next_sequence, ?)
       WHERE list = ? AND epoch = ? AND last < ?`,
      last,
      sha256,
      publishedAt,
      last + 1,
      list,
      epoch,
      last,
    );
  }

  /** Records entries under the next numbers; returns their ids. The chain must exist (the caller started it). */
  record(
    list: string,
    entries: readonly { digests: readonly string[]; expiresAt: number | null }[],
    postedAt: number,
  ): number[] {
    const chain = this.chain(list);
    if (!chain) throw new Error(`no additions chain for list ${list}`);
    let sequence = Math.max(chain.nextSequence, chain.last + 1);
    const ids: number[] = [];
    for (const entry of entries) {
      const row = this.#sql.all(
        `INSERT INTO additions_entries (list, sequence, digests, expires_at, posted_at, chain_epoch)
         VALUES (?, ?, ?, ?, ?, NULL) RETURNING id`,
        list,
        sequence++,
        entry.digests.join(','),
        entry.expiresAt,
        postedAt,
      )[0]!;
      ids.push(Number(row.id));
    }
    this.#sql.run('UPDATE additions_chain SET next_sequence = ? WHERE list = ?', sequence, list);
    return ids;
  }

  /** Entries (carried from the store) the log lacks, under their own numbers. */
  adopt(list: string, entries: readonly AdditionEntry[], at: number): void {
    for (const entry of entries) {
      this.#sql.run(
        `INSERT INTO additions_entries (list, sequence, digests, expires_at, posted_at, chain_epoch)
         VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (list, sequence) DO NOTHING`,
        list,
        entry.sequence,
        entry.digests.join(','),
        entry.expiresAt === undefined ? null : Date.parse(entry.expiresAt),
        at,
      );
    }
  }

  /** Entries not yet on the chain of `epoch`, oldest number first; expired ones are dropped instead. */
  pending(list: string, epoch: string, at: number): LoggedEntry[] {
    this.#sql.run(
      'DELETE FROM additions_entries WHERE list = ? AND expires_at IS NOT NULL AND expires_at <= ?',
      list,
      at,
    );
    return this.#sql
      .all(
        `SELECT * FROM additions_entries WHERE list = ? AND (chain_epoch IS NULL OR chain_epoch <> ?)
         ORDER BY sequence`,
        list,
        epoch,
      )
      .map(entryOf);
  }

  /** Gives an entry a new number (its own was taken on the chain by another writer). */
  renumber(list: string, id: number): number {
    const chain = this.chain(list)!;
    const sequence = Math.max(chain.nextSequence, chain.last + 1);
    this.#sql.run('UPDATE additions_entries SET sequence = ? WHERE id = ?', sequence, id);
    this.#sql.run('UPDATE additions_chain SET next_sequence = ? WHERE list = ?', sequence + 1, list);
    return sequence;
  }

  /**
   * These entries are on the chain of `epoch` now: an entry of the log under the same number and with
   * the same digests (another writer's entry under a number the log also gave out is not this one's).
   */
  markPublished(list: string, epoch: string, entries: readonly AdditionEntry[]): void {
    for (const entry of entries) {
      this.#sql.run(
        'UPDATE additions_entries SET chain_epoch = ? WHERE list = ? AND sequence = ? AND digests = ?',
        epoch,
        list,
        entry.sequence,
        entry.digests.join(','),
      );
    }
  }

  /** The numbers and chain of recorded entries, by id (a POST's answer). */
  entries(ids: readonly number[]): LoggedEntry[] {
    return ids
      .map((id) => this.#sql.all('SELECT * FROM additions_entries WHERE id = ?', id)[0])
      .filter((row) => row !== undefined)
      .map(entryOf);
  }
}

function entryOf(row: Record<string, unknown>): LoggedEntry {
  const expiresAt =
    row.expires_at === null || row.expires_at === undefined ? undefined : Number(row.expires_at);
  return {
    id: Number(row.id),
    sequence: Number(row.sequence),
    digests: String(row.digests).split(','),
    ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
    chainEpoch: row.chain_epoch === null || row.chain_epoch === undefined ? null : String(row.chain_epoch),
  };
}
