/**
 * The OPRF core inside workerd (the Workers runtime), apart from the worker's own project because it
 * needs no bindings: `npx vitest run --config vitest.oprf-workers.config.ts`. It pins down what loads
 * there: libsodium from a precompiled .wasm module, and not from bytes.
 */
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: '2026-11-01',
        // What wrangler does by default: a .wasm import is a compiled WebAssembly.Module.
        modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      },
    }),
  ],
  test: {
    name: 'oprf-workerd',
    include: ['test/unit/oprf/workerd/**/*.workerd.ts'],
    testTimeout: 60_000,
  },
});
