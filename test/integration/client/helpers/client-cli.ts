/**
 * Runs the real CLI in a child process with the client commands (pull, scrub, check) present whether
 * or not src/cli/main.ts registers them yet: the entry script adds any that are missing.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLIENT_CLI_ENTRY = fileURLToPath(new URL('./client-cli-entry.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export function runClientCli(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT_CLI_ENTRY, ...args], {
      cwd: options.cwd,
      env: { ...process.env, QUIETLIST_API_KEY: undefined, ...options.env },
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr, stdoutBytes });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
