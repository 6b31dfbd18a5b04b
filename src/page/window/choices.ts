/**
 * What the page asks the person before a scrub: the phone columns of the chosen file (one box per
 * column, the ones the command line would check already ticked), and the plan when today's quota
 * covers only part of the file (how many rows today, when the rest, and a button to go on).
 */
import { PAGE_IDS, type PageElementId, PHONE_COLUMN_FIELD } from '../shared/element-ids.ts';
import type { WorkerResponse } from '../shared/worker-protocol.ts';
import type { InspectedFile } from '../web-worker/scrub.ts';
import type { Message, PageText } from './page-text.ts';

const $ = <T = HTMLElement>(id: PageElementId) => document.getElementById(id) as unknown as T;

/** One checkbox per column, the phone columns the CLI would check already ticked. */
export function showColumns(text: PageText, file: InspectedFile): void {
  const choices = $(PAGE_IDS.columnChoices);
  choices.replaceChildren(
    ...file.columns.map((name, index) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = PHONE_COLUMN_FIELD;
      box.id = `${PHONE_COLUMN_FIELD}-${index}`;
      box.value = String(index);
      box.checked = file.suggested.includes(index);
      const caption = document.createElement('span');
      if (name.trim() === '') text.say(caption, { key: 'columnUnnamed', values: { n: index + 1 } });
      else caption.textContent = name;
      // appendChild: the Workers types merged into this project redeclare Element.append.
      label.appendChild(box);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(caption);
      return label;
    }),
  );
  const found = file.suggested.map((index) => file.columns[index]!).filter((name) => name.trim() !== '');
  const foundLine = $(PAGE_IDS.columnsFound);
  if (found.length > 0) text.say(foundLine, { key: 'columnsFound', values: { names: found.join(', ') } });
  else text.say(foundLine);
  $(PAGE_IDS.columns).hidden = false;
}

export function chosenColumns(): number[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[name=${PHONE_COLUMN_FIELD}]:checked`)].map(
    (box) => Number(box.value),
  );
}

export function hidePlan(): void {
  $(PAGE_IDS.plan).hidden = true;
}

export function showPlan(text: PageText, plan: Extract<WorkerResponse, { type: 'plan' }>['plan']): void {
  const messages: Message[] = [];
  const resume = { dateTime: plan.resumesAt ?? new Date().toISOString() };
  if (plan.rowsToday === 0 && plan.budget === 0) {
    messages.push({ key: 'planNothing', values: { resume } });
  } else {
    messages.push({ key: 'planNeeded', values: { needed: plan.needed, remaining: plan.remaining } });
    const rest = plan.rows - plan.rowsToday;
    messages.push({ key: 'planToday', values: { rowsToday: plan.rowsToday, rows: plan.rows, rest, resume } });
    if (plan.moreDays > 0) messages.push({ key: 'planMoreDays', values: { days: plan.moreDays } });
  }
  text.say($(PAGE_IDS.planText), ...messages);
  const go = $<HTMLButtonElement>(PAGE_IDS.planContinue);
  text.say(go, { key: 'planContinue', values: { rowsToday: plan.rowsToday } });
  go.hidden = plan.budget === 0;
  $(PAGE_IDS.plan).hidden = false;
}
