/** Runs the real `quietlist` CLI in a child process, as an operator's shell or cron would. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/quietlist.mjs', import.meta.url));
const PEAK_RSS = new URL('./peak-rss.mjs', import.meta.url).href;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** runCli, plus the child's peak resident set size in MiB (getrusage, read at its exit: peak-rss.mjs). */
export async function runCliMeasured(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<CliResult & { peakRssMiB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'quietlist-rss-'));
  const file = join(dir, 'peak');
  try {
    const result = await runCli(args, {
      ...options,
      nodeArgs: ['--import', PEAK_RSS],
      env: { ...options.env, QUIETLIST_TEST_PEAK_RSS_FILE: file },
    });
    return { ...result, peakRssMiB: Number(readFileSync(file, 'utf8')) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
