/** The `quietlist` command line: a thin layer over the library; each command lives in commands/. */
import { type CommandDef, defineCommand, runMain as runCitty } from 'citty';
import { QuietlistError } from '../core/errors.ts';
import { additionsCommand } from './commands/additions.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { keygenCommand } from './commands/keygen.ts';
import { keysCommand } from './commands/keys.ts';
import { pullCommand } from './commands/pull.ts';
import { receiptCommand } from './commands/receipt.ts';
import { renewCommand } from './commands/renew.ts';
import { scrubCommand } from './commands/scrub.ts';
import { EXIT } from './exit-codes.ts';
import { acceptAnyArguments, checkCommandLine } from './strict-args.ts';

export const mainCommand = defineCommand({
  meta: {
    name: 'quietlist',
    version: '0.1.0',
    description: 'Privacy-preserving do-not-call list: build, publish, serve and check signed Bloom filters',
  },
  subCommands: {
    keygen: keygenCommand,
    build: buildCommand,
    renew: renewCommand,
    check: checkCommand,
    // Loaded on demand: the server may need built-ins newer than the Node 20 the other commands run on.
    serve: () => import('./commands/serve.ts').then((module) => module.serveCommand, unavailable('serve')),
    keys: keysCommand,
    pull: pullCommand,
    scrub: scrubCommand,
    receipt: receiptCommand,
    additions: additionsCommand,
  },
  // Before any command runs (citty calls the root's setup first): a mistyped option or a misplaced
  // value stops here, with one line and exit 1, before anything is read or written.
  setup: ({ rawArgs }) => refuseBadCommandLine(rawArgs),
});

async function refuseBadCommandLine(rawArgs: string[]): Promise<void> {
  try {
    await checkCommandLine(mainCommand, rawArgs);
  } catch (error) {
    if (!(error instanceof QuietlistError)) throw error;
    process.stderr.write(`quietlist: ${error.message} [${error.code}]\n`);
    // citty offers no way to stop quietly from setup; nothing has been opened yet.
    process.exit(EXIT.usage);
  }
}

export async function runMain(rawArgs: string[]): Promise<void> {
  await runCitty(mainCommand, { rawArgs });
}

/** A command whose module does not load on this Node: one line saying so, exit 1. */
function unavailable(name: string): (error: unknown) => CommandDef {
  return (error) => {
    const why =
      (error as NodeJS.ErrnoException)?.code === 'ERR_UNKNOWN_BUILTIN_MODULE'
        ? `needs Node >= 22.13 (this is ${process.versions.node})`
        : `cannot load: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`;
    return acceptAnyArguments(
      defineCommand({
        meta: { name, description: `(unavailable: ${why})` },
        run: () => {
          process.stderr.write(`quietlist: ${name} ${why}\n`);
          process.exitCode = EXIT.usage;
        },
      }),
    );
  };
}
