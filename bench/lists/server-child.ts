/**
 * The API as `quietlist serve` runs it (startApiServer over a file:// store, the SQLite quota and the
 * SQLite additions sequencer in a state directory, default coalescing and refresh), in its own
 * process so that its CPU time is its own. The store is wrapped to count R2-class operations and
 * bytes written. Messages: the parent receives `{ url }` once listening; it sends `'stats'` and gets
 * `{ cpuMicros, counts }` back (CPU of the whole process: user + system, every thread).
 */
import { SqliteSequencer } from '../../src/api/additions/sqlite-sequencer.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import { SqliteQuotaCounter } from '../../src/api/quota/sqlite.ts';
import { startApiServer } from '../../src/cli/commands/serve.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { CountingStore, type StoreCounts } from './counting-store.ts';

export interface ServerChildTask {
  storeDirectory: string;
  stateDirectory: string;
  /** Settings as the environment would give them (parseApiConfig). */
  settings: Record<string, string>;
}

export type ServerChildMessage =
  | { type: 'listening'; url: string }
  | { type: 'stats'; cpuMicros: number; counts: StoreCounts };

const task = JSON.parse(process.argv[2] ?? 'null') as ServerChildTask;
const store = new CountingStore(new FileStore(task.storeDirectory));
const config = parseApiConfig(task.settings);
const quotas = new SqliteQuotaCounter(task.stateDirectory);
const additions = new SqliteSequencer({
  stateDirectory: task.stateDirectory,
  store,
  key: config.additionsKey!,
  coalesceMs: config.additionsCoalesceMs,
});
const server = await startApiServer(
  // Audit lines as serve writes them (stdout), which the parent discards: their cost is counted.
  { store, config, quotas, additions },
  { port: 0, host: '127.0.0.1' },
);
const send = (message: ServerChildMessage) => process.send?.(message);
send({ type: 'listening', url: server.url });
process.on('message', (message) => {
  if (message !== 'stats') return;
  const { user, system } = process.cpuUsage();
  send({ type: 'stats', cpuMicros: user + system, counts: { ...store.counts } });
});
process.on('disconnect', () => {
  void server.close().then(() => {
    quotas.close();
    additions.close();
    process.exit(0);
  });
});
