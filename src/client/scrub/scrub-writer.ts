/**
 * Writing a scrub: the outputs open only once the header row has been checked (a refused input leaves
 * no file), each classified batch is laid out and counted, and at the end every output is committed
 * (renamed into place) or, after a failure, removed.
 */
import type { TextEncodingName } from '../../core/text/encoding.ts';
import { OutputFile, type OutputSummary, type OutputTarget } from './output-file.ts';
import type { ClassifiedBatch } from './row-batches.ts';
import { RowLayout, type ScrubCounts, type ScrubMode } from './row-layout.ts';
import type { ScrubRejectReason } from './row-status.ts';

export interface ScrubTargets {
  clean: OutputTarget;
  listed?: OutputTarget;
  rejects?: OutputTarget;
  /** Rows not checked (a scrub allowed to finish without every evaluation: oprf-scrub.ts). */
  unchecked?: OutputTarget;
}

export interface WrittenOutputs {
  clean: OutputSummary;
  listed?: OutputSummary;
  rejects?: OutputSummary;
  unchecked?: OutputSummary;
}

type OpenOutputs = { clean: OutputFile; listed?: OutputFile; rejects?: OutputFile; unchecked?: OutputFile };

export class ScrubWriter {
  readonly counts: ScrubCounts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
  readonly invalidByReason: Partial<Record<ScrubRejectReason, number>> = {};
  #outputs: OpenOutputs | undefined;
  #layout: RowLayout | undefined;

  get opened(): boolean {
    return this.#layout !== undefined;
  }

  /** Opens the outputs and writes their header rows. */
  async open(
    targets: ScrubTargets,
    shape: {
      mode: ScrubMode;
      delimiter: string;
      eol: string;
      header: string;
      /** Excel's `sep=` line with its line ending, or ''. */
      preamble: string;
      hadBom: boolean;
      encoding: TextEncodingName;
      /** The phone columns' names (a column field is added to the outputs when there are several). */
      phoneColumns: readonly string[];
      /** Put `'` before cells a spreadsheet would run as formulas (excel-safe.ts). */
      excelSafe: boolean;
    },
  ): Promise<void> {
    const open = (target: OutputTarget) => OutputFile.open(target, shape.encoding);
    const outputs: OpenOutputs = { clean: await open(targets.clean) };
    this.#outputs = outputs;
    if (targets.listed) outputs.listed = await open(targets.listed);
    if (targets.rejects) outputs.rejects = await open(targets.rejects);
    if (targets.unchecked) outputs.unchecked = await open(targets.unchecked);
    this.#layout = new RowLayout(shape.mode, shape.delimiter, shape.eol, outputs, {
      phoneColumns: shape.phoneColumns,
      excelSafe: shape.excelSafe,
    });
    this.#layout.writeHeaders(shape.header, shape.hadBom, shape.preamble);
  }

  async write(batch: ClassifiedBatch): Promise<void> {
    this.#layout!.write(batch, batch.statuses, this.counts, this.invalidByReason);
    for (const output of this.#files()) if (output.needsFlush) await output.flush();
  }

  /** Cells written that start like a formula (prefixed when excelSafe). */
  get formulaCells(): number {
    return this.#layout?.formulaCells ?? 0;
  }

  async commit(): Promise<WrittenOutputs> {
    const outputs = this.#outputs!;
    const clean = await outputs.clean.commit();
    const listed = await outputs.listed?.commit();
    const rejects = await outputs.rejects?.commit();
    // The file of rows not yet checked exists only when some were left so.
    if (outputs.unchecked && outputs.unchecked.rows === 0) await outputs.unchecked.abort();
    const unchecked = outputs.unchecked?.rows ? await outputs.unchecked.commit() : undefined;
    return { clean, listed, rejects, ...(unchecked ? { unchecked } : {}) };
  }

  async abort(): Promise<void> {
    for (const output of this.#files()) await output.abort();
  }

  #files(): OutputFile[] {
    const outputs = this.#outputs;
    if (!outputs) return [];
    return [outputs.clean, outputs.listed, outputs.rejects, outputs.unchecked].filter(
      (output) => output !== undefined,
    );
  }
}
