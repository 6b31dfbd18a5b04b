/**
 * The entries of a ZIP archive (an .xlsx or .ods is one), read from its central directory (APPNOTE
 * 6.3: end of central directory, ZIP64 where sizes need it), with where each entry's data starts. Only
 * what workbook-limits.ts needs before SheetJS sees the file: names, methods, declared sizes, data. A
 * damaged or encrypted archive is refused in one line. Runtime-neutral (the scrub page reads it too).
 */
import { QuietlistError } from '../../core/errors.ts';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two SheetJS reads). */
  method: number;
  /** The uncompressed size the archive declares (a reader may size its buffer by it). */
  declaredBytes: number;
  /** The entry's compressed data. */
  data: Uint8Array;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ALL_ONES_32 = 0xffffffff;

/** A workbook has a few dozen parts; far more is not one (each costs SheetJS an object). */
export const MAX_ZIP_ENTRIES = 10_000;

export function zipEntries(bytes: Uint8Array, damaged: (why: string) => QuietlistError): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) throw damaged('no ZIP directory');
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === ALL_ONES_32) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR)
      throw damaged('a broken ZIP64 directory');
    const zip64 = safeNumber(view.getBigUint64(locator + 8, true), damaged);
    if (zip64 + 56 > bytes.length || view.getUint32(zip64, true) !== ZIP64_END)
      throw damaged('a broken ZIP64 directory');
    count = safeNumber(view.getBigUint64(zip64 + 32, true), damaged);
    offset = safeNumber(view.getBigUint64(zip64 + 48, true), damaged);
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw new QuietlistError(
      'INPUT_INVALID',
      `the workbook's ZIP holds ${count} parts, more than the ${MAX_ZIP_ENTRIES} a spreadsheet may have: save the sheet as CSV and use that file`,
    );
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY)
      throw damaged('a broken ZIP directory');
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    let compressed = view.getUint32(offset + 20, true);
    let declared = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // ZIP64: a field of all ones is in the extra field (id 1), in this order, when it is.
    const extra = findExtra(view, offset + 46 + nameLength, extraLength, 0x0001);
    if (extra !== undefined) {
      let at = extra;
      const next = () => {
        const value = safeNumber(view.getBigUint64(at, true), damaged);
        at += 8;
        return value;
      };
      if (declared === ALL_ONES_32) declared = next();
      if (compressed === ALL_ONES_32) compressed = next();
      if (local === ALL_ONES_32) local = next();
    }
    if ((flags & 1) !== 0) throw damaged(`the part ${JSON.stringify(name)} is encrypted`);
    if (method !== 0 && method !== 8)
      throw damaged(`the part ${JSON.stringify(name)} uses compression method ${method}`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER)
      throw damaged('a broken ZIP entry');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) throw damaged('a ZIP entry that runs past the end of the file');
    entries.push({ name, method, declaredBytes: declared, data: bytes.subarray(start, start + compressed) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record: within the last 64 KiB + 22 bytes (its comment is at most 64 KiB). */
function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function findExtra(view: DataView, from: number, length: number, id: number): number | undefined {
  for (let at = from; at + 4 <= from + length && at + 4 <= view.byteLength; ) {
    const size = view.getUint16(at + 2, true);
    if (view.getUint16(at, true) === id) return at + 4;
    at += 4 + size;
  }
  return undefined;
}

function safeNumber(value: bigint, damaged: (why: string) => QuietlistError): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('a ZIP64 size past 2^53');
  return Number(value);
}
