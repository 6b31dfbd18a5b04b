/**
 * Compares what the code writes with docs/FORMAT.md's tables (format-tables.ts), recursively: a member
 * written but not in its table, a required member not written, a conditional member present when its
 * condition does not hold (or missing when it does), a value of another type, or a binary header field
 * that decodes to something else than the code's own parser reads. Every problem names the field, the
 * table and the section. `coverage` records which rows some written object exercised, so a row the code
 * never writes any more shows up too (`neverWritten`).
 */
import type { ByteTable, Condition, FieldRow, FieldTable, FormatTables, JsonType } from './format-tables.ts';

interface Node {
  row?: FieldRow;
  children: Map<string, Node>;
  /** The elements of an array. */
  item?: Node;
  /** The values of a map. */
  entry?: Node;
}

const emptyNode = (row?: FieldRow): Node => ({ row, children: new Map() });

/** The table's rows as a tree; a row listed before its parent's row is a malformed table. */
function treeOf(table: FieldTable): Node {
  const root = emptyNode();
  const fail = (row: FieldRow, what: string): never => {
    throw new Error(`FORMAT.md §${table.section}, table \`${table.name}\`: \`${row.field}\` ${what}`);
  };
  for (const row of table.rows) {
    // `shards[].delta` → shards, [], delta; `invalidByReason.*` → invalidByReason, *.
    const steps = row.field
      .split('.')
      .flatMap((segment) => (segment.endsWith('[]') ? [segment.slice(0, -2), '[]'] : [segment]));
    let node = root;
    steps.forEach((step, i) => {
      let next = step === '*' ? node.entry : step === '[]' ? node.item : node.children.get(step);
      if (!next) {
        if (i < steps.length - 1) fail(row, 'comes before the row of its parent');
        next = emptyNode();
        if (step === '*') node.entry = next;
        else if (step === '[]') node.item = next;
        else node.children.set(step, next);
      }
      node = next;
    });
    if (node.row) fail(row, 'appears twice');
    node.row = row;
  }
  return root;
}

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
    return typeof value as JsonType;
  return 'undefined';
}

function accepts(types: JsonType[], value: unknown): boolean {
  const actual = typeOf(value);
  if (actual === 'integer') return types.includes('integer') || types.includes('number');
  if (actual === 'object') return types.includes('object') || types.includes('map');
  return (types as string[]).includes(actual);
}

function valueAt(root: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], root);
}

const holds = (root: unknown, condition: Condition) =>
  (String(valueAt(root, condition.path)) === condition.value) === condition.equals;

export class DriftCheck {
  readonly problems: string[] = [];
  readonly #coverage = new Set<string>();
  readonly #trees = new Map<string, Node>();

  readonly tables: FormatTables;

  constructor(tables: FormatTables) {
    this.tables = tables;
    for (const table of tables.fields.values()) this.#trees.set(table.name, treeOf(table));
  }

  /** Compares `value` (what the code wrote, described by `label`) with table `name`. */
  compare(name: string, value: unknown, label: string): void {
    const table = this.tables.fields.get(name);
    if (!table) throw new Error(`FORMAT.md has no table \`${name}\``);
    const where = (path: string, problem: string) =>
      this.problems.push(
        `${label}: FORMAT.md §${table.section}, table \`${name}\`: field \`${path}\` ${problem}`,
      );
    if (typeOf(value) !== 'object') {
      where('(the object)', `is a ${typeOf(value)}, not an object`);
      return;
    }
    this.#members(table, this.#trees.get(name)!, value as Record<string, unknown>, '', value, where, label);
  }

