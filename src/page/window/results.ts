/**
 * What the page shows after a scrub: the files to download (the clean one, the listed rows, the
 * rejects, the rows not checked yet, the receipt), what was done with cells a spreadsheet would run as
 * formulas, the reasons rows were rejected, in the person's
 * language, and the summary line: done, or stopped with why and when to go on.
 */
import { DOWNLOAD_LINKS, PAGE_IDS, type PageElementId } from '../shared/element-ids.ts';
import { PAGE_STRINGS } from '../shared/strings/index.ts';
import type { PageScrubResult } from '../web-worker/scrub.ts';
import type { Message, PageText } from './page-text.ts';

const $ = <T = HTMLElement>(id: PageElementId) => document.getElementById(id) as unknown as T;
const blobUrls: string[] = [];

export function hideResults(): void {
  $(PAGE_IDS.downloads).hidden = true;
  $(PAGE_IDS.reasons).hidden = true;
  for (const url of blobUrls.splice(0)) URL.revokeObjectURL(url);
}

function offer(kind: keyof typeof DOWNLOAD_LINKS, file: PageScrubResult['clean'] | undefined): void {
  const link = $<HTMLAnchorElement>(DOWNLOAD_LINKS[kind].link);
  const item = link.parentElement!;
  item.hidden = file === undefined;
  if (!file) return;
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
  blobUrls.push(url);
  link.href = url;
  link.download = file.name;
  $(DOWNLOAD_LINKS[kind].name).textContent = ` (${file.name})`;
}

export function showResults(text: PageText, result: PageScrubResult, mode: 'drop' | 'flag'): void {
  offer('clean', result.clean);
  const main = $(PAGE_IDS.downloadClean);
  main.dataset.i18n =
    mode === 'flag' ? 'downloadFlagged' : result.partial ? 'downloadCleanPartial' : 'downloadClean';
  offer('listed', result.listed);
  offer('rejects', result.rejects);
  offer('unchecked', result.unchecked);
  offer('receipt', result.receipt);
  $(PAGE_IDS.receiptStamped).hidden = !result.stamped;
  $(PAGE_IDS.receiptLater).hidden = result.receipt !== undefined;
  // A live list: the additions signed since its last build were checked too, up to the one named.
  const live = $(PAGE_IDS.liveAdditions);
  live.hidden = result.additions === undefined;
  if (result.additions === undefined) text.say(live);
  else
    text.say(live, {
      key: 'liveAdditions',
      values: { entries: result.additions.entries, through: result.additions.through },
    });
  // Cells a spreadsheet would run as formulas: neutralised (the default), or passed as they came.
  const note = $(PAGE_IDS.formulaNote);
  note.hidden = result.formulaCells === 0;
  if (result.formulaCells === 0) text.say(note);
  else
    text.say(note, {
      key: result.excelSafe ? 'formulasNeutralised' : 'formulasKept',
      values: { cells: result.formulaCells },
    });
  $(PAGE_IDS.downloads).hidden = false;
  showReasons(text, result.invalidByReason);
  text.render();
}

/** The reasons of the rejected rows, most frequent first, in the page's language. */
export function showReasons(text: PageText, invalidByReason: Record<string, number> | undefined): void {
  const list = $(PAGE_IDS.reasonList);
  const section = $(PAGE_IDS.reasons);
  const entries = Object.entries(invalidByReason ?? {}).sort((a, b) => b[1] - a[1]);
  section.hidden = entries.length === 0;
  const reasons = PAGE_STRINGS[text.language].reasons as Record<string, string>;
  list.replaceChildren(
    ...entries.map(([reason, count]) => {
      const item = document.createElement('li');
      item.dataset.reason = reason;
      item.textContent = text.t('reasonLine', { count, reason: reasons[reason] ?? reason });
      return item;
    }),
  );
}

/** The summary of a scrub: its counts when done; when stopped, what was checked, why, and when to go on. */
export function summary(result: PageScrubResult): Message[] {
  const { counts, partial } = result;
  if (!partial) return [{ key: 'done', values: { ...counts } }];
  const messages: Message[] = [
    {
      key: 'stopped',
      values: {
        checked: partial.total - partial.unchecked,
        total: partial.total,
        unchecked: partial.unchecked,
      },
    },
  ];
  messages.push(partial.stoppedBy ? { problem: partial.stoppedBy } : { key: 'stoppedQuota' });
  messages.push(
    partial.resumesAt
      ? { key: 'resumeAt', values: { time: { dateTime: partial.resumesAt } } }
      : { key: 'resumeLater' },
  );
  messages.push({ key: partial.kept ? 'keptNote' : 'notKeptNote' });
  return messages;
}
