/**
 * What a file is, from its first bytes, when a call list or an export is expected: a workbook that
 * can be read (.xlsx, .ods), or a file that is not a list at all (an old .xls or another Office 97-2003
 * file, a PDF, a picture, a Word document, an archive, a web page saved as ".xls"). Such a file is
 * refused with what it is and what to do, instead of being read as a one-column CSV and answered
 * "4 rows, 4 rejected". Only signatures that text cannot start with are used: a CSV never matches.
 * Runtime-neutral.
 */

/** The workbooks and zips `detectSpreadsheet` has always told apart. */
export type SpreadsheetKind = 'xlsx' | 'ods' | 'xls' | 'zip';

/** Every kind of file recognised: the readable workbooks, and files that are not call lists. */
export type FileKind =
  | SpreadsheetKind
  | 'pdf'
  | 'image'
  | 'word'
  | 'presentation'
  | 'archive'
  | 'html'
  | 'rtf'
  | 'program';

/** Files that are not a call list: refused whatever the reader. */
export type NotACallList = Exclude<FileKind, 'xlsx' | 'ods'>;

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Byte signatures at offset 0 (or `at`), and what they are. */
const SIGNATURES: readonly { bytes: readonly number[]; at?: number; kind: NotACallList }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: 'pdf' }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'image' }, // PNG
  { bytes: [0xff, 0xd8, 0xff], kind: 'image' }, // JPEG
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], kind: 'image' }, // GIF87a
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], kind: 'image' }, // GIF89a
  { bytes: [0x57, 0x45, 0x42, 0x50], at: 8, kind: 'image' }, // RIFF....WEBP
  { bytes: [0x49, 0x49, 0x2a, 0x00], kind: 'image' }, // TIFF, little-endian
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], kind: 'image' }, // TIFF, big-endian
  { bytes: [0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63], at: 4, kind: 'image' }, // ....ftypheic
  { bytes: [0x1f, 0x8b], kind: 'archive' }, // gzip
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'archive' }, // 7z
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], kind: 'archive' }, // Rar!
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'archive' }, // xz
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], kind: 'archive' }, // zstd
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'rtf' }, // {\rtf
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'program' }, // ELF
];

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((byte, i) => head[at + i] === byte);
}

/** The workbooks and zips of old (the builder's and the CLI's first check): see detectFileKind. */
export function detectSpreadsheet(head: Uint8Array): SpreadsheetKind | undefined {
  const kind = detectFileKind(head);
  return kind === 'xlsx' || kind === 'ods' || kind === 'xls' || kind === 'zip' ? kind : undefined;
}

/** What the file is when its first bytes say so; undefined for text (CSV, NDJSON, lines). */
export function detectFileKind(head: Uint8Array): FileKind | undefined {
  if (startsWith(head, OLE2_MAGIC)) return 'xls';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(head);
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip'; // an empty ZIP
  for (const { bytes, at, kind } of SIGNATURES) if (startsWith(head, bytes, at)) return kind;
  // bzip2 ("BZh" + block size + the block magic) and Windows programs ("MZ" + a binary header) need
  // more than their first letters, which a CSV header could start with.
  if (startsWith(head, [0x42, 0x5a, 0x68]) && startsWith(head, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4))
    return 'archive';
  if (startsWith(head, [0x4d, 0x5a]) && head.length >= 4 && (isBinary(head[2]!) || isBinary(head[3]!)))
    return 'program';
  return htmlKind(head);
}

/** A byte no text encoding this project reads puts in a header line (controls other than tab, CR, LF). */
function isBinary(byte: number): boolean {
  return byte < 0x09 || (byte > 0x0d && byte < 0x20);
}

/** A ZIP's entry names are stored uncompressed in the local headers: the first few KiB name the parts. */
function zipKind(head: Uint8Array): FileKind {
  const names = new TextDecoder('latin1').decode(head.subarray(0, 64 * 1024));
  if (names.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (names.includes('application/vnd.oasis.opendocument.text')) return 'word';
  if (names.includes('application/vnd.oasis.opendocument.presentation')) return 'presentation';
  if (names.includes('xl/')) return 'xlsx';
  if (names.includes('word/')) return 'word';
  if (names.includes('ppt/')) return 'presentation';
  // Office Open XML whose parts come later: [Content_Types].xml first, as Excel writes it.
  if (names.includes('[Content_Types].xml')) return 'xlsx';
  return 'zip';
}

/**
 * A web page: some CRMs export an HTML table named ".xls" (Excel opens it with a warning). Read as a
 * CSV it would be one column of markup. Looked for at the start only (after a BOM and blanks).
 */
function htmlKind(head: Uint8Array): 'html' | undefined {
  const start = new TextDecoder('latin1')
    .decode(head.subarray(0, 512))
    .replace(/^(\u00ef\u00bb\u00bf|\s)+/, '')
    .slice(0, 64)
    .toLowerCase();
  return /^<(!doctype html|html|table|\?xml[^>]*>\s*<html)/.test(start) ? 'html' : undefined;
}

const WHAT: Record<NotACallList | 'xlsx' | 'ods', string> = {
  xlsx: 'an Excel workbook (.xlsx)',
  ods: 'an OpenDocument spreadsheet (.ods)',
  xls: 'an Excel 97-2003 workbook (.xls) or another Office 97-2003 file',
  zip: 'a ZIP archive',
  pdf: 'a PDF document',
  image: 'a picture',
  word: 'a text document (Word or OpenDocument)',
  presentation: 'a presentation',
  archive: 'a compressed archive',
  html: 'a web page (HTML)',
  rtf: 'a rich-text document (RTF)',
  program: 'a program',
};

/** One line: what the file is and how to make the CSV that was expected (`build`'s input). */
export function spreadsheetMessage(kind: FileKind, where: string): string {
  if (kind === 'zip' || kind === 'archive')
    return `${where} is ${WHAT[kind]}, not a CSV: extract it and give the CSV inside`;
  if (kind === 'xlsx' || kind === 'ods' || kind === 'xls' || kind === 'html')
    return `${where} is ${WHAT[kind]}, not a CSV: open it and save the sheet as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8; LibreOffice: Text CSV, character set UTF-8), then give that file`;
  return `${where} is ${WHAT[kind]}, not a CSV: export the list from the software that holds it as CSV (or .xlsx for scrub), then give that file`;
}

/** One line for `scrub`, which reads .xlsx and .ods itself: what the file is and what to give instead. */
export function notACallListMessage(kind: NotACallList, where: string): string {
  if (kind === 'zip' || kind === 'archive')
    return `${where} is ${WHAT[kind]}, not a call list: extract it and scrub the CSV or .xlsx inside`;
  if (kind === 'xls' || kind === 'html')
    return `${where} is ${WHAT[kind]}, not a call list this tool reads: open it in Excel or LibreOffice and save it as .xlsx (or CSV), then scrub that file`;
  return `${where} is ${WHAT[kind]}, not a call list: export the list from the software that holds it (your CRM, Excel) as CSV or .xlsx, then scrub that file`;
}
