/**
 * The oprf-mode builder's private state: for every number of the last build, its OPRF output head
 * (the 12 digest bytes the filter reads), so a nightly run evaluates only new registrations. Kept
 * outside the published bucket, next to the key it depends on.
 *
 * A number is found by a lookup key, HMAC-SHA-256(stateKey, E.164) truncated to 16 bytes, where the
 * state key is derived from the OPRF secret key: the file holds no phone number, is useless without
 * the key, and a key rotation makes every entry miss (a full rebuild, as it must be).
 *
 * File "oprf-state.bin": an open-addressing hash table loaded whole (28 bytes per slot, load ≤ 2/3).
 *   0  magic "QLOS"  4 u16 version 1  6 u16 header length 32  8 u32 slot count  12 u32 entry count
 *  16  8-byte OPRF key id   24 8 reserved zero bytes   32 slots: 16-byte lookup key (zero = empty) + 12-byte head
 *
 * While a build runs it spills its pairs to `.pairs-<pid>@<host>.tmp` and writes the next table to
 * `.oprf-state.bin.<pid>@<host>.tmp` before renaming it. A build killed with SIGKILL cannot remove
 * them, so the next build does (oprf-state-temporaries.ts), only those whose writer cannot be running.
 */
import { createHmac } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { FormatError } from '../core/errors.ts';
import { DIGEST_MIN_BYTES } from '../core/filter/bloom-filter.ts';
import { removeStaleTemporaries, temporaryName } from './oprf-state-temporaries.ts';

const MAGIC = 'QLOS';
const HEADER_BYTES = 32;
const KEY_BYTES = 16;
const SLOT_BYTES = KEY_BYTES + DIGEST_MIN_BYTES;
export const OPRF_STATE_FILE = 'oprf-state.bin';
/**
 * The state key: derived from the OPRF secret key with a fixed label, so it needs no management of its
 * own. POPRF outputs (partitioned epochs) are other values for the same key strings: their state key
 * has its own label, so a register that starts (or stops) partitioning finds none of the other's.
 */
export function stateKeyOf(oprfSecretKey: Uint8Array, poprf = false): Buffer {
  return createHmac('sha256', oprfSecretKey)
    .update(poprf ? 'quietlist poprf-state lookup key v1' : 'quietlist oprf-state lookup key v1')
    .digest();
}

export function lookupKey(stateKey: Buffer, e164: string): Buffer {
  const key = createHmac('sha256', stateKey).update(e164).digest().subarray(0, KEY_BYTES);
  key[0]! |= 1; // never all zero: an all-zero key marks an empty slot
  return key;
}

function slotOf(table: Buffer, key: Buffer, slots: number): number {
  let slot = key.readUInt32LE(4) % slots;
  for (;;) {
    const offset = HEADER_BYTES + slot * SLOT_BYTES;
    if (table[offset] === 0 || table.compare(key, 0, KEY_BYTES, offset, offset + KEY_BYTES) === 0)
      return offset;
    slot = slot + 1 === slots ? 0 : slot + 1;
  }
}

/** A loaded state: lookups of the previous build's outputs. */
export class OprfStateTable {
  readonly keyId: string;
  readonly entries: number;
  private readonly table: Buffer;
  private readonly slots: number;

  private constructor(table: Buffer) {
    this.table = table;
    this.slots = table.readUInt32LE(8);
    this.entries = table.readUInt32LE(12);
    this.keyId = table.subarray(16, 24).toString('hex');
  }

  static load(directory: string): OprfStateTable | null {
    const path = join(directory, OPRF_STATE_FILE);
    if (!existsSync(path)) return null;
    const table = readFileSync(path);
    const valid =
      table.length >= HEADER_BYTES &&
      table.toString('latin1', 0, 4) === MAGIC &&
      table.readUInt16LE(4) === 1 &&
      table.readUInt16LE(6) === HEADER_BYTES &&
      table.readUInt32LE(8) > 0 &&
      table.length === HEADER_BYTES + table.readUInt32LE(8) * SLOT_BYTES;
    if (!valid) throw new FormatError(`${path} is not a quietlist oprf state file (or is truncated)`);
    return new OprfStateTable(table);
  }

  /** The 12-byte output head stored for this lookup key, or undefined. */
  find(key: Buffer): Buffer | undefined {
    const offset = slotOf(this.table, key, this.slots);
    return this.table[offset] === 0
      ? undefined
      : this.table.subarray(offset + KEY_BYTES, offset + SLOT_BYTES);
  }
}

/** Collects (lookup key, head) pairs during a build, then writes the next state file atomically. */
export class OprfStateWriter {
  private readonly directory: string;
  private readonly spillPath: string;
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(SLOT_BYTES * 65_536);
  private used = 0;
  private count = 0;

  /** Temporary files of killed builds this writer removed before starting. */
  readonly staleRemoved: string[];

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    this.directory = directory;
    this.staleRemoved = removeStaleTemporaries(directory);
    this.spillPath = join(directory, temporaryName('.pairs-'));
    this.fd = openSync(this.spillPath, 'w+', 0o600);
  }

  add(key: Buffer, head: Uint8Array): void {
    if (this.used === this.buffer.length) this.flush();
    key.copy(this.buffer, this.used);
    this.buffer.set(head.subarray(0, DIGEST_MIN_BYTES), this.used + KEY_BYTES);
    this.used += SLOT_BYTES;
    this.count++;
  }

  /** Builds the table from the collected pairs and renames it into place. */
  commit(keyId: string): number {
    this.flush();
    const slots = Math.max(16, Math.ceil((this.count * 3) / 2));
    const table = Buffer.alloc(HEADER_BYTES + slots * SLOT_BYTES);
    table.write(MAGIC, 0, 'latin1');
    table.writeUInt16LE(1, 4);
    table.writeUInt16LE(HEADER_BYTES, 6);
    table.writeUInt32LE(slots, 8);
    Buffer.from(keyId, 'hex').copy(table, 16, 0, 8);
    const pairs = readFileSync(this.spillPath);
    let entries = 0;
    for (let offset = 0; offset < pairs.length; offset += SLOT_BYTES) {
      const key = pairs.subarray(offset, offset + KEY_BYTES);
      const slot = slotOf(table, key, slots);
      if (table[slot] === 0) entries++;
      pairs.copy(table, slot, offset, offset + SLOT_BYTES);
    }
    table.writeUInt32LE(entries, 12);
    const temporary = join(this.directory, temporaryName(`.${OPRF_STATE_FILE}.`));
    const fd = openSync(temporary, 'w', 0o600);
    try {
      for (let written = 0; written < table.length; ) written += writeSync(fd, table, written);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, join(this.directory, OPRF_STATE_FILE));
    this.dispose();
    return entries;
  }

  dispose(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.spillPath, { force: true });
  }

  private flush(): void {
    for (let written = 0; written < this.used; )
      written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }
}
