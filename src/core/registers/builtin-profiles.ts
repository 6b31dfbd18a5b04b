/**
 * The registers quietlist knows by name (`build --register us-dnc`). Each rule is the register's own,
 * with its source; docs/REGISTERS.md is the same table for people. An operator whose register is not
 * here, or whose rules differ, writes a profile file of the same shape (profile.ts).
 *
 * Rescrub windows: US 16 CFR 310.4(b)(3)(iv) (31 days), Canada's Unsolicited Telecommunications Rules
 * (31 days), UK PECR as the TPS applies it (28 days), Spain's Lista Robinson terms (30 days), Italy's
 * D.P.R. 26/2022 (15 days), Belgium's DNCM terms (download again at least every 5 days), Australia's
 * Do Not Call Register Act (a wash result is valid 30 days).
 */
import type { PartitionRule, RegisterProfile } from './profile.ts';
import { ROBINSON_SCOPES } from './robinson-scopes.ts';

/** The US and Canada sell access per area code: the 3 digits after +1 (docs/REGISTERS.md). */
const NANP_AREA_CODES: PartitionRule = { name: 'area code', prefix: '+1', digits: 3 };

export const BUILTIN_PROFILES: readonly RegisterProfile[] = [
  {
    id: 'us-dnc',
    name: 'National Do Not Call Registry',
    operator: 'Federal Trade Commission',
    country: 'US',
    region: 'US',
    jurisdiction: 'plan',
    lines: 'consumers',
    validity: 'never',
    rescrubDays: 31,
    languages: ['en', 'es'],
    dateFormat: 'MM/DD/YYYY',
    sources: [
      '16 CFR 310.4(b)(3)(iv): the list used must be obtained no more than 31 days before the call',
      'Do-Not-Call Improvement Act of 2007: registrations do not expire',
      '16 CFR 310.8: access fees are charged per area code of data, the first five free',
    ],
    partition: NANP_AREA_CODES,
    notes: 'Access is sold per area code (5 free, then a fee each).',
  },
  {
    id: 'ca-dncl',
    name: 'National Do Not Call List',
    operator: 'Canadian Radio-television and Telecommunications Commission (CRTC)',
    country: 'CA',
    region: 'CA',
    jurisdiction: 'plan',
    lines: 'all',
    validity: 'never',
    rescrubDays: 31,
    languages: ['en', 'fr'],
    dateFormat: 'YYYY-MM-DD',
    sources: [
      'Unsolicited Telecommunications Rules, Part II: a list no older than 31 days',
      'CRTC 2014: registrations are permanent',
      'National DNCL operator: subscription fees are set by the number of area codes downloaded',
    ],
    partition: NANP_AREA_CODES,
    notes: 'Access is sold per area code.',
  },
  {
    id: 'uk-tps',
    name: 'Telephone Preference Service',
    operator: 'Data & Marketing Association for Ofcom',
    country: 'GB',
    region: 'GB',
    jurisdiction: 'plan',
    lines: 'consumers',
    validity: 'never',
    rescrubDays: 28,
    languages: ['en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Privacy and Electronic Communications Regulations 2003, reg. 21',
      'TPS: a registration takes effect after 28 days; licensees screen at least every 28 days',
    ],
  },
  {
    id: 'uk-ctps',
    name: 'Corporate Telephone Preference Service',
    operator: 'Data & Marketing Association for Ofcom',
    country: 'GB',
    region: 'GB',
    jurisdiction: 'plan',
    lines: 'businesses',
    validity: { years: 1 },
    rescrubDays: 28,
    languages: ['en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Privacy and Electronic Communications Regulations 2003, reg. 21',
      'CTPS: corporate registrations are renewed every year',
    ],
  },
  {
    id: 'es-robinson',
    name: 'Lista Robinson',
    operator: 'Asociación Española de la Economía Digital (Adigital)',
    country: 'ES',
    region: 'ES',
    jurisdiction: 'plan',
    lines: 'consumers',
    validity: 'never',
    rescrubDays: 30,
    languages: ['es', 'en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Ley Orgánica 3/2018 (LOPDGDD), art. 23',
      'Adigital, Lista Robinson terms: consult no more than 30 days before a campaign',
      'Adigital, Lista Robinson: an opt-out is registered per channel (phone, SMS, e-mail, post)',
    ],
    scopes: ROBINSON_SCOPES,
    notes: 'Answers per channel (calls, SMS, e-mail, post) and per advertising sector.',
  },
  {
    id: 'it-rpo',
    name: 'Registro Pubblico delle Opposizioni',
    operator: 'Fondazione Ugo Bordoni for the Ministry of Enterprises (MIMIT)',
    country: 'IT',
    region: 'IT',
    jurisdiction: 'plan',
    lines: 'all',
    validity: 'never',
    rescrubDays: 15,
    languages: ['it', 'en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'D.P.R. 26/2022: a consultation is valid 15 days',
      'RPO: registrations are permanent until revoked',
    ],
  },
  {
    id: 'be-dncm',
    name: 'Do Not Call Me / Ne m’appelez plus / Bel-me-niet-meer',
    operator: 'DNCM vzw/asbl',
    country: 'BE',
    region: 'BE',
    jurisdiction: 'plan',
    lines: 'all',
    validity: 'never',
    rescrubDays: 5,
    languages: ['nl', 'fr', 'de', 'en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Code of Economic Law, Book VI, art. VI.111',
      'DNCM terms: download the list again at least every 5 days',
    ],
    notes: 'Covers businesses as well as consumers.',
  },
  {
    id: 'au-dncr',
    name: 'Do Not Call Register',
    operator: 'Australian Communications and Media Authority (ACMA)',
    country: 'AU',
    region: 'AU',
    jurisdiction: 'plan',
    lines: 'all',
    validity: 'never',
    rescrubDays: 30,
    languages: ['en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Do Not Call Register Act 2006, s. 11: a wash result is valid for 30 days',
      'Since 2021 registrations do not expire',
    ],
  },
  {
    id: 'fr-bloctel',
    name: 'Bloctel (fermé le 10 août 2026 / closed on 10 August 2026)',
    operator: 'Opposetel for the French State',
    country: 'FR',
    region: 'FR',
    jurisdiction: 'plan',
    lines: 'consumers',
    validity: { years: 3 },
    rescrubDays: 30,
    languages: ['fr', 'en'],
    dateFormat: 'DD/MM/YYYY',
    sources: [
      'Code de la consommation, art. L223-1 (before Loi n° 2025-594, art. 13)',
      'Bloctel: a registration lasted three years; lists were cleaned at most 30 days before a campaign',
    ],
    notes:
      'France requires prior consent since 11 August 2026; this profile serves the archive and lists kept in its shape.',
  },
];

/** The built-in profile of this id, if any. */
export function builtinProfile(id: string): RegisterProfile | undefined {
  return BUILTIN_PROFILES.find((profile) => profile.id === id);
}
