/**
 * The scrub page's script (bundled to /assets/scrub-page.js): the language switch, the file and its
 * phone columns, the progress (the file read, then rows done of the total), the plan when today's
 * quota covers only part of the file, and the results. It makes no request itself; its Web Worker
 * (page/web-worker/main.ts) talks to this page's own server only.
 */

import { looksLikeApiKey } from '../shared/api-key-shape.ts';
import {
  LANGUAGE_PARAMETER,
  OUTPUT_MODE_FIELD,
  PAGE_ASSETS,
  PAGE_IDS,
  type PageElementId,
} from '../shared/element-ids.ts';
import { isPageLanguage, type PageLanguage } from '../shared/strings/index.ts';
import type { ProgressStage } from '../shared/worker-protocol.ts';
import type { EpochTransfer } from '../web-worker/epoch-download.ts';
import type { PageScrubResult } from '../web-worker/scrub.ts';
import { chosenColumns, hidePlan, showColumns, showPlan } from './choices.ts';
import { PageText } from './page-text.ts';
import { hideResults, showReasons, showResults, summary } from './results.ts';
import { chosenScope, showPartitions, showScopes } from './scope-choices.ts';
import { connectWorker, type Progress, problemOf } from './worker-link.ts';

const $ = <T = HTMLElement>(id: PageElementId) => document.getElementById(id) as unknown as T;
const app = $(PAGE_IDS.app);
const publicKey = app.dataset.publicKey ?? '';
const origin = location.origin;
const text = new PageText(
  app.dataset.lang,
  (app.dataset.languages ?? 'en').split(' ').filter(isPageLanguage),
  app.dataset.locale,
);
const ask = connectWorker(app.dataset.worker ?? PAGE_ASSETS.worker);
let mode: 'open' | 'secret' | 'oprf' | undefined;
let lastResult: PageScrubResult | undefined;

function apiKey(): string | undefined {
  const value = $<HTMLInputElement>(PAGE_IDS.apiKey).value.trim();
  return value === '' ? undefined : value;
}

async function loadEpoch(): Promise<void> {
  const status = $(PAGE_IDS.epochStatus);
  text.say(status, { key: 'listLoading' });
  try {
    const answer = await ask({ type: 'epoch', origin, publicKey, apiKey: apiKey() }, (p) =>
      text.say(status, { key: 'listProgress', values: { percent: { percent: [p.done, p.total] } } }),
    );
    if (answer.type !== 'epoch') return;
    mode = answer.mode;
    text.setCountry(answer.country);
    status.dataset.epoch = answer.epoch;
    text.say(status, {
      key: 'listReady',
      values: { date: { date: answer.createdAt }, entries: answer.entries },
    });
    text.say($(PAGE_IDS.listIdentifier), { key: 'listIdentifier', values: { epoch: answer.epoch } });
    showTransfer(answer.transfer);
    showMode();
    showScopes(text, answer.scopes);
    showPartitions(text, answer.partitions);
  } catch (error) {
    text.say(status, { key: 'listFailed' }, { problem: problemOf(error) });
    // A server with private downloads: a key may open them.
    $(PAGE_IDS.apiKeyRow).hidden = false;
  }
}

/** What this visit downloaded, and what the browser's list cache saved (page/web-worker/epoch-download.ts). */
function showTransfer(transfer: EpochTransfer): void {
  const size = { bytes: transfer.bytes };
  const unchanged = transfer.cached && transfer.downloaded === 0 && transfer.patched === 0;
  const fresh = transfer.reused === 0 && transfer.patched === 0;
  const key = !transfer.cached
    ? 'transferNotKept'
    : unchanged
      ? 'transferSame'
      : fresh
        ? 'transferFresh'
        : 'transferUpdated';
  const element = $(PAGE_IDS.epochTransfer);
  Object.assign(element.dataset, {
    reused: transfer.reused,
    patched: transfer.patched,
    downloaded: transfer.downloaded,
    bytes: transfer.bytes,
  });
  text.say(element, { key, values: { size } });
}

function showMode(): void {
  const key = mode === 'oprf' ? 'privacyOprf' : mode === 'secret' ? 'privacySecret' : 'privacyOpen';
  text.say($(PAGE_IDS.privacy), { key });
  $(PAGE_IDS.apiKeyRow).hidden = mode !== 'oprf';
  $<HTMLButtonElement>(PAGE_IDS.scrubButton).disabled = mode === 'secret';
}

const KIND_KEY = { csv: 'kindCsv', xlsx: 'kindXlsx', ods: 'kindOds' } as const;

async function chooseFile(): Promise<void> {
  const input = $<HTMLInputElement>(PAGE_IDS.file);
  const status = $(PAGE_IDS.fileStatus);
  hideResults();
  hidePlan();
  $(PAGE_IDS.columns).hidden = true;
  text.say($(PAGE_IDS.scrubStatus));
  delete $(PAGE_IDS.scrubStatus).dataset.outcome;
  const chosen = input.files?.[0];
  if (!chosen) return text.say(status);
  text.say(status, { key: 'fileReading' });
  try {
    const bytes = await chosen.arrayBuffer();
    const answer = await ask({ type: 'inspect', name: chosen.name, bytes }, undefined, [bytes]);
    if (answer.type !== 'inspect') return;
    const { file } = answer;
    showColumns(text, file);
    text.say(status, {
      key: 'fileRead',
      values: { kind: { word: KIND_KEY[file.format] }, rows: file.rows, columns: file.columns.length },
    });
    status.dataset.kind = file.format;
  } catch (error) {
    text.say(status, { problem: problemOf(error) });
  }
}

