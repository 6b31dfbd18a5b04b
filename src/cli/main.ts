/** The `quietlist` command line: a thin layer over the library; each command lives in commands/. */
import { defineCommand, runMain as runCitty } from 'citty';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { keygenCommand } from './commands/keygen.ts';
import { keysCommand } from './commands/keys.ts';
import { pullCommand } from './commands/pull.ts';
import { receiptCommand } from './commands/receipt.ts';
import { scrubCommand } from './commands/scrub.ts';
import { serveCommand } from './commands/serve.ts';

export const mainCommand = defineCommand({
  meta: {
    name: 'quietlist',
    version: '0.1.0',
    description: 'Privacy-preserving do-not-call list: build, publish, serve and check signed Bloom filters',
  },
  subCommands: {
    keygen: keygenCommand,
    build: buildCommand,
    check: checkCommand,
    serve: serveCommand,
    keys: keysCommand,
    pull: pullCommand,
    scrub: scrubCommand,
    receipt: receiptCommand,
  },
});

export async function runMain(rawArgs: string[]): Promise<void> {
  await runCitty(mainCommand, { rawArgs });
}
