/**
 * The scrub page's script (bundled to /assets/scrub-page.js): the language switch, copy buttons, and
 * the form that hands the chosen file to the Web Worker (page/web-worker/main.ts) and offers its results as
 * downloads. It makes no request itself; the worker talks to this page's own server only.
 */

import {
  DOWNLOAD_LINKS,
  OUTPUT_MODE_FIELD,
  PAGE_ASSETS,
  PAGE_IDS,
  type PageElementId,
} from '../shared/element-ids.ts';
import {
  fill,
  PAGE_STRINGS,
  type PageLanguage,
  type PageStrings,
  pickLanguage,
} from '../shared/strings/index.ts';
import type { WorkerRequest, WorkerResponse } from '../shared/worker-protocol.ts';
import type { EpochTransfer } from '../web-worker/epoch-download.ts';
import type { PageScrubResult } from '../web-worker/scrub.ts';

type Key = keyof PageStrings;
type Values = Record<string, string | number>;
type Message = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const $ = <T = HTMLElement>(id: PageElementId) => document.getElementById(id) as unknown as T;
const app = $(PAGE_IDS.app);
const publicKey = app.dataset.publicKey ?? '';
const origin = location.origin;
let language: PageLanguage = chooseLanguage();
let mode: 'open' | 'secret' | 'oprf' | undefined;
const blobUrls: string[] = [];

function chooseLanguage(): PageLanguage {
  const stored = safeStorage()?.getItem('quietlist-language');
  if (stored === 'fr' || stored === 'en') return stored;
  // The server chose from Accept-Language (the browser's own preference list); without it, navigator's.
  const served = app.dataset.lang;
  if (served === 'fr' || served === 'en') return served;
  return pickLanguage([...navigator.languages, navigator.language]);
}

function safeStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

const OPRF_BACKEND_LABELS: Record<string, string> = {
  libsodium: 'libsodium (WebAssembly)',
  noble: '@noble/curves (JavaScript)',
};

function t(key: Key, values: Values = {}): string {
  return fill(PAGE_STRINGS[language][key], values);
}

/** Shows a message in an element and remembers it, so a change of language rewrites it. */
function say(element: HTMLElement, key: Key | '', values: Values = {}): void {
  element.dataset.msg = key;
  element.dataset.values = JSON.stringify(values);
  element.textContent = key === '' ? '' : t(key, values);
}

function render(): void {
  document.documentElement.lang = language;
  document.title = t('title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as Key);
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-msg]')) {
    const key = element.dataset.msg as Key | '';
    element.textContent = key === '' ? '' : t(key, JSON.parse(element.dataset.values ?? '{}') as Values);
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === language));
  }
  const none = $<HTMLSelectElement>(PAGE_IDS.column).querySelector<HTMLOptionElement>('option[value=""]');
  if (none) none.textContent = t('columnNone');
}

// The worker: one request at a time per id, answers matched by id.
const worker = new Worker(app.dataset.worker ?? PAGE_ASSETS.worker, { type: 'module' });
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (r: WorkerResponse) => void;
    reject: (e: Error) => void;
    progress?: (r: WorkerResponse & { type: 'progress' }) => void;
  }
>();
worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
  const response = event.data;
  const waiting = pending.get(response.id);
  if (!waiting) return;
  if (response.type === 'progress') return waiting.progress?.(response);
  pending.delete(response.id);
  if (response.type === 'error') waiting.reject(new Error(response.message));
  else waiting.resolve(response);
};
function ask(
  message: Message,
  progress?: (r: WorkerResponse & { type: 'progress' }) => void,
  transfer: Transferable[] = [],
): Promise<WorkerResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, progress });
    worker.postMessage({ ...message, id } as WorkerRequest, transfer);
  });
}

function apiKey(): string | undefined {
  const value = $<HTMLInputElement>(PAGE_IDS.apiKey).value.trim();
  return value === '' ? undefined : value;
}

