/** Starts bench/lists/server-child.ts (the API as serve runs it) and talks to it over IPC. */
import { fork } from 'node:child_process';
import type { StoreCounts } from './counting-store.ts';
import type { ServerChildMessage, ServerChildTask } from './server-child.ts';

export interface ServerStats {
  cpuMicros: number;
  counts: StoreCounts;
}

export interface BenchServer {
  url: string;
  pid: number;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export function startServerChild(task: ServerChildTask): Promise<BenchServer> {
  const script = new URL('./server-child.ts', import.meta.url);
  // Audit lines (stdout) are discarded; errors (stderr) are shown.
  const child = fork(script, [JSON.stringify(task)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API child exited (code ${code}) before listening`)));
    child.once('message', (message: ServerChildMessage) => {
      if (message.type !== 'listening') return reject(new Error('the API child said something else first'));
      resolve({
        url: message.url,
        pid: child.pid!,
        stats: () =>
          new Promise((answer) => {
            const listener = (reply: ServerChildMessage) => {
              if (reply.type !== 'stats') return;
              child.off('message', listener);
              answer({ cpuMicros: reply.cpuMicros, counts: reply.counts });
            };
            child.on('message', listener);
            child.send('stats');
          }),
        stop: async () => {
          child.disconnect();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
