/**
 * Hostile spreadsheets for the limits of docs/CLIENT.md "Spreadsheets": real ZIP archives (deflated
 * parts, true CRC-32s) whose sheet inflates to gigabytes from a megabyte or two, whose declared sizes
 * lie, or whose cells repeat a billion times. The deflate stream of a long run is built once per MiB and
 * repeated (each piece ends with a full flush, so pieces are independent), which makes a 1.6 GB sheet in
 * well under a second instead of deflating 1.6 GB.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's bytes, deflated here. */
  content?: string | Uint8Array;
  /** Or a run: `prefix`, then `runBytes` bytes of `fill`, then `suffix` (the bomb). */
  run?: { prefix: string; fill: number; runBytes: number; suffix: string };
  /** The uncompressed size the directory declares (default: the true one). */
  declare?: number;
  /** Stored, not deflated (ODF's `mimetype`). */
  stored?: boolean;
}

const MiB = 1 << 20;

/** A ZIP of deflated parts, as Excel and LibreOffice write them (ZIP64 fields where a size needs it). */
export function deflatedZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = part.run
      ? deflatedRun(part.run)
      : part.stored
        ? storedBytes(part.content ?? '')
        : deflatedBytes(part.content ?? '');
    const method = part.stored ? 0 : 8;
    const declared = part.declare ?? size;
    const name = Buffer.from(part.name, 'utf8');
    const zip64 = declared > 0xfffffffe || data.length > 0xfffffffe;
    const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? 0xffffffff : data.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : declared, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : data.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, extra, data);
    centrals.push(central, name, extra);
    offset += local.length + name.length + extra.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function storedBytes(content: string | Uint8Array): { data: Buffer; size: number; crc: number } {
  const bytes = Buffer.from(content);
  return { data: bytes, size: bytes.length, crc: crc32(bytes) };
}

function deflatedBytes(content: string | Uint8Array): { data: Buffer; size: number; crc: number } {
  const bytes = Buffer.from(content);
  return { data: deflateRawSync(bytes, { level: 9 }), size: bytes.length, crc: crc32(bytes) };
}

/** prefix + `runBytes` × fill + suffix, deflated: one MiB piece, full-flushed, repeated. */
function deflatedRun(run: NonNullable<ZipPart['run']>): { data: Buffer; size: number; crc: number } {
  const piece = Buffer.alloc(MiB, run.fill);
  const flushed = (bytes: Buffer) => deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const pieces = Math.floor(run.runBytes / MiB);
  const tail = Buffer.alloc(run.runBytes - pieces * MiB, run.fill);
  const deflatedPiece = flushed(piece);
  const prefix = Buffer.from(run.prefix);
  const suffix = Buffer.from(run.suffix);
  let crc = crc32(prefix);
  for (let i = 0; i < pieces; i++) crc = crc32(piece, crc);
  crc = crc32(suffix, crc32(tail, crc));
  const data = Buffer.concat([
    flushed(prefix),
    ...Array.from({ length: pieces }, () => deflatedPiece),
    flushed(tail),
    deflateRawSync(suffix, { level: 9 }),
  ]);
  return { data, size: prefix.length + run.runBytes + suffix.length, crc };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Calls" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row>';
const SHEET_CLOSE = '</sheetData></worksheet>';

/** An .xlsx around one sheet part (the header row "phone", then `sheet`'s content). */
export function xlsxWith(sheet: Omit<ZipPart, 'name'>): Buffer {
  return deflatedZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: RELS },
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}

/**
 * The bomb of issue 17: a 1.6 MB .xlsx whose sheet is valid XML padded with `inflatedBytes` of blanks
 * between two rows (1.6 GB by default). `declare`: the size the directory claims (a lie, or the truth).
 */
export function xlsxBomb(inflatedBytes = 1_600_000_000, declare?: number): Buffer {
  return xlsxWith({
    run: { prefix: SHEET_OPEN, fill: 0x20, runBytes: inflatedBytes, suffix: SHEET_CLOSE },
    ...(declare !== undefined ? { declare } : {}),
  });
}

/** An .xlsx of `cells` minimal number cells (one per row), in a sheet of a few bytes per cell. */
export function xlsxCells(cells: number): Buffer {
  const rows = '<row><c><v>1</v></c></row>'.repeat(cells);
  return xlsxWith({ content: `${SHEET_OPEN}${rows}${SHEET_CLOSE}` });
}

/** An .ods whose one cell with a value repeats `rows` × `columns` times (number-*-repeated). */
export function odsRepeatBomb(rows: number, columns: number): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Calls"><table:table-row><table:table-cell office:value-type="string"><text:p>phone</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
  return deflatedZip([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
    { name: 'content.xml', content },
    {
      name: 'styles.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>',
    },
    {
      name: 'META-INF/manifest.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    },
  ]);
}
