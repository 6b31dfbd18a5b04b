/** Messages between the scrub page and its Web Worker (page/web-worker/main.ts). */
import type { ScrubMode } from '../../client/scrub/row-layout.ts';
import type { EpochTransfer } from '../web-worker/epoch-download.ts';
import type { InspectedFile, PageScrubResult } from '../web-worker/scrub.ts';

interface EpochSettings {
  /** The server: the page's own origin. */
  origin: string;
  /** The operator's signing key published on the page (base64). */
  publicKey: string;
  apiKey?: string;
}

export type WorkerRequest =
  | ({ id: number; type: 'epoch' } & EpochSettings)
  | { id: number; type: 'inspect'; name: string; bytes: ArrayBuffer }
  | ({
      id: number;
      type: 'scrub';
      column: number;
      mode?: ScrubMode;
      /** Outputs for Excel (client/scrub/excel-safe.ts); the page's default is true. */
      excelSafe?: boolean;
    } & EpochSettings);

export type WorkerResponse =
  | {
      id: number;
      type: 'epoch';
      epoch: string;
      createdAt: string;
      entries: number;
      mode: 'open' | 'secret' | 'oprf';
      /** What this visit took from the browser's cache and what it downloaded. */
      transfer: EpochTransfer;
    }
  | { id: number; type: 'inspect'; file: InspectedFile }
  | { id: number; type: 'scrub'; result: PageScrubResult }
  | { id: number; type: 'progress'; stage: 'epoch' | 'scrub'; done: number; total: number }
  | { id: number; type: 'error'; message: string };
