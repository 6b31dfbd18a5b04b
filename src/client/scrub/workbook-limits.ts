/**
 * What a spreadsheet may cost before SheetJS reads it (docs/CLIENT.md, "Spreadsheets": limits). SheetJS
 * inflates every part of the ZIP and builds an object per cell, all in memory, so a 1.57 MB .xlsx whose
 * sheet inflates to 1.61 GB took 3.3 GB and 32 s before failing, and an .ods cell repeated a billion
 * times (`number-rows-repeated`, `number-columns-repeated`) would build a billion cells. Before it gets
 * the bytes, every part is inflated here once as a stream, counted and thrown away (memory stays a few
 * chunks whatever the part inflates to), and cells are counted the way SheetJS makes them:
 *
 * - the parts together inflate to at most WORKBOOK_LIMITS.inflatedBytes, each to the size it declares;
 * - at most WORKBOOK_LIMITS.cells cells (xlsx `<c>` elements, .ods cells times their repeats) and as
 *   many shared strings;
 * - after reading, the sheet stays within Excel's own grid (checkSheetGrid), so no loop runs to a row a
 *   billion down.
 *
 * A file past a limit is refused in one line naming the limit and what to do (save the sheet as CSV,
 * which `scrub` streams at any size). Runtime-neutral: DecompressionStream, in Node and in the scrub
 * page's Web Worker alike.
 */
import { QuietlistError } from '../../core/errors.ts';
import { type ZipEntry, zipEntries } from './zip-entries.ts';

const MiB = 1024 * 1024;

export const WORKBOOK_LIMITS = {
  /** Every part of the ZIP, inflated. A 100,000-row sheet of five columns written by SheetJS is 21 MB. */
  inflatedBytes: 100 * MiB,
  /** Cells of the whole workbook (and, separately, shared strings): 200,000 rows of five columns. */
  cells: 1_000_000,
  /** Excel's grid: 1,048,576 rows of 16,384 columns. */
  rows: 1_048_576,
  columns: 16_384,
} as const;

const TO_CSV = 'save the sheet as CSV and use that file (quietlist scrub streams a CSV of any size)';

function tooBig(what: string): QuietlistError {
  return new QuietlistError('INPUT_INVALID', `the workbook ${what}: ${TO_CSV}`);
}

function damaged(why: string): QuietlistError {
  return new QuietlistError('INPUT_INVALID', `the workbook cannot be read (${why}); nothing was written`);
}

/** Refuses a workbook past a limit, before SheetJS reads it. */
export async function checkWorkbookLimits(bytes: Uint8Array): Promise<void> {
  const entries = zipEntries(bytes, damaged);
  const limit = WORKBOOK_LIMITS.inflatedBytes;
  const inflatedPast = `inflates to more than ${limit / MiB} MiB (the limit of a spreadsheet, read whole in memory)`;
  // A reader may size its buffers by the declared sizes: they count before anything is inflated.
  if (entries.reduce((sum, entry) => sum + entry.declaredBytes, 0) > limit) throw tooBig(inflatedPast);
  const tags = new XlsxTagCounter();
  let inflated = 0;
  for (const entry of entries) {
    const size = await inflateCounted(entry, limit - inflated, (chunk) => tags.feed(chunk));
    if (size === undefined) throw tooBig(inflatedPast);
    if (size !== entry.declaredBytes)
      throw damaged(`the part ${JSON.stringify(entry.name)} is not the size it declares`);
    inflated += size;
    tags.end();
    if (tags.cells > WORKBOOK_LIMITS.cells) throw tooBig(cellsPast());
    if (tags.strings > WORKBOOK_LIMITS.cells)
      throw tooBig(`holds more than ${WORKBOOK_LIMITS.cells.toLocaleString('en')} shared strings`);
  }
  // OpenDocument: cells repeat by attribute, so they are counted on the part's text (now known small).
  for (const entry of entries.filter((e) => /(^|\/)content\.xml$/i.test(e.name))) {
    const chunks: Uint8Array[] = [];
    await inflateCounted(entry, limit, (chunk) => chunks.push(chunk));
    if (countOdsCells(new TextDecoder().decode(joinChunks(chunks))) > WORKBOOK_LIMITS.cells)
      throw tooBig(cellsPast());
  }
}

function cellsPast(): string {
  return `holds more than ${WORKBOOK_LIMITS.cells.toLocaleString('en')} cells (the limit of a spreadsheet, read whole in memory)`;
}

