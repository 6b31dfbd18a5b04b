/**
 * The package's public surface is pinned: each entry point (`quietlist`, `quietlist/core`,
 * `quietlist/client`) names its exports one by one, and docs/LIBRARY.md has one row per export with
 * its kind. The test fails when the two differ in either direction, when an entry point re-exports
 * with a wildcard, and when a row's kind is not what the module really exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = 'docs/LIBRARY.md';

type Kind = 'function' | 'class' | 'constant' | 'type';

/** `name → type-only?` of an entry file, and its statements that are not named re-exports. */
function entryExports(file: string): { names: Map<string, boolean>; other: string[] } {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const names = new Map<string, boolean>();
  const other: string[] = [];
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        names.set(element.name.text, statement.isTypeOnly || element.isTypeOnly);
      }
    } else if (ts.isExportDeclaration(statement)) {
      other.push(`${file}: ${statement.getText(source)} (name every export)`);
    } else if (!ts.isImportDeclaration(statement)) {
      other.push(`${file}: ${statement.getText(source).split('\n')[0]} (an entry point only re-exports)`);
    }
  }
  return { names, other };
}

/** The table under `## <heading>` of LIBRARY.md: export name → kind. */
function documented(heading: string): Map<string, Kind> {
  const text = readFileSync(join(ROOT, DOC), 'utf8');
  const section = text.split(/^## /m).find((part) => part.split('\n')[0]!.trim() === heading);
  if (!section) throw new Error(`${DOC} has no "## ${heading}" section`);
  const rows = new Map<string, Kind>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([A-Za-z_$][\w$]*)`\s*\|\s*(\w+)\s*\|/.exec(line);
    if (match) rows.set(match[1]!, match[2] as Kind);
  }
  return rows;
}

function kindOf(value: unknown): Kind {
  if (typeof value !== 'function') return 'constant';
  return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
}

const core = entryExports('src/core/index.ts');
const client = entryExports('src/client/index.ts');
const oprf = entryExports('src/oprf/index.ts');
const root = entryExports('src/index.ts');

describe(`public surface (${DOC})`, () => {
  it('names every export of every entry point, with no wildcard', () => {
    expect([...core.other, ...client.other, ...oprf.other, ...root.other]).toEqual([]);
  });

  const entries = [
    { heading: '`quietlist/core`', file: 'src/core/index.ts', exports: core },
    { heading: '`quietlist/client`', file: 'src/client/index.ts', exports: client },
    { heading: '`quietlist`', file: 'src/oprf/index.ts', exports: oprf },
  ];
  for (const { heading, file, exports } of entries) {
    it(`documents each export of ${heading} (${file}) with its kind, and nothing else`, async () => {
      const rows = documented(heading);
      expect([...rows.keys()].sort(), `rows of ${heading} in ${DOC} against ${file}`).toEqual(
        [...exports.names.keys()].sort(),
      );
      const module = (await import(join(ROOT, file))) as Record<string, unknown>;
      const values = [...exports.names].filter(([, typeOnly]) => !typeOnly).map(([name]) => name);
      expect(Object.keys(module).sort(), `${file} at run time`).toEqual(values.sort());
      for (const [name, typeOnly] of exports.names) {
        const kind = typeOnly ? 'type' : kindOf(module[name]);
        expect({ name, kind: rows.get(name) }).toEqual({ name, kind });
      }
    });
  }

  it('gives the package root exactly the core, the client and the OPRF protocol', () => {
    const expected = new Map([...core.names, ...client.names, ...oprf.names]);
    expect([...root.names].sort()).toEqual([...expected].sort());
  });
});
