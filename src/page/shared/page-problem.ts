/**
 * What went wrong, as the page's Web Worker tells the page: never an English sentence, but a key the
 * page turns into the person's language (strings/<language>.ts): an API error code (the one table,
 * core/api-errors.ts) or one of the page's own problems (a PDF chosen, no connection…). `detail` keeps
 * the technical message for the browser's console and a data attribute; it is never shown as text.
 */
import type { ApiErrorCode } from '../../core/api-errors.ts';
import type { ProblemKey } from './strings/en.ts';

export type PageProblem = (
  | { kind: 'api'; code: ApiErrorCode /** QUOTA_EXCEEDED: when it resets (ISO 8601). */; until?: string }
  | { kind: 'problem'; key: ProblemKey }
) & { detail?: string };
