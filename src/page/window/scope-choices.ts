/**
 * What a register sold or answered per part asks of the page (docs/FORMAT.md §1.3, §1.4): a scoped
 * register (es-robinson) shows a channel and a sector to choose, "any" first and chosen (a number
 * opted out of anything is then kept out: the safe default), and every phone column is checked in the
 * scope chosen; a partitioned one (us-dnc) says which parts the access key covers, the only ones
 * downloaded. Both are hidden for other registers.
 */
import { builtinProfile } from '../../core/registers/builtin-profiles.ts';
import type { RegisterScopes } from '../../core/registers/profile.ts';
import { PAGE_IDS, type PageElementId } from '../shared/element-ids.ts';
import type { PageKey } from '../shared/strings/en.ts';
import type { PageText } from './page-text.ts';

const $ = <T = HTMLElement>(id: PageElementId) => document.getElementById(id) as unknown as T;

/**
 * The page's own words for the built-in Lista Robinson scopes, in every language. A profile file that
 * names a code otherwise keeps its own name (it may mean something else by it).
 */
const BUILTIN_SCOPE_KEYS: Readonly<Record<string, PageKey>> = {
  call: 'scopeChannelCall',
  sms: 'scopeChannelSms',
  email: 'scopeChannelEmail',
  post: 'scopeChannelPost',
  energy: 'scopeSectorEnergy',
  telecoms: 'scopeSectorTelecoms',
  finance: 'scopeSectorFinance',
  insurance: 'scopeSectorInsurance',
  retail: 'scopeSectorRetail',
  travel: 'scopeSectorTravel',
  automotive: 'scopeSectorAutomotive',
  media: 'scopeSectorMedia',
  education: 'scopeSectorEducation',
  health: 'scopeSectorHealth',
  charity: 'scopeSectorCharity',
};
const BUILTIN_SCOPES = builtinProfile('es-robinson')?.scopes;
const BUILTIN_NAMES = new Set(
  [...(BUILTIN_SCOPES?.channels ?? []), ...(BUILTIN_SCOPES?.sectors ?? [])].map(
    (choice) => `${choice.code}\u0000${choice.name}`,
  ),
);

/** Partition ids named in the note; beyond, only their count. */
const PARTITIONS_NAMED = 12;

export function showScopes(text: PageText, scopes: RegisterScopes | undefined): void {
  $(PAGE_IDS.scopeRow).hidden = scopes === undefined;
  const fill = (id: PageElementId, choices: readonly { code: string; name: string }[]) => {
    const select = $<HTMLSelectElement>(id);
    const any = new Option('', '');
    text.say(any, { key: 'scopeAny' });
    const options = choices.map((choice) => {
      const option = new Option(choice.name, choice.code);
      const key = BUILTIN_SCOPE_KEYS[choice.code];
      if (key && BUILTIN_NAMES.has(`${choice.code}\u0000${choice.name}`)) text.say(option, { key });
      return option;
    });
    select.replaceChildren(any, ...options);
    select.disabled = choices.length === 0;
  };
  fill(PAGE_IDS.scopeChannel, scopes?.channels ?? []);
  fill(PAGE_IDS.scopeSector, scopes?.sectors ?? []);
}

/** The scope chosen, when the register has scopes (null: any). */
export function chosenScope(): { channel: string | null; sector: string | null } | undefined {
  if ($(PAGE_IDS.scopeRow).hidden) return undefined;
  const value = (id: PageElementId) => $<HTMLSelectElement>(id).value || null;
  return { channel: value(PAGE_IDS.scopeChannel), sector: value(PAGE_IDS.scopeSector) };
}

/** The parts downloaded for the access key (undefined: an unpartitioned list; null: every part). */
export function showPartitions(text: PageText, partitions: string[] | null | undefined): void {
  const note = $(PAGE_IDS.partitionsNote);
  note.hidden = !partitions;
  if (!partitions) {
    text.say(note);
    return;
  }
  const named = partitions.slice(0, PARTITIONS_NAMED).join(', ');
  const list = partitions.length > PARTITIONS_NAMED ? `${named}, …` : named;
  text.say(note, { key: 'partitionsHeld', values: { count: partitions.length, list } });
}
