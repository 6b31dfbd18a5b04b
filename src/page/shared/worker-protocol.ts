/** Messages between the scrub page and its Web Worker (page/web-worker/main.ts). */
import type { EvaluationPlan } from '../../client/oprf/evaluation-budget.ts';
import type { ScrubMode } from '../../client/scrub/row-layout.ts';
import type { RegisterScopes } from '../../core/registers/profile.ts';
import type { EpochTransfer } from '../web-worker/epoch-download.ts';
import type { InspectedFile, PageScrubResult } from '../web-worker/scrub.ts';
import type { PageProblem } from './page-problem.ts';

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
      /** The phone columns, 0-based. */
      columns: number[];
      mode?: ScrubMode;
      /** Scoped registers: the channel and sector checked, for every phone column (null: any). */
      scope?: { channel: string | null; sector: string | null };
      /**
       * oprf mode: go on when today's quota covers only part of the file (the person agreed to the
       * plan); without it a short quota answers with the plan and spends nothing.
       */
      partial?: boolean;
      /** Outputs for Excel (client/scrub/excel-safe.ts); the page's default is true. */
      excelSafe?: boolean;
    } & EpochSettings);

export type ProgressStage = 'epoch' | 'count' | 'evaluate' | 'scrub';

export type WorkerResponse =
  | {
      id: number;
      type: 'epoch';
      epoch: string;
      createdAt: string;
      entries: number;
      mode: 'open' | 'secret' | 'oprf';
      /** The register's country (for number and date formats) and its languages, from the signed manifest. */
      country: string;
      languages: string[];
      /** Scoped registers: the channels and sectors to choose from (docs/REGISTERS.md). */
      scopes?: RegisterScopes;
      /** Partitioned registers: the partitions this key bought, downloaded (null: every one). */
      partitions?: string[] | null;
      /** What this visit took from the browser's cache and what it downloaded. */
      transfer: EpochTransfer;
    }
  | { id: number; type: 'inspect'; file: InspectedFile }
  /** Today's quota does not cover the file: what it covers, to confirm before anything is spent. */
  | { id: number; type: 'plan'; plan: EvaluationPlan }
  | { id: number; type: 'scrub'; result: PageScrubResult }
  | { id: number; type: 'progress'; stage: ProgressStage; done: number; total: number }
  | { id: number; type: 'error'; problem: PageProblem };
