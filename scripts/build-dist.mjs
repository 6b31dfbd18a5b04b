// Compiles src/ to dist/ (JavaScript and type declarations) for the published package: Node does not
// strip types under node_modules, so the package ships JavaScript; the repository runs the sources.
// Plain JS so it runs on any Node (prepack may run under the system npm).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// The scrub page's bundles (dist/web/assets), which an installed `quietlist serve` serves.
const { buildBrowser } = await import('./build-browser.mjs');
await buildBrowser({ quiet: true });
