/**
 * The text encoding of an export, settled from its first bytes: a byte-order mark, the NUL pattern of
 * BOM-less UTF-16, or bytes that are not UTF-8 in an otherwise plain-text file (a Windows-1252 export,
 * as Excel and many French CRMs write them). Runtime-neutral (TextDecoder only): the builder, scrub and
 * the browser page read files the same way.
 */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];
export type EncodingChoice = TextEncodingName | 'auto';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start (0 when none). */
  bomLength: number;
  /** Why: a byte-order mark, the NUL pattern of UTF-16, bytes invalid in UTF-8, or nothing against UTF-8. */
  basis: 'bom' | 'nul-pattern' | 'not-utf8' | 'utf8' | 'stated';
}

/** Bytes looked at for the NUL pattern of BOM-less UTF-16. */
const UTF16_SAMPLE_BYTES = 4096;

export function isEncodingChoice(value: string): value is EncodingChoice {
  return value === 'auto' || (TEXT_ENCODINGS as readonly string[]).includes(value);
}

/** The encoding a choice means for this head: the stated one (its BOM still skipped), or detected. */
export function resolveEncoding(head: Uint8Array, choice: EncodingChoice, atEnd: boolean): DetectedEncoding {
  if (choice === 'auto') return detectTextEncoding(head, atEnd);
  const bom = bomOf(head);
  return { encoding: choice, bomLength: bom?.encoding === choice ? bom.bomLength : 0, basis: 'stated' };
}

/**
 * `head` is the start of the file; `atEnd` says it is the whole file (a multi-byte character cut at the
 * end of a partial head is not an error).
 */
export function detectTextEncoding(head: Uint8Array, atEnd: boolean): DetectedEncoding {
  const bom = bomOf(head);
  if (bom) return bom;
  const utf16 = utf16ByNulPattern(head);
  if (utf16) return { encoding: utf16, bomLength: 0, basis: 'nul-pattern' };
  const scan = scanUtf8(head, atEnd);
  // Windows-1252 when bytes are not UTF-8 and nothing says UTF-8 (no valid multi-byte sequence to
  // speak of) and the file looks like text (no control bytes): a UTF-8 file with a few broken bytes
  // stays UTF-8, so those rows are counted as such.
  if (
    scan.invalid > 0 &&
    scan.multiByte * 4 < scan.invalid &&
    scan.controls === 0 &&
    scan.highBytes < head.length * 0.3
  ) {
    return { encoding: 'windows-1252', bomLength: 0, basis: 'not-utf8' };
  }
  return { encoding: 'utf-8', bomLength: 0, basis: 'utf8' };
}

function bomOf(head: Uint8Array): DetectedEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, basis: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, basis: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, basis: 'bom' };
  return undefined;
}

/** Text in UTF-16 without a BOM: ASCII characters put a NUL in every other byte, on one side only. */
function utf16ByNulPattern(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(head.length, UTF16_SAMPLE_BYTES) / 2);
  if (pairs < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  if (oddNuls >= pairs * 0.4 && evenNuls <= pairs * 0.05) return 'utf-16le';
  if (evenNuls >= pairs * 0.4 && oddNuls <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

interface Utf8Scan {
  /** Well-formed sequences of two to four bytes. */
  multiByte: number;
  /** Bytes that start no well-formed sequence. */
  invalid: number;
  /** C0 control bytes other than tab, line feed, form feed and carriage return, and DEL. */
  controls: number;
  highBytes: number;
}

function scanUtf8(bytes: Uint8Array, atEnd: boolean): Utf8Scan {
  const scan: Utf8Scan = { multiByte: 0, invalid: 0, controls: 0, highBytes: 0 };
  // Without the end of the file, a sequence cut by the end of the head is neither valid nor invalid.
  const end = atEnd ? bytes.length : Math.max(0, bytes.length - 3);
  let i = 0;
  while (i < end) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f)
        scan.controls++;
      i++;
      continue;
    }
    scan.highBytes++;
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      scan.invalid++;
      i++;
    } else {
      scan.multiByte++;
      scan.highBytes += length - 1;
      i += length;
    }
  }
  return scan;
}

/** Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629 table), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const first = bytes[i]!;
  const next = (k: number) => bytes[i + k] ?? 0;
  const continuation = (k: number, low = 0x80, high = 0xbf) => next(k) >= low && next(k) <= high;
  if (first >= 0xc2 && first <= 0xdf) return continuation(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const low = first === 0xe0 ? 0xa0 : 0x80;
    const high = first === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const low = first === 0xf0 ? 0x90 : 0x80;
    const high = first === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** A streaming decoder for one encoding; a byte-order mark at the start is dropped. */
export function createStreamDecoder(encoding: TextEncodingName): {
  decode(chunk: Uint8Array): string;
  end(): string;
} {
  const decoder = new TextDecoder(encoding);
  return {
    decode: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}

/** Whether `bytes` is well-formed UTF-8 (for a line already suspected: it decoded to U+FFFD). */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  try {
    FATAL_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const FATAL_UTF8 = new TextDecoder('utf-8', { fatal: true });
