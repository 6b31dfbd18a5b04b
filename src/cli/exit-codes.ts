/**
 * The CLI's one mapping from failures to exit codes and messages:
 *   0 success · 1 usage or configuration · 2 data (input, filters, manifests, signatures)
 *   3 storage unavailable · 4 lost a race to another builder · 70 internal error
 *   128 + n stopped by signal n (130 Ctrl-C, 143 SIGTERM), as the shell reports it.
 * Messages come from typed errors, which never hold a phone number or a key.
 */
import { constants } from 'node:os';
import { type ErrorCode, QuietlistError } from '../core/errors.ts';

export const EXIT = { ok: 0, usage: 1, data: 2, storage: 3, conflict: 4, internal: 70 } as const;

/** Every core code, mapped once (pinned by test/unit/errors/error-tables.test.ts). */
export const EXIT_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: EXIT.usage,
  INVALID_CONFIG: EXIT.usage,
  KEY_INVALID: EXIT.usage,
  SCHEME_UNSUPPORTED: EXIT.data,
  EPOCH_TOO_OLD: EXIT.data,
  ADDITIONS_STALE: EXIT.data,
  FORMAT_INVALID: EXIT.data,
  CHECKSUM_MISMATCH: EXIT.data,
  SHARD_MISSING: EXIT.data,
  SIGNATURE_INVALID: EXIT.data,
  MANIFEST_INVALID: EXIT.data,
  INPUT_INVALID: EXIT.data,
  DATA_REJECTED: EXIT.data,
  POINTER_EXPIRED: EXIT.data,
  KEY_RETIRED: EXIT.data,
  NOT_FOUND: EXIT.storage,
  STORAGE_UNAVAILABLE: EXIT.storage,
  PRECONDITION_FAILED: EXIT.conflict,
  CONFLICT: EXIT.conflict,
};

/** A command stopped by a signal exits as a process killed by it would (cli/stop-on-signal.ts). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

export function exitCodeFor(error: unknown): number {
  return error instanceof QuietlistError ? EXIT_BY_CODE[error.code] : EXIT.internal;
}

/** Runs a command body; a failure becomes one line on stderr and the mapped exit code. */
export async function runGuarded(body: () => Promise<unknown>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = typeof code === 'number' ? code : EXIT.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    if (error instanceof QuietlistError) {
      process.stderr.write(`quietlist: ${error.message} [${error.code}]\n`);
    } else if (
      (error as NodeJS.ErrnoException)?.code === 'ENOENT' ||
      (error as NodeJS.ErrnoException)?.code === 'EACCES'
    ) {
      process.exitCode = EXIT.usage;
      process.stderr.write(`quietlist: ${(error as Error).message}\n`);
    } else {
      process.stderr.write(`quietlist: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    }
  }
}
