/**
 * The client's OPRF work, blinding and finalising, behind one small interface so that it can run on
 * this thread (the browser page's Web Worker, small checks) or on every core (oprf-threads.ts, Node).
 * The blinds never leave the place that drew them: a batch is known outside by a ticket, and the
 * same place verifies the proof and unblinds it. Runtime-neutral.
 */
import type { BlindEvaluation, BlindedBatch, OprfBackend } from '../../oprf/types.ts';

export interface BlindedTicket {
  ticket: number;
  /** What goes to the worker, in input order. */
  blindedElements: Uint8Array[];
}

export interface OprfClientCrypto {
  /** How many batches it works on at once (threads). */
  readonly parallelism: number;
  /**
   * Blinds a flat list of inputs (each reading of each number is one input); with `info`, for the
   * POPRF under that public input (a partitioned epoch: the inputs' partition, docs/FORMAT.md §1.4).
   */
  blind(inputs: readonly string[], info?: Uint8Array): Promise<BlindedTicket>;
  /** Verifies the worker's proof for the ticket's batch and unblinds: one 64-byte output per input. */
  finalize(ticket: number, evaluation: BlindEvaluation): Promise<Uint8Array[]>;
  /** Forgets a batch that will not be finalised (its request failed). */
  release(ticket: number): void;
  close(): Promise<void>;
}

const utf8 = new TextEncoder();

/**
 * The batches blinded in one place and not yet finalised. `info` (POPRF) is given per batch (a batch
 * is one partition's), or once for the session.
 */
export class BlindingSession {
  readonly #backend: OprfBackend;
  readonly #publicKey: Uint8Array;
  readonly #info: Uint8Array | undefined;
  readonly #open = new Map<number, { inputs: Uint8Array[]; blinded: BlindedBatch }>();

  constructor(backend: OprfBackend, publicKey: Uint8Array, info?: Uint8Array) {
    this.#backend = backend;
    this.#publicKey = publicKey;
    this.#info = info;
  }

  get backendName(): string {
    return this.#backend.name;
  }

  blind(ticket: number, texts: readonly string[], info: Uint8Array | undefined = this.#info): Uint8Array[] {
    const inputs = texts.map((text) => utf8.encode(text));
    const blinded = this.#backend.blind(inputs, info === undefined ? {} : { info });
    this.#open.set(ticket, { inputs, blinded });
    return blinded.blindedElements;
  }

  finalize(ticket: number, evaluation: BlindEvaluation): Uint8Array[] {
    const open = this.#open.get(ticket);
    if (open === undefined) throw new Error(`OPRF batch ${ticket} is not open`);
    this.#open.delete(ticket);
    try {
      return this.#backend.finalize(open.inputs, open.blinded, evaluation, this.#publicKey);
    } finally {
      for (const blind of open.blinded.blinds) blind.fill(0);
    }
  }

  release(ticket: number): void {
    const open = this.#open.get(ticket);
    this.#open.delete(ticket);
    for (const blind of open?.blinded.blinds ?? []) blind.fill(0);
  }
}

/** The client's OPRF work on this thread. */
export function inProcessCrypto(
  backend: OprfBackend,
  publicKey: Uint8Array,
  info?: Uint8Array,
): OprfClientCrypto {
  const session = new BlindingSession(backend, publicKey, info);
  let next = 0;
  return {
    parallelism: 1,
    async blind(inputs, batchInfo) {
      const ticket = next++;
      return { ticket, blindedElements: session.blind(ticket, inputs, batchInfo ?? info) };
    },
    async finalize(ticket, evaluation) {
      return session.finalize(ticket, evaluation);
    },
    release: (ticket) => session.release(ticket),
    async close() {},
  };
}
