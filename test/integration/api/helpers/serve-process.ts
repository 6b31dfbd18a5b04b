/** `quietlist serve` as a real process (what an operator runs), started and stopped by a test. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('../../../../src/cli/commands/serve.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export interface ServeProcess {
  url: string;
  /** What the process wrote on stdout (audit and alert lines, one JSON object per line). */
  stdoutLines(): string[];
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `serve` with `args` (give it --store, --public-key, --state-dir); resolves once it listens. */
export async function startServe(args: string[]): Promise<ServeProcess> {
  const script = `import { runCommand } from 'citty'; import { serveCommand } from ${JSON.stringify(SERVE)};
    await runCommand(serveCommand, { rawArgs: process.argv.slice(1) });`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--input-type=module', '-e', script, '--', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT },
  );
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk) => {
      stderr += chunk.toString();
      const match = /quietlist API on (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}):\n${stderr}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    stdoutLines: () => stdout.split('\n').filter((line) => line.length > 0),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