async function loadEpoch(): Promise<void> {
  const status = $(PAGE_IDS.epochStatus);
  say(status, 'epochLoading');
  try {
    const answer = await ask({ type: 'epoch', origin, publicKey, apiKey: apiKey() }, (p) =>
      say(status, 'epochProgress', { done: p.done, total: p.total }),
    );
    if (answer.type !== 'epoch') return;
    mode = answer.mode;
    say(status, 'epochReady', {
      epoch: answer.epoch,
      built: answer.createdAt.slice(0, 10),
      entries: answer.entries.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US'),
      mode: answer.mode,
    });
    showTransfer(answer.transfer);
    showMode();
  } catch (error) {
    say(status, 'epochFailed', { message: (error as Error).message });
    // A server with private downloads: a key may open them.
    $(PAGE_IDS.apiKeyRow).hidden = false;
  }
}

/** What this visit downloaded, and what the browser's list cache saved (page/web-worker/epoch-download.ts). */
function showTransfer(transfer: EpochTransfer): void {
  const element = $(PAGE_IDS.epochTransfer);
  const { reused, patched, downloaded } = transfer;
  const values = { reused, patched, downloaded, size: byteSize(transfer.bytes) };
  const fresh = transfer.reused === 0 && transfer.patched === 0;
  say(element, !transfer.cached ? 'transferNotKept' : fresh ? 'transferFresh' : 'transferUpdated', values);
}

/** Bytes as "120 KB" / "1.4 MB" (units of 1000, as browsers and file managers show downloads). */
function byteSize(bytes: number): string {
  const locale = language === 'fr' ? 'fr-FR' : 'en-US';
  const [value, unit] =
    bytes >= 1e6
      ? [bytes / 1e6, language === 'fr' ? 'Mo' : 'MB']
      : [bytes / 1e3, language === 'fr' ? 'ko' : 'KB'];
  return `${value.toLocaleString(locale, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${unit}`;
}

function showMode(): void {
  const privacy = $(PAGE_IDS.privacy);
  say(privacy, mode === 'oprf' ? 'privacyOprf' : mode === 'secret' ? 'privacySecret' : 'privacyOpen');
  $(PAGE_IDS.apiKeyRow).hidden = mode !== 'oprf';
  $<HTMLButtonElement>(PAGE_IDS.scrubButton).disabled = mode === 'secret';
}

async function chooseFile(): Promise<void> {
  const input = $<HTMLInputElement>(PAGE_IDS.file);
  const select = $<HTMLSelectElement>(PAGE_IDS.column);
  const status = $(PAGE_IDS.fileStatus);
  hideDownloads();
  select.replaceChildren();
  select.disabled = true;
  const chosen = input.files?.[0];
  if (!chosen) return say(status, '');
  try {
    const bytes = await chosen.arrayBuffer();
    const answer = await ask({ type: 'inspect', name: chosen.name, bytes }, undefined, [bytes]);
    if (answer.type !== 'inspect') return;
    const { file } = answer;
    const none = new Option(t('columnNone'), '');
    select.add(none);
    file.columns.forEach((name, index) => {
      select.add(
        new Option(name === '' ? `#${index + 1}` : name, String(index), false, index === file.suggested),
      );
    });
    select.disabled = false;
    const format =
      file.format === 'csv'
        ? `CSV (${file.encoding}, "${file.delimiter === '\t' ? 'tab' : file.delimiter}")`
        : `.${file.format}`;
    say(status, 'fileRead', { format, columns: file.columns.length });
  } catch (error) {
    say(status, 'failed', { message: (error as Error).message });
  }
}

function hideDownloads(): void {
  $(PAGE_IDS.downloads).hidden = true;
  for (const url of blobUrls.splice(0)) URL.revokeObjectURL(url);
}

function offer(kind: keyof typeof DOWNLOAD_LINKS, file: PageScrubResult['clean']): void {
  const link = $<HTMLAnchorElement>(DOWNLOAD_LINKS[kind].link);
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
  blobUrls.push(url);
  link.href = url;
  link.download = file.name;
  $(DOWNLOAD_LINKS[kind].name).textContent = ` (${file.name})`;
}

