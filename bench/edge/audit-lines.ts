/**
 * The worker's audit lines as `wrangler dev` prints them (log level `log`): one JSON object per line
 * (docs/API.md, "Audit log"), never a number. The edge suite reads `shardBytesRead` from them: the
 * bytes of shard data a request read from storage.
 */
export interface AuditLine {
  endpoint: string;
  status: number;
  numbers: number;
  shardBytesRead: number;
}

export class AuditLines {
  #partial = '';
  #lines: AuditLine[] = [];

  /** Feed wrangler's output as it comes (chunks may split lines). */
  readonly feed = (text: string): void => {
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) {
      const start = part.indexOf('{"type":"audit"');
      if (start < 0) continue;
      try {
        this.#lines.push(JSON.parse(part.slice(start)) as AuditLine);
      } catch {
        // A line cut by another writer: not counted.
      }
    }
  };

  /** Lines seen so far; `since` from an earlier count. */
  count(): number {
    return this.#lines.length;
  }

  since(start: number, endpoint: string): AuditLine[] {
    return this.#lines.slice(start).filter((line) => line.endpoint === endpoint);
  }
}
