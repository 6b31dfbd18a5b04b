/**
 * The scrub page's record of OPRF outputs already paid for: in memory only, for the life of the tab
 * (the CLI keeps a file in its cache, client/oprf/evaluation-journal.ts). A number repeated in the file,
 * or a second scrub of the same list in the same tab, is evaluated once.
 */
import type { OprfOutputJournal } from '../../client/oprf/oprf-digests.ts';

export class MemoryJournal implements OprfOutputJournal {
  readonly #outputs = new Map<string, Uint8Array>();

  get(e164: string): Uint8Array | undefined {
    return this.#outputs.get(e164);
  }

  add(e164s: readonly string[], outputs: readonly Uint8Array[]): void {
    for (const [i, e164] of e164s.entries()) this.#outputs.set(e164, outputs[i]!);
  }

  close(): void {}
}
