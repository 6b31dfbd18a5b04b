/**
 * Docs and comments cite only paths that exist. Every repository path in docs/*.md and README.md, and
 * in the comments of src/, test/, scripts/, bench/ and worker/, is looked up: `src/…`, `test/…`,
 * `docs/…`, `scripts/…`, `bench/…`, `worker/…` from the repository's root, and file names under a
 * layer (`core/…`, `api/…`, `client/…`, …) from src/, from the citing file's folder or any folder
 * above it. Globs, placeholders and URLs are not paths and are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FROM_ROOT = ['src', 'test', 'docs', 'scripts', 'bench', 'worker'];
const LAYERS = ['core', 'api', 'client', 'builder', 'storage', 'cli', 'oprf', 'page', 'config'];
/** Files the docs tell people to create, which the repository therefore never holds. */
const MADE_BY_PEOPLE = new Set(['worker/.dev.vars']);
const CANDIDATE = new RegExp(
  `(?<![\\w./@:~-])((?:${[...FROM_ROOT, ...LAYERS].join('|')})/[\\w./<>{}*$-]*[\\w}>*])`,
  'g',
);

function files(directory: string, pattern: RegExp): string[] {
  if (!existsSync(join(ROOT, directory))) return [];
  return readdirSync(join(ROOT, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => posix.join(posix.relative(ROOT, entry.parentPath.split('\\').join('/')), entry.name))
    .filter((path) => !path.includes('node_modules/') && !path.endsWith('.d.ts'));
}

/** The comments of a TypeScript or JavaScript file, from its syntax tree (strings and regexes are not). */
function scriptComments(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const seen = new Set<number>();
  const comments: string[] = [];
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      comments.push(text.slice(range.pos, range.end));
    }
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()));
  return comments;
}

/** What of a file is prose: a whole Markdown file, the comments of code. */
function prose(path: string): string {
  const text = readFileSync(join(ROOT, path), 'utf8');
  if (path.endsWith('.md')) return text;
  if (/\.(ts|mjs|js)$/.test(path)) return scriptComments(path, text).join('\n');
  if (path.endsWith('.sh'))
    return text
      .split('\n')
      .filter((line) => /^\s*#/.test(line))
      .join('\n');
  return text
    .split('\n')
    .map((line) => /^\s*\/\/(.*)$/.exec(line)?.[1] ?? '')
    .join('\n');
}

function exists(path: string): boolean {
  return existsSync(join(ROOT, path));
}

/** Where a cited path may be, seen from the file that cites it. */
function resolves(cited: string, from: string): boolean {
  const top = cited.split('/')[0]!;
  if (MADE_BY_PEOPLE.has(cited)) return true;
  if (FROM_ROOT.includes(top) && exists(cited)) return true;
  // A layer's file named from src/, or from the citing file's folder or one above it.
  for (let folder = dirname(from); folder !== '.' && folder !== ''; folder = dirname(folder)) {
    if (exists(posix.join(folder, cited))) return true;
  }
  return exists(posix.join('src', cited));
}

function citations(path: string): string[] {
  const text = prose(path).replace(/\bhttps?:\/\/\S+/g, ' ');
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const cited = match[1]!.replace(/[#:].*$/, '');
    // Globs, brace lists, placeholders and template fields name many files or none.
    if (/[*{}<>$]/.test(cited)) continue;
    const top = cited.split('/')[0]!;
    // A layer's word followed by a slash is prose ("client/server") unless it names a file.
    if (!FROM_ROOT.includes(top) && !/\.\w+$/.test(cited)) continue;
    found.push(cited);
  }
  return found;
}

const scanned = [
  'README.md',
  ...files('docs', /\.md$/),
  ...files('src', /\.(ts|mjs|js)$/),
  ...files('test', /\.(ts|mjs|js)$/),
  ...files('scripts', /\.(ts|mjs|js|sh)$/),
  ...files('bench', /\.(ts|mjs|js)$/),
  ...files('worker', /\.(ts|jsonc)$/),
  '.ci/run',
];

const cited = new Map(scanned.map((path) => [path, citations(path)]));

describe('cited paths', () => {
  it('finds citations in docs and in comments', () => {
    expect(citations('docs/ARCHITECTURE.md')).toContain('src/core/membership.ts');
    expect(citations('src/page/window/main.ts')).toContain('page/web-worker/main.ts');
    // A path in code, not in a comment, is the code's business: the import would fail anyway.
    expect(citations('test/unit/architecture/cited-paths.test.ts')).not.toContain('docs/ARCHITECTURE.md');
  });

  it('reads every file it should, and finds its citations', () => {
    const all = [...cited.values()].flat();
    expect(scanned.length).toBeGreaterThan(300);
    expect(all.length).toBeGreaterThan(500);
  });

  it('cites only paths that exist', () => {
    const missing: string[] = [];
    for (const [path, paths] of cited) {
      for (const one of paths) if (!resolves(one, path)) missing.push(`${path}: ${one}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