/** Refuses a sheet, as read, that reaches past Excel's grid (a row index of a billion costs a loop of a billion). */
export function checkSheetGrid(rows: readonly (readonly unknown[] | undefined)[], lastColumn: number): void {
  const { rows: maxRows, columns: maxColumns } = WORKBOOK_LIMITS;
  const past = `reaches past row ${maxRows.toLocaleString('en')} or column ${maxColumns.toLocaleString('en')}, Excel's own grid`;
  if (rows.length > maxRows || lastColumn >= maxColumns) throw tooBig(past);
  for (const row of rows) if (row !== undefined && row.length > maxColumns) throw tooBig(past);
}

/**
 * Inflates an entry as a stream, handing each chunk to `onChunk` and keeping none: its size, or
 * undefined once it passes `budget` (the stream is then cancelled).
 */
async function inflateCounted(
  entry: ZipEntry,
  budget: number,
  onChunk: (chunk: Uint8Array) => void,
): Promise<number | undefined> {
  if (entry.method === 0) {
    if (entry.data.length > budget) return undefined;
    onChunk(entry.data);
    return entry.data.length;
  }
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feed = (async () => {
    for (let at = 0; at < entry.data.length; at += 64 * 1024) {
      await writer.write(entry.data.subarray(at, at + 64 * 1024) as Uint8Array<ArrayBuffer>);
    }
    await writer.close();
  })();
  feed.catch(() => undefined); // a cancelled or corrupt stream: the reader says which
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > budget) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      onChunk(value);
    }
    await feed;
  } catch {
    throw damaged(`the part ${JSON.stringify(entry.name)} does not inflate`);
  }
  return size;
}

/**
 * Counts, across chunks, the tags SheetJS turns into cells (`<c ` `<c>` `<c/`, with any namespace
 * prefix: its split on /<(?:\w+:)?c[ \/>]/) and shared strings (`<si>`, `<si `). A byte state machine:
 * no text is decoded or kept.
 */
export class XlsxTagCounter {
  cells = 0;
  strings = 0;
  #inName = false;
  #local = '';
  #colons = 0;

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (!this.#inName) {
        if (byte === 0x3c) this.#start();
        continue;
      }
      if (isWordByte(byte)) {
        if (this.#local.length < 3) this.#local += String.fromCharCode(byte);
        else this.#local = '###';
      } else if (byte === 0x3a && this.#colons === 0 && this.#local !== '') {
        this.#colons = 1; // `x:` prefix
        this.#local = '';
      } else {
        this.#close(byte);
        if (byte === 0x3c) this.#start();
      }
    }
  }

  /** The end of a part: a name cut by it is no tag. */
  end(): void {
    this.#inName = false;
  }

  #start(): void {
    this.#inName = true;
    this.#local = '';
    this.#colons = 0;
  }

  #close(byte: number): void {
    this.#inName = false;
    const space = byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
    if (this.#local === 'c' && (space || byte === 0x2f || byte === 0x3e)) this.cells++;
    else if (this.#local === 'si' && (space || byte === 0x3e)) this.strings++;
  }
}

function isWordByte(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x5f
  );
}

/** SheetJS's tag pattern for OpenDocument XML (xlmlregex), so both see the same tags. */
const ODS_TAG = /<([/]?)([^\s?><!/:"]*:|)([^\s?<>:/"]+)(?:\s+[^<>=?"'\s]+="[^"]*?")*\s*[/]?>/gm;
const ATTRIBUTE = /([^\s=]+)="([^"]*)"/g;

/**
 * The cells SheetJS builds from an OpenDocument content.xml: a cell element with content counts its
 * row's `number-rows-repeated` times its `number-columns-repeated`; an empty (self-closing) one at most
 * once, repeats ignored (SheetJS skips empty cells, which LibreOffice repeats to the sheet's edge).
 */
export function countOdsCells(xml: string): number {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  let rowRepeat = 1;
  let cells = 0;
  for (const tag of text.matchAll(ODS_TAG)) {
    const name = tag[3]!.replace(/_[\s\S]*$/, '');
    if (tag[1] === '/') continue;
    if (name === 'table-row' || name === '行') {
      rowRepeat = repeatOf(tag[0], 'number-rows-repeated');
    } else if (name === 'table-cell' || name === '数据') {
      const selfClosing = tag[0].charAt(tag[0].length - 2) === '/';
      cells += selfClosing ? 1 : rowRepeat * repeatOf(tag[0], 'number-columns-repeated');
      if (cells > WORKBOOK_LIMITS.cells) return cells;
    }
  }
  return cells;
}

/** The largest value an attribute of this local name has on the tag, read as SheetJS may (`+v` or parseInt). */
function repeatOf(tag: string, local: string): number {
  let repeat = 1;
  for (const [, name, value] of tag.matchAll(ATTRIBUTE)) {
    if (name!.replace(/^.*:/, '') !== local) continue;
    const read = Math.max(Number(value), Number.parseInt(value!, 10));
    if (read > repeat) repeat = read;
  }
  return repeat;
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
