/** The CLI entry for client tests: src/cli/main.ts plus the client commands if it lacks them. */
import { runMain } from 'citty';
import { checkCommand } from '../../../../src/cli/commands/check.ts';
import { pullCommand } from '../../../../src/cli/commands/pull.ts';
import { scrubCommand } from '../../../../src/cli/commands/scrub.ts';
import { mainCommand } from '../../../../src/cli/main.ts';

const subCommands = { ...(mainCommand.subCommands as Record<string, unknown>) };
subCommands.pull ??= pullCommand;
subCommands.scrub ??= scrubCommand;
subCommands.check ??= checkCommand;
await runMain({ ...mainCommand, subCommands } as typeof mainCommand, { rawArgs: process.argv.slice(2) });
