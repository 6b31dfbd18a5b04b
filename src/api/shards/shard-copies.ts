/**
 * A shard holder's own copy of the files it verified (its manifest and its shard), kept in the
 * holder's private SQLite storage (a Durable Object's ctx.storage.sql; node:sqlite in tests). A
 * Durable Object idle for 10 seconds hibernates and loses its memory; waking, it reads these rows
 * on its own machine instead of 14 MB from R2, and verifies them exactly as it verifies R2's bytes
 * (resident-shard.ts): a copy that fails is dropped and the bucket read again. Files are split in
 * parts below SQLite's 2 MB row limit on Workers.
 */

/** The little of SQLite the copies need; each runtime adapts its driver (blobs in, ArrayBuffers out). */
export interface BlobSqlPort {
  all(sql: string, ...params: (string | number | ArrayBuffer)[]): Record<string, unknown>[];
  run(sql: string, ...params: (string | number | ArrayBuffer)[]): void;
}

export interface ShardCopies {
  get(key: string): Uint8Array | null;
  put(key: string, bytes: Uint8Array): void;
  clear(): void;
}

/** Under the 2 MB limit of a Durable Object's SQLite row. */
export const COPY_PART_BYTES = 1_900_000;

export class SqlShardCopies implements ShardCopies {
  readonly #sql: BlobSqlPort;

  constructor(sql: BlobSqlPort) {
    this.#sql = sql;
  }

  // Created on use: the object's deleteAll() (its daily clean-up) removes the table too.
  #schema(): void {
    this.#sql.run(
      `CREATE TABLE IF NOT EXISTS shard_copies (
         key TEXT NOT NULL, part INTEGER NOT NULL, bytes BLOB,
         PRIMARY KEY (key, part)) WITHOUT ROWID`,
    );
  }

  get(key: string): Uint8Array | null {
    this.#schema();
    const rows = this.#sql.all('SELECT bytes FROM shard_copies WHERE key = ? ORDER BY part', key);
    if (rows.length === 0) return null;
    // An empty part may come back as NULL (node:sqlite binds an empty array so).
    const parts = rows.map((row) =>
      row.bytes ? new Uint8Array(row.bytes as ArrayBuffer) : new Uint8Array(0),
    );
    const file = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      file.set(part, offset);
      offset += part.length;
    }
    return file;
  }

  put(key: string, bytes: Uint8Array): void {
    this.#schema();
    this.#sql.run('DELETE FROM shard_copies WHERE key = ?', key);
    for (let part = 0, offset = 0; offset < bytes.length || part === 0; part++, offset += COPY_PART_BYTES) {
      const slice = bytes.slice(offset, offset + COPY_PART_BYTES);
      this.#sql.run('INSERT INTO shard_copies (key, part, bytes) VALUES (?, ?, ?)', key, part, slice.buffer);
    }
  }

  clear(): void {
    this.#schema();
    this.#sql.run('DELETE FROM shard_copies');
  }
}