async function scrub(event: Event): Promise<void> {
  event.preventDefault();
  const status = $(PAGE_IDS.scrubStatus);
  const column = $<HTMLSelectElement>(PAGE_IDS.column).value;
  if (!$<HTMLInputElement>(PAGE_IDS.file).files?.[0]) return say(status, 'noFile');
  if (column === '') return say(status, 'noColumn');
  if (mode === 'oprf' && !apiKey()) return say(status, 'needKey');
  hideDownloads();
  delete status.dataset.oprfBackend;
  const button = $<HTMLButtonElement>(PAGE_IDS.scrubButton);
  button.disabled = true;
  say(status, 'scrubbing', { rows: 0 });
  try {
    const checked = document.querySelector<HTMLInputElement>(`input[name=${OUTPUT_MODE_FIELD}]:checked`);
    const outputMode = checked?.value === 'flag' ? 'flag' : 'drop';
    const excelSafe = $<HTMLInputElement>(PAGE_IDS.excelSafe).checked;
    const answer = await ask(
      {
        type: 'scrub',
        column: Number(column),
        mode: outputMode,
        excelSafe,
        origin,
        publicKey,
        apiKey: apiKey(),
      },
      (p) =>
        p.stage === 'scrub'
          ? say(status, 'scrubbing', { rows: p.done })
          : say($(PAGE_IDS.epochStatus), 'epochProgress', { done: p.done, total: p.total }),
    );
    if (answer.type !== 'scrub') return;
    const { result } = answer;
    if (mode === undefined) void loadEpoch();
    offer('clean', result.clean);
    const main = $(PAGE_IDS.downloadClean);
    main.dataset.i18n = outputMode === 'flag' ? 'downloadFlagged' : 'downloadClean';
    main.textContent = t(main.dataset.i18n as Key);
    offer('listed', result.listed);
    offer('rejects', result.rejects);
    offer('receipt', result.receipt);
    $(PAGE_IDS.receiptStamped).hidden = result.warnings.length > 0 || mode !== 'oprf';
    const note = $(PAGE_IDS.formulaNote);
    note.hidden = result.formulaCells === 0;
    say(note, result.formulaCells === 0 ? '' : result.excelSafe ? 'formulasNeutralised' : 'formulasKept', {
      cells: result.formulaCells,
    });
    $(PAGE_IDS.downloads).hidden = false;
    // Which OPRF backend blinded (libsodium's WebAssembly, or noble when WebAssembly is refused).
    if (result.oprfBackend) {
      status.dataset.oprfBackend = result.oprfBackend;
      say(status, 'doneOprf', {
        ...result.counts,
        backend: OPRF_BACKEND_LABELS[result.oprfBackend] ?? result.oprfBackend,
      });
    } else say(status, 'done', { ...result.counts });
  } catch (error) {
    say(status, 'failed', { message: (error as Error).message });
  } finally {
    button.disabled = mode === 'secret';
  }
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const source = document.getElementById(button.dataset.copy ?? '') as HTMLElement;
  const text = source.textContent ?? '';
  const selection = getSelection();
  selection?.selectAllChildren(source);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    document.execCommand('copy');
  }
  const label = button.dataset.i18n as Key;
  button.textContent = t('copied');
  setTimeout(() => {
    button.textContent = t(label);
  }, 1500);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
  button.addEventListener('click', () => {
    language = button.dataset.setLang === 'fr' ? 'fr' : 'en';
    safeStorage()?.setItem('quietlist-language', language);
    render();
  });
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
  button.addEventListener('click', () => void copy(button));
}
$(PAGE_IDS.file).addEventListener('change', () => void chooseFile());
$(PAGE_IDS.form).addEventListener('submit', (event) => void scrub(event));
render();
void loadEpoch();
