/**
 * The client's record of OPRF evaluations already paid for, so an interrupted scrub (or tomorrow's,
 * on the same epoch key) never asks the worker twice for a number. One file per OPRF public key, in
 * the client cache: records of (HMAC(localKey, E.164) truncated to 16 bytes, output head 12 bytes),
 * appended and flushed batch by batch. The local key is random per cache, so the file holds no phone
 * number and cannot be matched against another company's journal.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DIGEST_MIN_BYTES } from '../../core/filter/bloom-filter.ts';
import { openAppendSync, refuseLinkSync } from '../cache/cache-files.ts';

const KEY_BYTES = 16;
const RECORD_BYTES = KEY_BYTES + DIGEST_MIN_BYTES;

export class EvaluationJournal {
  /** Records read from the file, by their HMAC key (base64). */
  private readonly heads = new Map<string, Uint8Array>();
  /**
   * Records added by this process, by number: the scrub looks each one up again right after adding
   * it, and this spares that lookup an HMAC. Memory only (the process holds its call list anyway).
   */
  private readonly recent = new Map<string, Uint8Array>();
  private readonly localKey: Buffer;
  private readonly fd: number;

  private constructor(localKey: Buffer, path: string) {
    this.localKey = localKey;
    refuseLinkSync(path);
    if (existsSync(path)) {
      const bytes = readFileSync(path);
      // A record cut off by a crash is ignored; everything before it is intact.
      const whole = bytes.length - (bytes.length % RECORD_BYTES);
      for (let offset = 0; offset < whole; offset += RECORD_BYTES) {
        this.heads.set(
          bytes.toString('base64', offset, offset + KEY_BYTES),
          bytes.subarray(offset + KEY_BYTES, offset + RECORD_BYTES),
        );
      }
      if (whole !== bytes.length) writeFileSync(path, bytes.subarray(0, whole), { mode: 0o600 });
    }
    this.fd = openAppendSync(path, 0o600);
  }

  /**
   * Opens (or starts) the journal of one OPRF key id in a cache directory. POPRF outputs (partitioned
   * epochs, docs/FORMAT.md §1.4) are other values for the same numbers: they have their own file.
   */
  static open(directory: string, oprfKeyId: string, options: { poprf?: boolean } = {}): EvaluationJournal {
    return EvaluationJournal.openFile(
      directory,
      `evaluations-${oprfKeyId}${options.poprf ? '-poprf' : ''}.bin`,
    );
  }

  /**
   * The journal of one epoch's answers from POST /v1/check (`scrub --online`, secret-mode epochs):
   * the same records, whose head holds the verdict (answerHead), so a resumed scrub asks for none twice.
   * A scoped epoch's answers depend on the scope asked: `scope` names it (`call.energy`, `any.any`).
   */
  static openAnswers(directory: string, epoch: string, scope?: string): EvaluationJournal {
    return EvaluationJournal.openFile(directory, `answers-${epoch}${scope ? `-${scope}` : ''}.bin`);
  }

  private static openFile(directory: string, name: string): EvaluationJournal {
    const folder = join(directory, 'oprf');
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Inside the cache nothing is followed: a planted link would receive the records (cache-files.ts).
    refuseLinkSync(folder, 'directory');
    const keyPath = join(folder, 'journal.key');
    refuseLinkSync(keyPath);
    if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32), { mode: 0o600, flag: 'wx' });
    return new EvaluationJournal(readFileSync(keyPath), join(folder, name));
  }

  get size(): number {
    return this.heads.size + this.recent.size;
  }

  private keyOf(e164: string): Buffer {
    return createHmac('sha256', this.localKey).update(e164).digest().subarray(0, KEY_BYTES);
  }

  /** The 12-byte output head of a number evaluated before, if any. */
  get(e164: string): Uint8Array | undefined {
    return this.recent.get(e164) ?? this.heads.get(this.keyOf(e164).toString('base64'));
  }

  /** Records a finalized batch durably before its results are used. */
  add(e164s: readonly string[], outputs: readonly Uint8Array[]): void {
    const records = Buffer.alloc(e164s.length * RECORD_BYTES);
    e164s.forEach((e164, i) => {
      this.keyOf(e164).copy(records, i * RECORD_BYTES);
      records.set(outputs[i]!.subarray(0, DIGEST_MIN_BYTES), i * RECORD_BYTES + KEY_BYTES);
      this.recent.set(e164, records.subarray(i * RECORD_BYTES + KEY_BYTES, (i + 1) * RECORD_BYTES));
    });
    for (let written = 0; written < records.length; ) written += writeSync(this.fd, records, written);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
