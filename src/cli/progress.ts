/** A one-line progress display on stderr, only when stderr is a terminal (never in cron logs). */
export function createProgress(label: string): { update(text: string): void; done(): void } {
  if (!process.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  const started = Date.now();
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      process.stderr.write(`\r${label}: ${text} (${((now - started) / 1000).toFixed(0)} s)\u001b[K`);
    },
    done() {
      process.stderr.write('\r\u001b[K');
    },
  };
}
