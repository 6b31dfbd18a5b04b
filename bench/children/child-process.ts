/**
 * Runs one measured piece in a fresh Node process (same binary, same flags), so its peak RSS is its
 * own and every piece starts from the same state. The parent sends the task as argv JSON; the child
 * answers with one IPC message.
 */
import { fork } from 'node:child_process';

export function runInChild<Task, Outcome>(script: URL, task: Task): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let outcome: { ok: true; value: Outcome } | { ok: false; message: string } | undefined;
    child.on('message', (message) => {
      outcome = message as typeof outcome;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (outcome?.ok) resolve(outcome.value);
      else if (outcome) reject(new Error(`${script.pathname}: ${outcome.message}`));
      else reject(new Error(`${script.pathname} exited (code ${code}, signal ${signal}) without a result`));
    });
  });
}

/** The child side: reads the task, runs it, sends the outcome, exits. */
export function serveChild<Task, Outcome>(run: (task: Task) => Promise<Outcome>): void {
  const send = (message: unknown) =>
    new Promise<void>((resolve) => {
      if (process.send) process.send(message, undefined, {}, () => resolve());
      else {
        console.log(JSON.stringify(message, null, 2));
        resolve();
      }
    });
  const task = JSON.parse(process.argv[2] ?? 'null') as Task;
  run(task)
    .then((value) => send({ ok: true, value }))
    .catch((error: unknown) =>
      send({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .finally(() => process.disconnect?.());
}
