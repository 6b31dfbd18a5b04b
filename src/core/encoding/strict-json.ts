/**
 * JSON as the formats read it (docs/FORMAT.md, Conventions): UTF-8 without a byte-order mark, valid
 * UTF-8 only, no duplicate member names, and integers written as integers. `JSON.parse` accepts a
 * BOM-less decode of anything, lets the last duplicate win and reads `1.0` and `2e1` as integers, so
 * the raw text is checked as well: every number token must be an integer (no fraction, no exponent)
 * unless it is the value of one of the named members (the manifest's `falsePositiveRate`, `years`).
 */
import { FormatError } from '../errors.ts';

const BOM = [0xef, 0xbb, 0xbf];

export function parseStrictJson(
  bytes: Uint8Array,
  what: string,
  options: { fractionalMembers?: ReadonlySet<string> } = {},
): unknown {
  if (BOM.every((byte, i) => bytes[i] === byte)) {
    throw new FormatError(`${what} starts with a byte-order mark`, 'MANIFEST_INVALID');
  }
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FormatError(`${what} is not valid UTF-8`, 'MANIFEST_INVALID');
  }
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError(`${what} is not valid JSON`, 'MANIFEST_INVALID');
  }
  const problem = scan(text, options.fractionalMembers ?? new Set());
  if (problem) throw new FormatError(`${what}: ${problem}`, 'MANIFEST_INVALID');
  return value;
}

/** Walks syntactically valid JSON text; returns the first rule it breaks, or null. */
function scan(text: string, fractionalMembers: ReadonlySet<string>): string | null {
  const objects: Set<string>[] = [];
  /** Per open container: true for an object. */
  const containers: boolean[] = [];
  let lastString: string | null = null;
  let member: string | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      lastString = JSON.parse(text.slice(i, end + 1)) as string;
      i = end + 1;
      continue;
    }
    if (c === ':') {
      const names = objects.at(-1)!;
      if (names.has(lastString!)) return `duplicate member name ${JSON.stringify(lastString)}`;
      names.add(lastString!);
      member = lastString;
    } else if (c === '{') {
      objects.push(new Set());
      containers.push(true);
      member = null;
    } else if (c === '[') {
      containers.push(false);
      member = null;
    } else if (c === '}' || c === ']') {
      if (containers.pop()) objects.pop();
      member = null;
    } else if (c === ',') {
      member = null;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i;
      while (end < text.length && /[-+0-9.eE]/.test(text[end]!)) end++;
      const token = text.slice(i, end);
      if (/[.eE]/.test(token) && (member === null || !fractionalMembers.has(member))) {
        return `${member === null ? 'a number' : `"${member}"`} must be an integer without fraction or exponent (${token})`;
      }
      i = end;
      continue;
    }
    i++;
  }
  return null;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}
