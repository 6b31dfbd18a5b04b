/**
 * Call lists are split as latin1 text (one character per byte), so every byte of a row passes to the
 * outputs untouched whatever the encoding; these turn such text into what people and the normaliser
 * read. Runtime-neutral (TextDecoder only): the CLI's scrub engine and the browser page share them.
 */
import type { TextEncodingName } from './encoding.ts';

const NON_ASCII = /[\u0080-\uffff]/;
// ignoreBOM: a U+FEFF inside a value stays, as Buffer#toString keeps it.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');
const CHUNK = 0x8000;

/** The bytes of latin1 text (each character's code is one byte). */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Bytes as latin1 text (TextDecoder's "latin1" is really Windows-1252, which would not round-trip). */
export function latin1Text(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]));
  }
  return parts.join('');
}

/** UTF-8 text as the latin1 form of its bytes. */
export function utf8AsLatin1(text: string): string {
  return latin1Text(new TextEncoder().encode(text));
}

/**
 * Values arrive decoded as latin1; a value with non-ASCII bytes is decoded again as UTF-8, which is
 * what the builder reads, so that a number written with Unicode dashes or digits normalises exactly as
 * it would there.
 */
export function asUtf8(latin1: string): string {
  return NON_ASCII.test(latin1) ? UTF8.decode(latin1Bytes(latin1)) : latin1;
}

/** A field as people read it (header names): its latin1 form decoded in the file's encoding. */
export function fieldDecoder(encoding: TextEncodingName): (latin1: string) => string {
  if (encoding !== 'windows-1252') return asUtf8;
  return (latin1) => (NON_ASCII.test(latin1) ? WINDOWS_1252.decode(latin1Bytes(latin1)) : latin1);
}

/**
 * The classifiers read values as the latin1 form of UTF-8 bytes (asUtf8); a Windows-1252 value with
 * non-ASCII bytes (an en dash between digits) is re-encoded to that form, so it normalises exactly as
 * the same text in UTF-8. ASCII values, nearly all of them, are untouched.
 */
export function classifierValue(encoding: TextEncodingName): ((latin1: string) => string) | undefined {
  if (encoding !== 'windows-1252') return undefined;
  const decode = fieldDecoder(encoding);
  return (latin1) => (NON_ASCII.test(latin1) ? utf8AsLatin1(decode(latin1)) : latin1);
}
