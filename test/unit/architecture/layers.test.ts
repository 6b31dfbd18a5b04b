/**
 * The layer rule of docs/ARCHITECTURE.md, checked from the real imports: every relative import in src/
 * and worker/ (static, re-exports, literal dynamic imports, `typeof import()`) against the table in the
 * doc, read from the doc itself so the two cannot drift. Layers marked "no" for `node:` must not reach
 * a Node built-in through anything they import at run time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = 'docs/ARCHITECTURE.md';

interface LayerRule {
  may: string[];
  typesOnly: string[];
  node: boolean;
}

interface Import {
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file. */
  target: string;
  typeOnly: boolean;
}

/** The rows of the table under "## Layers": `layer` | may | types only | node: | what. */
function readRules(): Map<string, LayerRule> {
  const text = readFileSync(join(ROOT, DOC), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Layers'));
  if (!section) throw new Error(`${DOC} has no "## Layers" section`);
  const names = (cell: string) =>
    cell.trim() === '—' ? [] : cell.split(',').map((name) => name.trim().replace(/^`|`$/g, ''));
  const rules = new Map<string, LayerRule>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1);
    const layer = /^\s*`([^`]+)`\s*$/.exec(cells[0] ?? '')?.[1];
    if (!layer || cells.length < 4) continue;
    rules.set(layer, {
      may: names(cells[1]!),
      typesOnly: names(cells[2]!),
      node: cells[3]!.trim() === 'yes',
    });
  }
  return rules;
}

/** The layer a repository path belongs to (undefined: outside src/ and worker/). */
function layerOf(path: string): string | undefined {
  if (path === 'src/index.ts') return 'package';
  if (path.startsWith('worker/')) return 'worker';
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return undefined;
  return parts[1] === 'page' ? `page/${parts[2]}` : parts[1];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) =>
      posix.normalize(relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/')),
    );
}

function importsOf(path: string): Import[] {
  const source = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) {
      if (specifier.startsWith('node:')) found.push({ from: path, specifier, target: specifier, typeOnly });
      return;
    }
    found.push({ from: path, specifier, target: posix.join(dirname(path), specifier), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!bindings &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier.text, allTypes);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = node.exportClause;
      const allTypes =
        node.isTypeOnly ||
        (!!clause &&
          ts.isNamedExports(clause) &&
          clause.elements.length > 0 &&
          clause.elements.every((element) => element.isTypeOnly));
      add(node.moduleSpecifier.text, allTypes);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const rules = readRules();
const files = [...sourceFiles('src'), ...sourceFiles('worker')];
const imports = new Map(files.map((file) => [file, importsOf(file)]));

describe('layers (docs/ARCHITECTURE.md)', () => {
  it('gives every folder of src/ a row', () => {
    const layers = new Set(files.map(layerOf));
    const missing = [...layers].filter((layer) => layer && !rules.has(layer));
    expect(missing, `add a row to the table of ${DOC} for each`).toEqual([]);
  });

  it('lets every layer import only what its row names', () => {
    const broken: string[] = [];
    for (const [file, list] of imports) {
      const layer = layerOf(file)!;
      const rule = rules.get(layer);
      if (!rule) continue;
      for (const { specifier, target, typeOnly } of list) {
        const to = layerOf(target);
        if (!to || to === layer || target.startsWith('node:')) continue;
        if (rule.may.includes(to) || (typeOnly && rule.typesOnly.includes(to))) continue;
        const allowed = [...rule.may, ...rule.typesOnly.map((name) => `${name} (types only)`)];
        broken.push(
          `${file} imports ${specifier} (layer ${to}${typeOnly ? ', types' : ''}): ${layer} may import ` +
            `${allowed.length ? allowed.join(', ') : 'no other layer'} (${DOC}, "Layers")`,
        );
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the layers marked "no" for node: free of Node built-ins, through everything they load', () => {
    const reaching: string[] = [];
    for (const [file] of imports) {
      const rule = rules.get(layerOf(file) ?? '');
      if (!rule || rule.node) continue;
      // Follow run-time imports only: types are erased before anything runs.
      const seen = new Set<string>();
      const stack: string[][] = [[file]];
      const before = reaching.length;
      // One chain per file is enough to name the culprit.
      while (stack.length > 0 && reaching.length === before) {
        const path = stack.pop()!;
        const current = path.at(-1)!;
        for (const { target, typeOnly } of imports.get(current) ?? []) {
          if (typeOnly) continue;
          if (target.startsWith('node:')) {
            reaching.push(
              `${[...path, target].join(' → ')}: ${layerOf(file)} must run without Node (${DOC})`,
            );
          } else if (imports.has(target) && !seen.has(target)) {
            seen.add(target);
            stack.push([...path, target]);
          }
        }
      }
    }
    expect([...new Set(reaching)]).toEqual([]);
  });

  it('finds imports of every kind, so a broken rule cannot hide', () => {
    // The checker sees the imports this repository is known to have, of each form it reads.
    const of = (file: string) => imports.get(file) ?? [];
    expect(of('src/api/app.ts').map((i) => i.target)).toContain('src/page/server/scrub-route.ts');
    expect(
      of('src/page/window/main.ts')
        .filter((i) => i.typeOnly)
        .map((i) => layerOf(i.target)),
    ).toContain('page/web-worker');
    expect(of('src/oprf/backend.ts').map((i) => i.target)).toContain('src/oprf/sodium/sodium-backend.ts');
    expect(of('src/index.ts').map((i) => i.target)).toContain('src/core/index.ts');
    expect(of('src/storage/file-store.ts').some((i) => i.target.startsWith('node:'))).toBe(true);
    expect(rules.get('core')).toEqual({ may: [], typesOnly: [], node: false });
  });
});
