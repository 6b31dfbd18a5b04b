/**
 * The WebAssembly that libsodium-sumo's ESM build embeds (base64), which src/oprf/sodium/libsodium-sumo.wasm
 * must equal byte for byte: the Emscripten glue and the binary are tied by minified import names, so
 * a dependency update without regenerating the file would break the worker. Regenerate with
 * `npx node test/unit/oprf/helpers/libsodium-wasm.ts --write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COMMITTED_WASM = fileURLToPath(
  new URL('../../../../src/oprf/sodium/libsodium-sumo.wasm', import.meta.url),
);

export function embeddedLibsodiumWasm(): Uint8Array {
  const cjsEntry = createRequire(import.meta.url).resolve('libsodium-sumo');
  const esmEntry = join(dirname(dirname(cjsEntry)), 'modules-sumo-esm', 'libsodium-sumo.mjs');
  const match = readFileSync(esmEntry, 'utf8').match(/"(AGFzbQ[A-Za-z0-9+/]+=*)"/);
  if (match?.[1] === undefined) throw new Error(`no embedded WebAssembly found in ${esmEntry}`);
  return Uint8Array.from(Buffer.from(match[1], 'base64'));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const bytes = embeddedLibsodiumWasm();
  writeFileSync(COMMITTED_WASM, bytes);
  console.log(`wrote ${bytes.length} bytes to ${COMMITTED_WASM}`);
}
