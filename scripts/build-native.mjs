#!/usr/bin/env node
/**
 * Builds the two native addons, plain N-API modules (version 8: they load in any Node from 12.22 on):
 * - the OPRF backend (native/ristretto255.c and its multi-scalar multiplication, native/ristretto255-msm.c
 *   → native/build/ristretto255.node) over the system's libsodium.so.23, the fastest OPRF backend in
 *   Node (docs/OPRF.md §7);
 * - the builder's keyed hash (native/keyed-hash.c → native/build/keyed-hash.node): batches of
 *   HMAC-SHA-256 through the OpenSSL that Node itself carries (SHA extensions; docs/PERFORMANCE.md).
 *
 * Optional by design: when the platform is not Linux, or the C compiler, the Node headers or
 * libsodium.so.23 is missing, it prints one line per addon saying it is unavailable and exits 0;
 * quietlist then uses libsodium's WebAssembly build for the OPRF and JavaScript for the builder's
 * hash. `--require` makes that case exit 1 (CI, where both are expected). Plain JavaScript with no
 * dependency, so it runs on any Node (npm runs it from `prepare`).
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
const BUILD_DIRECTORY = join(ROOT, 'native', 'build');
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
/** RFC 4231 test case 2: the keyed-hash addon must reproduce it before it is kept. */
const RFC4231_CASE_2 = {
  key: 'Jefe',
  data: 'what do ya want for nothing?',
  mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
};

const args = new Set(process.argv.slice(2));
const required = args.has('--require');
const quiet = args.has('--quiet');

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

/** What every addon needs: Linux, a C compiler and the Node headers; a reason string when one is missing. */
function toolchain() {
  if (process.platform !== 'linux') return { reason: `${process.platform} is not supported, only Linux` };
  const compiler = process.env.CC || 'cc';
  const probe = run(compiler, ['--version']);
  if (probe.error || probe.status !== 0) return { reason: `no C compiler: "${compiler}" cannot be run` };
  const headers = findHeaders();
  if (headers === undefined) {
    return { reason: 'no Node headers (node_api.h): set npm nodedir, or install the nodejs headers' };
  }
  return { compiler, headers };
}

/**
 * Compiles native/<name>.c (and any `extraSources` beside it) into native/build/<name>.node (`linkArguments` returns the linker's
 * arguments, or { reason } when a library is missing), loads it once and runs `check` on it (which returns
 * a description, or throws), and only then renames it into place: a binary that cannot load or
 * computes wrong is never left behind. Returns the description, or { reason } when unavailable.
 */
function buildAddon(tools, { name, extraSources = [], linkArguments, check }) {
  const output = join(BUILD_DIRECTORY, `${name}.node`);
  rmSync(output, { force: true });
  if (tools.reason) return { reason: tools.reason };
  const link = linkArguments();
  if (link.reason) return link;
  mkdirSync(BUILD_DIRECTORY, { recursive: true });
  // A .node name, so require() loads it as an addon; renamed over the output only once it loads.
  const temporary = join(BUILD_DIRECTORY, `.${name}.${process.pid}.node`);
  const compile = run(tools.compiler, [
    '-shared',
    '-fPIC',
    '-O2',
    '-std=c11',
    '-Wall',
    '-Wextra',
    '-fvisibility=hidden',
    `-I${tools.headers}`,
    '-o',
    temporary,
    join(ROOT, 'native', `${name}.c`),
    ...extraSources.map((source) => join(ROOT, 'native', source)),
    ...link,
  ]);
  if (compile.error || compile.status !== 0) {
    rmSync(temporary, { force: true });
    return {
      reason: `compilation failed: ${firstErrorLine(`${compile.stderr ?? ''}${compile.error?.message ?? ''}`)}`,
    };
  }
  let description;
  try {
    description = check(createRequire(import.meta.url)(temporary));
  } catch (error) {
    rmSync(temporary, { force: true });
    return { reason: `the built addon does not work: ${firstErrorLine(String(error?.message ?? error))}` };
  }
  renameSync(temporary, output);
  return { built: `${output.slice(ROOT.length + 1)} (${description})` };
}

function buildOprfAddon(tools) {
  let libraryDirectory;
  return buildAddon(tools, {
    name: 'ristretto255',
    // The variable-time multi-scalar multiplication for public operands (proof checks), own field code.
    extraSources: ['ristretto255-msm.c'],
    linkArguments: () => {
      libraryDirectory = findLibsodium();
      if (libraryDirectory === undefined)
        return { reason: `${LIBSODIUM} not found (Debian/Ubuntu: apt install libsodium23)` };
      return [
        `-L${libraryDirectory}`,
        `-l:${LIBSODIUM}`,
        ...(DEFAULT_LOADER_PATHS.has(libraryDirectory) ? [] : [`-Wl,-rpath,${libraryDirectory}`]),
      ];
    },
    check: (addon) => `libsodium ${addon.sodiumVersion}, ${libraryDirectory}/${LIBSODIUM}`,
  });
}

function buildKeyedHashAddon(tools) {
  return buildAddon(tools, {
    name: 'keyed-hash',
    // No library: OpenSSL's symbols come from the running Node. "now": a Node without them refuses
    // the addon at load time (the builder then hashes in JavaScript) rather than at the first call.
    linkArguments: () => ['-Wl,-z,now'],
    check: (addon) => {
      const { key, data, mac } = RFC4231_CASE_2;
      const messages = new TextEncoder().encode(data);
      const out = new Uint8Array(32);
      const status = addon.hmacSha256Many(
        out,
        new TextEncoder().encode(key),
        messages,
        Uint32Array.of(messages.length),
      );
      if (status !== -1 || Buffer.from(out).toString('hex') !== mac) throw new Error('RFC 4231 mismatch');
      return `HMAC-SHA-256 through ${addon.opensslVersion.split(' ').slice(0, 2).join(' ')}, Node's own`;
    },
  });
}

const tools = toolchain();
const results = [
  ['native OPRF backend', buildOprfAddon(tools), 'quietlist will use the libsodium WebAssembly backend'],
  ['native keyed hash', buildKeyedHashAddon(tools), 'the builder will hash in JavaScript'],
];
for (const [what, result, fallback] of results) {
  if (result.reason) console.log(`${what} unavailable (${result.reason}); ${fallback}`);
  else if (!quiet) console.log(`${what} built: ${result.built}`);
}
if (required && results.some(([, result]) => result.reason)) process.exit(1);
