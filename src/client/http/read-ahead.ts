/**
 * Reads a response body ahead of a slower consumer (the disk) into a bounded queue. A fetch body that
 * fails (the connection dropped) discards the chunks it still held; read at once they are ours, so a
 * resumed download keeps every byte that arrived before the cut. The queue stops reading past
 * `maxQueuedBytes` until the consumer catches up, which keeps memory bounded.
 */
export interface ReadAhead extends AsyncIterable<Uint8Array> {
  /** Stops reading (the consumer gave up); what is queued is dropped. */
  cancel(): Promise<void>;
}

export function readAhead(body: ReadableStream<Uint8Array>, maxQueuedBytes = 4 << 20): ReadAhead {
  const reader = body.getReader();
  const queue: Uint8Array[] = [];
  let queued = 0;
  let ended = false;
  let failure: unknown;
  let wakeConsumer: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  const pump = (async () => {
    try {
      for (;;) {
        if (queued > maxQueuedBytes) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (ended) return;
        const read = await reader.read();
        if (read.done) return;
        queue.push(read.value);
        queued += read.value.byteLength;
        wake();
      }
    } catch (error) {
      failure = error;
    } finally {
      ended = true;
      wake();
    }
  })();
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          queued -= chunk.byteLength;
          wakeReader?.();
          wakeReader = undefined;
          yield chunk;
          continue;
        }
        if (ended) break;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
      await pump;
      if (failure !== undefined) throw failure;
    },
    async cancel() {
      ended = true;
      queue.length = 0;
      wakeReader?.();
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
