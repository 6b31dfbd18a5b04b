/**
 * Live additions (issue 21): how long after the owner's POST each subscriber path answers an
 * objection "listed", and what an addition costs the operator and each subscriber.
 *
 * Two targets on 127.0.0.1, each with an open-mode live list `acme` (10,000 customers) beside a small
 * national register, default coalescing and refresh (1 s): `quietlist serve` as it runs
 * (bench/lists/serve-target.ts: file:// store, SQLite quota and sequencer, its own process) and the
 * Worker under `wrangler dev` (bench/lists/worker-target.ts: workerd, the ListSequencer Durable Object,
 * local R2). On each, 1,000 additions (200 with --quick) posted by a seeded plan, half one per POST
 * (Poisson, 10/s), half in POSTs of 25 every 2.5 s, while the call centre watches (a) `POST /v1/check`
 * and (b) the library's `pull` every 10 s then a local check (bench/lists/latency-run.ts). Then on
 * each the operator's cost per addition (a second run, no reader: bench/lists/cost-run.ts) priced with
 * Cloudflare's list prices, and on serve the subscriber's CPU to verify. About 4 minutes (--quick: 1).
 * Not measured: the scrub page, an oprf list.
 */
import { join } from 'node:path';
import { measureServe } from './lists/serve-target.ts';
import { measureWorker } from './lists/worker-target.ts';
import { type BenchSuite, checkTarget } from './support/suite.ts';

const CUSTOMERS = 10_000;

export const listsSuite: BenchSuite = {
  name: 'lists',
  description: 'live additions: POST to listed per path (p50/p99), cost per addition',
  async run(options, log) {
    const total = options.quick ? 200 : 1_000;
    const settings = { total, seed: options.seed, customers: CUSTOMERS };
    const serve = await measureServe(join(options.tempDirectory, 'serve'), settings, log);
    // A Worker that cannot start (wrangler, workerd) fails its own target; serve's results stay.
    const worker = await measureWorker(join(options.tempDirectory, 'worker'), settings, log).catch(
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log(`lists/worker: failed: ${message}`);
        return {
          measurements: [],
          targets: [checkTarget('worker: run completed', 0, '>=', 1, 'bool')],
          notes: [`worker: failed: ${message.split('\n')[0]}`],
        };
      },
    );
    return {
      measurements: [...serve.measurements, ...worker.measurements],
      targets: [...serve.targets, ...worker.targets],
      notes: [
        `${total} additions per target (seed ${options.seed}): ${total / 2} single POSTs (Poisson, 10/s), ${total / 2} in POSTs of 25 every 2.5 s; ADDITIONS_COALESCE_MS and ADDITIONS_REFRESH_MS at their default (1 s); list acme open mode, ${CUSTOMERS} customers`,
        'latency counts from the POST answer (the batch is in the store by then); (b) "without the wait": from the later of the answer and the start of the pull that brought it',
        "$ per million additions: one Worker and one Durable Object request per POST, the server's CPU (serve's process; workerd's, Durable Object included) as Worker CPU, the object active (128 MB) while a POST is in flight, R2 operations as counted on serve's store (on the Worker: the batches in the bucket, reads not counted); Durable Object SQLite rows and included allowances not counted",
        "subscriber bytes: the batches' JSON as received, headers excluded; each batch reaches a subscriber once, so bytes per addition do not depend on the pull interval",
        ...serve.notes,
        ...worker.notes,
      ],
    };
  },
};
