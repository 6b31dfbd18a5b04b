import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import type { WorkerSeed } from './test/worker/helpers/seed-types.ts';

export default defineConfig({
  test: {
    projects: [
      // The libsodium OPRF backend loaded inside workerd (its own config: no R2 seed needed).
      './vitest.oprf-workers.config.ts',
      {
        // The fast loop (`npm run test:unit`): no service, no global setup; each file runs in Node alone.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Real stores and real HTTP: one local R2 (wrangler dev) started for the run, shared by every file.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup-r2.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The edge worker inside workerd, with its R2 and Rate Limiting bindings (worker/wrangler.jsonc).
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './worker/wrangler.jsonc' },
            miniflare: {
              bindings: {
                QUIETLIST_PUBLIC_KEY: inject<WorkerSeed>('workerSeed').publicKey,
                // The list sequencers (worker/sequencer-object.ts) read these from their env.
                QUIETLIST_ADDITIONS_KEY: inject<WorkerSeed>('workerSeed').additionsKey,
                QUIETLIST_LIST_SEED: inject<WorkerSeed>('workerSeed').listSeed,
                // Shard objects hibernate at once (no residency timer), so tests can evict them as hibernation does.
                SHARD_RESIDENCY_SECONDS: '0',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/worker/helpers/global-setup-seed.ts'],
          // One workerd isolate for every file (about 1.5 s saved per file); suites use their own key prefixes.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