  #members(
    table: FieldTable,
    node: Node,
    object: Record<string, unknown>,
    prefix: string,
    root: unknown,
    where: (path: string, problem: string) => void,
    label: string,
  ): void {
    for (const key of Object.keys(object)) {
      if (object[key] !== undefined && !node.children.has(key))
        where(`${prefix}${key}`, 'is written but not in the table');
    }
    for (const [key, child] of node.children) {
      const row = child.row!;
      const path = `${prefix}${key}`;
      const present = object[key] !== undefined;
      const { required } = row;
      if (required === 'yes' && !present) where(path, 'is required in the table but not written');
      if (typeof required === 'object') {
        const expected = holds(root, required);
        const rule =
          required.value === 'undefined'
            ? `${required.path} is ${required.equals ? 'absent' : 'present'}`
            : `${required.path} ${required.equals ? '=' : '≠'} "${required.value}"`;
        if (expected && !present) where(path, `is required when ${rule} but not written`);
        if (!expected && present) where(path, `is written although the table allows it only if ${rule}`);
      }
      if (present) this.#value(table, child, object[key], path, root, where, label);
    }
  }

  #value(
    table: FieldTable,
    node: Node,
    value: unknown,
    path: string,
    root: unknown,
    where: (path: string, problem: string) => void,
    label: string,
  ): void {
    const row = node.row!;
    this.#coverage.add(`${table.name}\u0000${row.field}`);
    if ('table' in row.type) {
      this.compare(row.type.table, value, `${label}, ${path}`);
      return;
    }
    if (!accepts(row.type.types, value)) {
      where(path, `is a ${typeOf(value)}, the table says ${row.type.types.join(' or ')}`);
      return;
    }
    if (Array.isArray(value)) {
      if (!node.item) where(`${path}[]`, 'has no row in the table');
      else
        value.forEach((item, i) => {
          this.#value(table, node.item!, item, `${path}[${i}]`, root, where, label);
        });
    } else if (typeOf(value) === 'object') {
      const members = value as Record<string, unknown>;
      if (row.type.types.includes('map')) {
        if (!node.entry) where(`${path}.*`, 'has no row in the table');
        else
          for (const [key, item] of Object.entries(members))
            this.#value(table, node.entry, item, `${path}.${key}`, root, where, label);
      } else {
        this.#members(table, node, members, `${path}.`, root, where, label);
      }
    }
  }

  /** Rows that no compared object exercised: the code no longer writes them, or the test misses a case. */
  neverWritten(): string[] {
    const missing: string[] = [];
    for (const table of this.tables.fields.values()) {
      for (const row of table.rows) {
        if (!this.#coverage.has(`${table.name}\u0000${row.field}`))
          missing.push(
            `FORMAT.md §${table.section}, table \`${table.name}\`: field \`${row.field}\` is never written by any object this test built`,
          );
      }
    }
    return missing;
  }

  /**
   * A binary file against its byte table: the fixed-offset rows tile the header from byte 0, each
   * decodes to its fixed value or to what the code's parser read (`parsed`, by field name), and the
   * parser reads no header field the table lacks.
   */
  compareBytes(
    name: string,
    bytes: Uint8Array,
    parsed: Record<string, number | string>,
    label: string,
  ): void {
    const table: ByteTable | undefined = this.tables.bytes.get(name);
    if (!table) throw new Error(`FORMAT.md has no byte table \`${name}\``);
    const where = (field: string, problem: string) =>
      this.problems.push(
        `${label}: FORMAT.md §${table.section}, table \`${name}\`: field \`${field}\` ${problem}`,
      );
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const widths: Record<string, number> = { u8: 1, u16: 2, u32: 4, f64: 8 };
    let next = 0;
    const fields = new Set<string>();
    for (const row of table.rows) {
      fields.add(row.field);
      if (typeof row.offset !== 'number' || typeof row.size !== 'number') continue;
      if (row.offset !== next)
        where(row.field, `starts at ${row.offset}, after the previous row ends at ${next}`);
      next = row.offset + row.size;
      if (row.type in widths && widths[row.type] !== row.size)
        where(row.field, `is a ${row.type} of ${row.size} bytes`);
      const raw = bytes.subarray(row.offset, row.offset + row.size);
      const decoded: number | string =
        row.type === 'u8'
          ? view.getUint8(row.offset)
          : row.type === 'u16'
            ? view.getUint16(row.offset, true)
            : row.type === 'u32'
              ? view.getUint32(row.offset, true)
              : row.type === 'f64'
                ? view.getFloat64(row.offset, true)
                : typeof row.value === 'string'
                  ? String.fromCharCode(...raw)
                  : row.value === 0
                    ? raw.every((byte) => byte === 0)
                      ? 0
                      : -1
                    : Buffer.from(raw).toString('hex');
      const expected = row.value ?? parsed[row.field];
      if (expected === undefined)
        where(row.field, "is not read by the code's parser, and the table gives no fixed value");
      else if (decoded !== expected) where(row.field, `decodes to ${decoded}, the code reads ${expected}`);
    }
    for (const field of Object.keys(parsed)) {
      if (!fields.has(field)) where(field, "is read by the code's parser but not in the table");
    }
  }
}
