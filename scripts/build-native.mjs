#!/usr/bin/env node
/**
 * Builds the native OPRF addon (native/ristretto255.c → native/build/ristretto255.node): a plain N-API
 * module over the system's libsodium.so.23, the fastest OPRF backend in Node (docs/OPRF.md §7).
 *
 * Optional by design: when the platform is not Linux, or the C compiler, the Node headers or
 * libsodium.so.23 is missing, it prints one line saying the native backend is unavailable and exits 0;
 * quietlist then uses libsodium's WebAssembly build. `--require` makes that case exit 1 (CI, where the
 * native backend is expected). Plain JavaScript with no dependency, so it runs on any Node (npm runs it
 * from `prepare`; the addon itself is N-API 8 and loads in any Node from 12.22 on).
 *
 *   node scripts/build-native.mjs [--require] [--quiet]
 *
 * Settings (build tooling, not quietlist configuration): CC (default cc); the Node headers come from
 * `npm config get nodedir` (npm passes it as npm_config_nodedir), the running Node's own include/ or the
 * usual system paths.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['ristretto255.c', 'ristretto255-msm.c'].map((name) => join(ROOT, 'native', name));
const OUTPUT = join(ROOT, 'native', 'build', 'ristretto255.node');
const LIBSODIUM = 'libsodium.so.23';
const LIBRARY_DIRECTORIES = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/local/lib',
  '/usr/lib64',
  '/lib64',
  '/usr/lib',
  '/lib',
];
/** Where the dynamic loader looks without help; anything else gets an rpath. */
const DEFAULT_LOADER_PATHS = new Set(
  LIBRARY_DIRECTORIES.filter((directory) => directory !== '/usr/local/lib'),
);

const args = new Set(process.argv.slice(2));
const required = args.has('--require');
const quiet = args.has('--quiet');

function unavailable(reason) {
  rmSync(OUTPUT, { force: true });
  const fallback = 'quietlist will use the libsodium WebAssembly backend';
  console.log(`native OPRF backend unavailable (${reason}); ${fallback}`);
  process.exit(required ? 1 : 0);
}

function run(command, commandArgs) {
  return spawnSync(command, commandArgs, { encoding: 'utf8' });
}

function npmNodedir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const npm = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['config', 'get', 'nodedir']);
  const value = npm.status === 0 ? npm.stdout.trim() : '';
  return value && value !== 'undefined' && value !== 'null' ? value : undefined;
}

function findHeaders() {
  const nodedir = npmNodedir();
  const candidates = [
    nodedir && join(nodedir, 'include', 'node'),
    join(dirname(dirname(process.execPath)), 'include', 'node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ].filter(Boolean);
  return candidates.find((directory) => existsSync(join(directory, 'node_api.h')));
}

/** The directory holding libsodium.so.23: the loader cache first, then the usual directories. */
function findLibsodium() {
  const cache = run('ldconfig', ['-p']);
  if (cache.status === 0) {
    const line = cache.stdout.split('\n').find((entry) => entry.trim().startsWith(`${LIBSODIUM} `));
    const path = line?.split('=>')[1]?.trim();
    if (path && existsSync(path)) return dirname(path);
  }
  return LIBRARY_DIRECTORIES.find((directory) => existsSync(join(directory, LIBSODIUM)));
}

function firstErrorLine(output) {
  const lines = output.split('\n').map((line) => line.trim());
  return lines.find((line) => /error/i.test(line)) ?? lines.find(Boolean) ?? 'no output';
}

if (process.platform !== 'linux') unavailable(`${process.platform} is not supported, only Linux`);

const compiler = process.env.CC || 'cc';
const probe = run(compiler, ['--version']);
if (probe.error || probe.status !== 0) unavailable(`no C compiler: "${compiler}" cannot be run`);

const headers = findHeaders();
if (headers === undefined) {
  unavailable('no Node headers (node_api.h): set npm nodedir, or install the nodejs headers');
}

const libraryDirectory = findLibsodium();
if (libraryDirectory === undefined)
  unavailable(`${LIBSODIUM} not found (Debian/Ubuntu: apt install libsodium23)`);

mkdirSync(dirname(OUTPUT), { recursive: true });
// A .node name, so require() loads it as an addon; renamed over the output only once it loads.
const temporary = join(dirname(OUTPUT), `.ristretto255.${process.pid}.node`);
const compile = run(compiler, [
  '-shared',
  '-fPIC',
  '-O2',
  '-std=c11',
  '-Wall',
  '-Wextra',
  '-fvisibility=hidden',
  `-I${headers}`,
  '-o',
  temporary,
  ...SOURCES,
  `-L${libraryDirectory}`,
  `-l:${LIBSODIUM}`,
  ...(DEFAULT_LOADER_PATHS.has(libraryDirectory) ? [] : [`-Wl,-rpath,${libraryDirectory}`]),
]);
if (compile.error || compile.status !== 0) {
  rmSync(temporary, { force: true });
  unavailable(
    `compilation failed: ${firstErrorLine(`${compile.stderr ?? ''}${compile.error?.message ?? ''}`)}`,
  );
}

// Load it here, once, so a binary that cannot load (a libsodium without ristretto255) is never left behind.
let version;
try {
  version = createRequire(import.meta.url)(temporary).sodiumVersion;
} catch (error) {
  rmSync(temporary, { force: true });
  unavailable(`the built addon does not load: ${firstErrorLine(String(error?.message ?? error))}`);
}
renameSync(temporary, OUTPUT);
if (!quiet) {
  console.log(
    `native OPRF backend built: ${OUTPUT.slice(ROOT.length + 1)} (libsodium ${version}, ${libraryDirectory}/${LIBSODIUM})`,
  );
}