const STAGE_KEY: Record<
  Exclude<ProgressStage, 'epoch'>,
  'progressCount' | 'progressEvaluate' | 'progressScrub'
> = { count: 'progressCount', evaluate: 'progressEvaluate', scrub: 'progressScrub' };

function showProgress(p: Progress): void {
  if (p.stage === 'epoch') {
    text.say($(PAGE_IDS.epochStatus), {
      key: 'listProgress',
      values: { percent: { percent: [p.done, p.total] } },
    });
    return;
  }
  const bar = $<HTMLProgressElement>(PAGE_IDS.progress);
  bar.hidden = false;
  bar.value = p.total === 0 ? 100 : Math.round((100 * p.done) / p.total);
  const status = $(PAGE_IDS.scrubStatus);
  status.dataset.stage = p.stage;
  text.say(status, {
    key: STAGE_KEY[p.stage],
    values: { done: p.done, total: p.total, percent: { percent: [p.done, p.total] } },
  });
}

async function scrub(partial = false): Promise<void> {
  const status = $(PAGE_IDS.scrubStatus);
  const columns = chosenColumns();
  if (!$<HTMLInputElement>(PAGE_IDS.file).files?.[0]) return text.say(status, { key: 'noFile' });
  if (columns.length === 0) return text.say(status, { key: 'noColumn' });
  if (mode === 'oprf' && !apiKey()) return text.say(status, { key: 'needKey' });
  const key = apiKey();
  if (key !== undefined && !looksLikeApiKey(key)) {
    status.dataset.outcome = 'failed';
    return text.say(status, { problem: { kind: 'problem', key: 'keyMalformed' } });
  }
  hideResults();
  hidePlan();
  // This run's outcome is not known yet: the last run's must not be read as this one's.
  delete status.dataset.outcome;
  delete status.dataset.oprfBackend;
  const button = $<HTMLButtonElement>(PAGE_IDS.scrubButton);
  button.disabled = true;
  const bar = $<HTMLProgressElement>(PAGE_IDS.progress);
  try {
    const checked = document.querySelector<HTMLInputElement>(`input[name=${OUTPUT_MODE_FIELD}]:checked`);
    const outputMode = checked?.value === 'flag' ? 'flag' : 'drop';
    const scope = chosenScope();
    const request = {
      type: 'scrub',
      columns,
      ...(scope ? { scope } : {}),
      mode: outputMode,
      partial,
      excelSafe: $<HTMLInputElement>(PAGE_IDS.excelSafe).checked,
      origin,
      publicKey,
      apiKey: apiKey(),
    };
    const answer = await ask(request as Parameters<typeof ask>[0], showProgress);
    bar.hidden = true;
    if (answer.type === 'plan') {
      text.say(status);
      return showPlan(text, answer.plan);
    }
    if (answer.type !== 'scrub') return;
    const { result } = answer;
    lastResult = result;
    if (mode === undefined) void loadEpoch();
    showResults(text, result, outputMode);
    // Which OPRF backend blinded (libsodium's WebAssembly, or noble when WebAssembly is refused).
    if (result.oprfBackend) status.dataset.oprfBackend = result.oprfBackend;
    status.dataset.outcome = result.partial ? 'stopped' : 'done';
    text.say(status, ...summary(result));
  } catch (error) {
    bar.hidden = true;
    status.dataset.outcome = 'failed';
    text.say(status, { key: 'failed' }, { problem: problemOf(error) });
  } finally {
    button.disabled = mode === 'secret';
  }
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const source = document.getElementById(button.dataset.copy ?? '') as HTMLElement;
  const value = source.textContent ?? '';
  getSelection()?.selectAllChildren(source);
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    document.execCommand('copy');
  }
  const label = button.dataset.i18n;
  button.textContent = text.t('copied');
  setTimeout(() => {
    if (label) button.textContent = text.t(label as Parameters<typeof text.t>[0]);
  }, 1500);
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-set-lang]')) {
  link.addEventListener('click', (event) => {
    const language = link.dataset.setLang;
    if (!isPageLanguage(language)) return;
    event.preventDefault();
    switchLanguage(language);
  });
}

function switchLanguage(language: PageLanguage): void {
  text.switchTo(language);
  const url = new URL(location.href);
  url.searchParams.set(LANGUAGE_PARAMETER, language);
  history.replaceState(null, '', url);
  text.render();
  if (lastResult) showReasons(text, lastResult.invalidByReason);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
  button.addEventListener('click', () => void copy(button));
}
$(PAGE_IDS.file).addEventListener('change', () => void chooseFile());
$(PAGE_IDS.form).addEventListener('submit', (event) => {
  event.preventDefault();
  void scrub();
});
$(PAGE_IDS.planContinue).addEventListener('click', () => void scrub(true));
$(PAGE_IDS.planCancel).addEventListener('click', () => hidePlan());
text.render();
void loadEpoch();
