/** The reject report: one CSV line per rejected or flagged row, with the value masked to its last two digits. */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { RejectedRow } from '../builder/build-filters.ts';

const FIRST_LINES = 3;

export class RejectReport {
  readonly byReason = new Map<string, number>();
  /** Counts by stable code (src/builder/input/reject-reasons.ts), kept and dropped rows together. */
  readonly byCode = new Map<string, number>();
  /** The first lines of each reason, to name them when the build is refused without a report file. */
  readonly firstLines = new Map<string, number[]>();
  readonly path: string | undefined;
  private readonly out: WriteStream | undefined;

  constructor(path: string | undefined) {
    this.path = path;
    this.out = path ? createWriteStream(path, { mode: 0o600 }) : undefined;
    this.out?.write('line,reason,masked_value,kept\n');
  }

  add(row: RejectedRow): void {
    this.byReason.set(row.reason, (this.byReason.get(row.reason) ?? 0) + 1);
    this.byCode.set(row.code, (this.byCode.get(row.code) ?? 0) + 1);
    const lines = this.firstLines.get(row.reason) ?? [];
    if (lines.length < FIRST_LINES) this.firstLines.set(row.reason, [...lines, row.line]);
    this.out?.write(`${row.line},${csvField(row.reason)},${row.masked},${row.kept ? 'yes' : 'no'}\n`);
  }

  /**
   * Why rows were refused, on one line: each reason with its first line numbers (never a value), and
   * where the whole list is: the reject report's file, or the flag that writes one.
   */
  summary(): string {
    const reasons = [...this.byReason].map(([reason, count]) => {
      const at = this.firstLines.get(reason) ?? [];
      const more = count > at.length ? ', …' : '';
      return `${count} × ${reason} (line${at.length > 1 ? 's' : ''} ${at.join(', ')}${more})`;
    });
    const where = this.path
      ? `every row refused, its value masked: ${this.path}`
      : 'pass --rejects FILE to list every row refused, its value masked';
    return [...reasons, where].join('; ');
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
