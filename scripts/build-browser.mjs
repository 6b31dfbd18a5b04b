// Bundles the scrub page's script and Web Worker (src/page/window, src/page/web-worker) with esbuild into dist/web/assets/, the
// files `quietlist serve` serves at /assets/ and the Cloudflare worker serves as Workers Static Assets
// (worker/wrangler.jsonc, "assets"). Run by `prepare`, `pretest`, `prestart`, the worker's build command
// and scripts/build-dist.mjs (docs/BROWSER.md, "How the page is built and served").
// Plain JS so it runs on any Node; esbuild is a devDependency: an installed package ships the bundles.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The policy of the page's scripts (the page itself sends its own, src/page/server/scrub-route.ts). */
const SCRIPT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
export const ASSETS_DIRECTORY = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));

export async function buildBrowser({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  mkdirSync(ASSETS_DIRECTORY, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      'scrub-page': 'src/page/window/main.ts',
      'scrub-worker': 'src/page/web-worker/main.ts',
    },
    outdir: ASSETS_DIRECTORY,
    bundle: true,
    // SheetJS in a chunk of its own, loaded by the Web Worker only for a workbook.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
    metafile: true,
    write: false,
    // csv-parse and csv-stringify use Node's Buffer; their browser builds carry their own.
    alias: {
      'csv-parse/sync': 'csv-parse/browser/esm/sync',
      'csv-stringify/sync': 'csv-stringify/browser/esm/sync',
    },
    define: { __QUIETLIST_VERSION__: JSON.stringify(version) },
  });
  // Each file replaced whole (written aside, then renamed): a server running meanwhile (parallel tests,
  // `wrangler dev` rebuilding) never serves half a bundle.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // Chunks of earlier builds (names carry their hash) go; only this build's files are served.
  const built = new Set(result.outputFiles.map((file) => basename(file.path)));
  for (const name of readdirSync(ASSETS_DIRECTORY)) {
    if (name.startsWith('chunk-') && !built.has(name)) rmSync(join(ASSETS_DIRECTORY, name), { force: true });
  }
  // Workers Static Assets read response headers from _headers (`quietlist serve` sends the same ones,
  // src/cli/web-assets.ts): the scripts may talk to this server only.
  writeAtomically(
    fileURLToPath(new URL('../dist/web/_headers', import.meta.url)),
    `/assets/*\n  Content-Security-Policy: ${SCRIPT_CSP}\n  X-Content-Type-Options: nosniff\n  Cache-Control: no-cache\n`,
  );
  // Any Node built-in reaching the bundle would break the page at run time: refuse it here.
  const nodeImports = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('node:'));
  if (nodeImports.length > 0) throw new Error(`the browser bundle imports ${nodeImports.join(', ')}`);
  if (!quiet) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      console.log(`${file}: ${(output.bytes / 1024).toFixed(0)} KiB`);
    }
  }
  return ASSETS_DIRECTORY;
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildBrowser({ quiet: process.argv.includes('--quiet') });
}
