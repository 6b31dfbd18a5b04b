/**
 * A build stopped by a signal (Ctrl-C, `timeout`, systemd's stop, a cron job's kill: SIGINT, SIGTERM,
 * SIGHUP) removes its temporary directories before it exits: no `finally` runs when a signal ends the
 * process, and each night's killed build would otherwise leave its spill and shards (about 4 GB at
 * 250M numbers) in the temporary directory (builder/temporary-directories.ts). It says so in one line
 * and exits as the shell reports a death by that signal. The store needs nothing: the pointer is
 * written last, so readers see the previous epoch, or this one if its pointer was already written.
 */
import { removeEveryTemporaryDirectory } from '../builder/temporary-directories.ts';
import { exitCodeForSignal } from './exit-codes.ts';

const STOPPING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Until the returned function is called, a stopping signal cleans up and ends `command`. */
export function cleanUpOnSignal(command: string): () => void {
  const handlers = STOPPING_SIGNALS.map((signal) => {
    const handler = () => {
      removeEveryTemporaryDirectory();
      process.stderr.write(
        `quietlist: ${command} stopped by ${signal}; its temporary files were removed, and the store still serves its last published epoch\n`,
      );
      process.exit(exitCodeForSignal(signal));
    };
    process.once(signal, handler);
    return { signal, handler };
  });
  return () => {
    for (const { signal, handler } of handlers) process.off(signal, handler);
  };
}
