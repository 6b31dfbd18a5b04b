/**
 * A spreadsheet given where a CSV is expected, recognised by its first bytes (a ZIP holding an Office
 * Open XML or OpenDocument workbook, or an OLE2 compound file, the old .xls), so the user is told what
 * the file is and what to do instead of reading "1 row rejected". Runtime-neutral.
 */
export type SpreadsheetKind = 'xlsx' | 'ods' | 'xls' | 'zip';

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function detectSpreadsheet(head: Uint8Array): SpreadsheetKind | undefined {
  if (OLE2_MAGIC.every((byte, i) => head[i] === byte)) return 'xls';
  if (head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 0x03 || head[3] !== 0x04) return undefined;
  // Entry names are stored uncompressed in the local headers: the first few KiB name the parts.
  const names = new TextDecoder('latin1').decode(head.subarray(0, 64 * 1024));
  if (names.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (names.includes('xl/') || names.includes('[Content_Types].xml')) return 'xlsx';
  return 'zip';
}

const WHAT: Record<SpreadsheetKind, string> = {
  xlsx: 'an Excel workbook (.xlsx)',
  ods: 'an OpenDocument spreadsheet (.ods)',
  xls: 'an Excel 97-2003 workbook (.xls) or another OLE2 file',
  zip: 'a ZIP archive',
};

/** One line: what the file is and how to make the CSV that was expected. */
export function spreadsheetMessage(kind: SpreadsheetKind, where: string): string {
  if (kind === 'zip') return `${where} is ${WHAT.zip}, not a CSV: unzip it and give the CSV inside`;
  return `${where} is ${WHAT[kind]}, not a CSV: open it and save the sheet as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8; LibreOffice: Text CSV, character set UTF-8), then give that file`;
}
