/**
 * docs/FORMAT.md's tables, read as data: every JSON object's `field | type | required | meaning` table
 * and every binary file's `offset | size | type | field | value | meaning` table, each under a bold
 * line naming it (**`manifest`**) in a numbered section. The drift test compares what the code writes
 * with them (object-drift.ts); this file only parses, and refuses a table it cannot read, so a table
 * the lead extends in a new shape fails loudly instead of being skipped.
 */
import { readFileSync } from 'node:fs';

export type JsonType = 'string' | 'integer' | 'number' | 'object' | 'array' | 'map' | 'null' | 'boolean';
const JSON_TYPES = new Set<string>([
  'string',
  'integer',
  'number',
  'object',
  'array',
  'map',
  'null',
  'boolean',
]);

/** Present exactly when the member at `path` (from the table's object) is, or is not, `value`. */
export interface Condition {
  path: string;
  equals: boolean;
  value: string;
}

export interface FieldRow {
  /** As written: `hash.scheme`, `shards[]`, `shards[].delta.from`, `invalidByReason.*`. */
  field: string;
  /** JSON types, or the name of the table that describes this object. */
  type: { types: JsonType[] } | { table: string };
  required: 'yes' | 'no' | Condition;
}

export interface FieldTable {
  kind: 'fields';
  name: string;
  section: string;
  rows: FieldRow[];
}

export interface ByteRow {
  /** A number, or a symbolic offset after the variable part (`L−4`). */
  offset: number | string;
  size: number | string;
  type: string;
  field: string;
  /** The fixed value a reader checks: a number, or ASCII text for bytes; undefined when it varies. */
  value?: number | string;
}

export interface ByteTable {
  kind: 'bytes';
  name: string;
  section: string;
  rows: ByteRow[];
}

export interface FormatTables {
  fields: Map<string, FieldTable>;
  bytes: Map<string, ByteTable>;
}

export const FORMAT_MD = new URL('../../../../docs/FORMAT.md', import.meta.url);

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

export function readFormatTables(markdown = readFileSync(FORMAT_MD, 'utf8')): FormatTables {
  const tables: FormatTables = { fields: new Map(), bytes: new Map() };
  const lines = markdown.split('\n');
  let section = '(before the first section)';
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) inCode = !inCode;
    if (inCode) continue;
    const heading = /^#{2,4} (.*)$/.exec(line);
    if (heading) section = heading[1]!;
    if (!line.startsWith('|')) continue;
    const header = cellsOf(line).map((cell) => cell.toLowerCase());
    const kind =
      header.join('|') === 'field|type|required|meaning'
        ? 'fields'
        : header.join('|') === 'offset|size|type|field|value|meaning'
          ? 'bytes'
          : null;
    const body: string[][] = [];
    let end = i + 2; // past the header and its |---| line
    while (end < lines.length && lines[end]!.startsWith('|')) body.push(cellsOf(lines[end++]!));
    if (kind) {
      const name = tableName(lines, i, section);
      if (tables.fields.has(name) || tables.bytes.has(name))
        throw new Error(`FORMAT.md §${section}: a second table named \`${name}\``);
      if (kind === 'fields')
        tables.fields.set(name, { kind, name, section, rows: body.map(fieldRow(name, section)) });
      else tables.bytes.set(name, { kind, name, section, rows: body.map(byteRow(name, section)) });
    }
    i = end - 1;
  }
  return tables;
}

/** The bold line right above a table: **`name`**, optionally followed by a description. */
function tableName(lines: string[], headerLine: number, section: string): string {
  let j = headerLine - 1;
  while (j >= 0 && lines[j]!.trim() === '') j--;
  const match = /^\*\*`([^`]+)`\*\*/.exec(lines[j] ?? '');
  if (!match)
    throw new Error(`FORMAT.md §${section}: a field or byte table without a **\`name\`** line above it`);
  return match[1]!;
}

function fieldRow(table: string, section: string) {
  return (cells: string[]): FieldRow => {
    const where = `FORMAT.md §${section}, table \`${table}\``;
    if (cells.length !== 4) throw new Error(`${where}: a row without 4 cells: ${cells.join(' | ')}`);
    const [field, type, required] = cells as [string, string, string];
    const name = unquote(field);
    if (!/^[A-Za-z0-9]+(?:\[\])?(?:\.(?:[A-Za-z0-9]+(?:\[\])?|\*))*$/.test(name))
      throw new Error(`${where}: cannot read the field \`${field}\``);
    return {
      field: name,
      type: parseType(type, `${where}, \`${name}\``),
      required: parseRequired(required, `${where}, \`${name}\``),
    };
  };
}

function parseType(cell: string, where: string): FieldRow['type'] {
  const reference = /^table `([^`]+)`$/.exec(cell);
  if (reference) return { table: reference[1]! };
  const types = cell.split(/\s+or\s+/);
  const unknown = types.filter((type) => !JSON_TYPES.has(type));
  if (unknown.length > 0) throw new Error(`${where}: unknown type ${unknown.join(', ')}`);
  return { types: types as JsonType[] };
}

function parseRequired(cell: string, where: string): FieldRow['required'] {
  if (cell === 'yes' || cell === 'no') return cell;
  // "is absent" / "is present": the member's value is, or is not, undefined.
  const presence = /^if `([^`]+)` is (absent|present)$/.exec(cell);
  if (presence) return { path: presence[1]!, equals: presence[2] === 'absent', value: 'undefined' };
  const condition = /^if `([^`]+)` (=|≠) "([^"]*)"$/.exec(cell);
  if (!condition)
    throw new Error(
      `${where}: required must be yes, no, if \`path\` = "value" or if \`path\` is absent|present, not ${cell}`,
    );
  return { path: condition[1]!, equals: condition[2] === '=', value: condition[3]! };
}

function byteRow(table: string, section: string) {
  return (cells: string[]): ByteRow => {
    const where = `FORMAT.md §${section}, table \`${table}\``;
    if (cells.length !== 6) throw new Error(`${where}: a row without 6 cells: ${cells.join(' | ')}`);
    const [offset, size, type, field, value] = cells as [string, string, string, string, string];
    const numberOr = (text: string) => (/^[0-9]+$/.test(text) ? Number(text) : unquote(text));
    const fixed = value === '' ? undefined : numberOr(value);
    return { offset: numberOr(offset), size: numberOr(size), type, field: unquote(field), value: fixed };
  };
}
