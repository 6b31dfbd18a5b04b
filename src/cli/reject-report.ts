/** The reject report: one CSV line per rejected or flagged row, with the value masked to its last two digits. */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { RejectedRow } from '../builder/build-filters.ts';

export class RejectReport {
  readonly byReason = new Map<string, number>();
  /** Counts by stable code (src/builder/input/reject-reasons.ts), kept and dropped rows together. */
  readonly byCode = new Map<string, number>();
  private readonly out: WriteStream | undefined;

  constructor(path: string | undefined) {
    this.out = path ? createWriteStream(path, { mode: 0o600 }) : undefined;
    this.out?.write('line,reason,masked_value,kept\n');
  }

  add(row: RejectedRow): void {
    this.byReason.set(row.reason, (this.byReason.get(row.reason) ?? 0) + 1);
    this.byCode.set(row.code, (this.byCode.get(row.code) ?? 0) + 1);
    this.out?.write(`${row.line},${csvField(row.reason)},${row.masked},${row.kept ? 'yes' : 'no'}\n`);
  }

  async close(): Promise<void> {
    const out = this.out;
    if (out)
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
