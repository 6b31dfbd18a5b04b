/**
 * The status page's HTML (GET /, status-route.ts), for two readers in turn. First a person who got
 * its address from the operator or a search: what the service is, the way to clean a call list (the
 * scrub page), how recent the list is and what its register's rules are, what the list protects, in
 * their language. Then, below, the technical details developers and auditors need: the epoch, its
 * hashes and counts, the signing key and the commands that pin it, the raw files. No script.
 */
import { html } from 'hono/html';
import type { LoadedEpoch } from '../../api/epochs/epoch-cache.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { enumerationCost, walkMinutes } from '../../core/privacy/open-mode-exposure.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { LANGUAGE_PARAMETER } from '../shared/element-ids.ts';
import { type Formats, formatsFor } from '../shared/format.ts';
import type { StatusKey } from '../shared/strings/en.ts';
import { fill, PAGE_STRINGS, type PageLanguage } from '../shared/strings/index.ts';
import { languageSwitch, PAGE_STYLE } from './scrub-template.ts';

const MAX_SHARD_LINKS = 32;

export interface StatusPageValues {
  language: PageLanguage;
  locale: string;
  languages: readonly PageLanguage[];
  origin: string;
  docsUrl: string;
  publicKey: string;
  fingerprint: string;
  /** The served epoch, or null with the problem in the person's words. */
  epoch: LoadedEpoch | null;
  problem?: string;
  /** The signing keys as this server sees them (api/routes/status.ts, signingChain). */
  chain: { configured: string; current: string; next: string | null } | null;
  /** latest.json refused since… (api/epochs/freshness.ts): an older one copied back, or another refusal. */
  refused?: { code: string; at: string };
}

export function statusPageHtml(v: StatusPageValues) {
  const s = PAGE_STRINGS[v.language].status;
  const f = formatsFor(v.locale, 'UTC');
  const t = (key: StatusKey, values: Record<string, string | number> = {}) => fill(s[key], values, v.locale);
  const m = v.epoch?.manifest;
  const scrub = `/scrub?${LANGUAGE_PARAMETER}=${v.language}`;
  return html`<!doctype html>
<html lang="${v.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s.title}</title>
<style>${PAGE_STYLE}
.cta{font-size:1.15rem;margin:1rem 0 .25rem}
dl.technical{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.technical dt{margin:0}
</style>
</head>
<body>
<nav aria-label="${PAGE_STRINGS[v.language].page.language}">${languageSwitch(v.language, v.languages, PAGE_STRINGS[v.language].page.language)}</nav>
<h1>${s.heading}</h1>
<p>${s.intro}</p>
<p class="cta"><a class="button" href="${scrub}" id="scrub-link">${s.cta}</a></p>
<p class="note">${s.ctaHelp}</p>
${
  m
    ? html`<p id="list-summary">${t('listOf', { date: f.date(m.createdAt), entries: m.counts.entries })}</p>
<p id="register-rules">${registerLine(m, t)}</p>
${scopeLines(m, t)}
<h2>${s.privacyHeading}</h2>
<p id="mode-privacy">${privacyLine(m, t, f)}</p>
${refusedLine(v, t, f)}`
    : html`<p class="problem" id="problem">${t('unavailable', { problem: v.problem ?? '' })}</p>`
}
<h2>${s.technicalHeading}</h2>
<p class="note">${s.technicalHelp}</p>
<dl class="technical" id="status">
${m && v.epoch ? technicalLines(v, m, v.epoch, t, f) : ''}
${signingLines(v, t)}
</dl>
<h2>${s.links}</h2>
<ul id="links">
<li><a href="${v.docsUrl}">${s.apiDocs}</a> · <a href="/openapi.json">${s.openApi}</a></li>
<li><a href="/v1/manifest">${s.latestManifest}</a></li>
${m ? html`<li><a href="/v1/epochs/${m.epoch}/manifest">${s.thisManifest}</a></li>` : ''}
${(m?.partitions ? [] : (m?.shards ?? [])).slice(0, MAX_SHARD_LINKS).map((shard) => html`<li><a href="/v1/epochs/${m!.epoch}/${shard.path}"><code>${shard.path}</code></a> (${t('shardLink', { bytes: shard.bytes })}, SHA-256 <code>${shard.sha256}</code>)</li>`)}
${m && !m.partitions && m.shards.length > MAX_SHARD_LINKS ? html`<li>${t('moreShards', { count: m.shards.length - MAX_SHARD_LINKS })}</li>` : ''}
<li><a href="/healthz">${s.health}</a></li>
</ul>
</body>
</html>`;
}

type Say = (key: StatusKey, values?: Record<string, string | number>) => string;

/** The register and the rules its subscribers must follow (core/registers/epoch-rules.ts). */
function registerLine(manifest: Manifest, t: Say): string {
  const rules = epochRules(manifest);
  const validity =
    rules.validity === 'never' ? t('validityNever') : t('validityYears', { years: rules.validity.years });
  const window = rules.rescrubDays === null ? t('windowNone') : t('windowDays', { days: rules.rescrubDays });
  return t('registerRules', { register: rules.name, validity, window });
}

/**
 * A scoped register's channels and sectors, a partitioned one's count of partitions (docs/FORMAT.md
 * §1.3, §1.4). A partition's files are for its subscribers only: none is linked below.
 */
function scopeLines(manifest: Manifest, t: Say) {
  const { scopes, partition } = epochRules(manifest);
  const codes = (choices: readonly { code: string }[]) => choices.map((c) => c.code).join(', ') || '—';
  return html`${
    scopes
      ? html`<p id="register-scopes">${t('scopesLine', { channels: codes(scopes.channels), sectors: codes(scopes.sectors) })}</p>`
      : ''
  }${
    partition && manifest.partitions
      ? html`<p id="register-partitions">${t('partitionsLine', { count: manifest.partitions.length })}</p>`
      : ''
  }`;
}

/** What the epoch's mode protects, only what it keeps; open mode with its measured walk (core/privacy). */
function privacyLine(manifest: Manifest, t: Say, f: Formats): string {
  if (manifest.mode === 'oprf') return t('privacyOprf');
  if (manifest.mode === 'secret') return t('privacySecret');
  const cost = enumerationCost(manifest.normalization.defaultRegion);
  if (!cost.plan) return t('privacyOpenUnmeasured', { perSecond: Math.round(cost.walkRatePerCore) });
  return t('privacyOpen', {
    mobiles: f.duration(walkMinutes(cost.plan.mobiles, cost)),
    all: f.duration(walkMinutes(cost.plan.numbers, cost)),
  });
}

/** latest.json refused: an older epoch copied back (rollback), or expired or unverifiable (refused). */
function refusedLine(v: StatusPageValues, t: Say, f: Formats) {
  if (!v.refused) return '';
  const time = f.dateTime(v.refused.at);
  return v.refused.code === 'ROLLBACK_REFUSED'
    ? html`<p class="problem" id="rollback">${t('rollback', { time })}</p>`
    : html`<p class="problem" id="refused">${t('refusedPointer', { time })}</p>`;
}

function technicalLines(v: StatusPageValues, m: Manifest, epoch: LoadedEpoch, t: Say, f: Formats) {
  const rules = epochRules(m);
  const rate = m.filter.falsePositiveRate;
  const shortRate = rate < 0.001 ? rate.toExponential() : f.number(rate);
  const time = (iso: string) => html`<time datetime="${iso}">${f.dateTime(iso)}</time>`;
  return html`<dt>${t('register')}</dt><dd id="register">${rules.name}${rules.id === 'custom' ? '' : html` (<code>${rules.id}</code>)`}</dd>
<dt>${t('epoch')}</dt><dd id="epoch"><code>${m.epoch}</code></dd>
<dt>${t('built')}</dt><dd id="built">${time(m.createdAt)}</dd>
${
  epoch.pointer
    ? html`<dt>${t('published')}</dt><dd>${time(epoch.pointer.publishedAt)}</dd>
<dt>${t('expires')}</dt><dd id="expires">${time(epoch.pointer.expiresAt)} ${t('expiresNote')}</dd>`
    : ''
}
<dt>${t('entries')}</dt><dd id="entries">${f.number(m.counts.entries)}</dd>
<dt>${t('epsilon')}</dt><dd id="epsilon">${t('epsilonValue', { rate: shortRate, inverse: Math.round(1 / rate) })}</dd>
<dt>${t('mode')}</dt><dd><code id="mode">${m.mode}</code></dd>
<dt>${t('shards')}</dt><dd>${f.number(m.shards.length)}</dd>
<dt>${t('manifestHash')}</dt><dd><code>${epoch.manifestSha256}</code></dd>
${
  v.chain && v.chain.configured !== v.chain.current
    ? html`<dt>${t('keyChain')}</dt><dd id="key-chain">${t('keyChainValue', { configured: v.chain.configured, current: v.chain.current })}</dd>`
    : ''
}
${v.chain?.next ? html`<dt>${t('nextKey')}</dt><dd id="next-key">${t('nextKeyValue', { next: v.chain.next })}</dd>` : ''}`;
}

/**
 * The signing key, and `pull` pinning it: the key itself, or its fingerprint (the key then comes from
 * GET /v1/signing-key and is pinned only if its fingerprint matches: client/trust/pin-by-fingerprint.ts).
 */
function signingLines(v: StatusPageValues, t: Say) {
  return html`<dt>${t('fingerprint')}</dt><dd id="fingerprint"><code>${v.fingerprint}</code></dd>
<dt>${t('publicKey')}</dt><dd><code id="public-key" class="copy">${v.publicKey}</code><br>
${t('pullHelp')}<br>
<code id="pull-command" class="copy">npx quietlist pull --from ${v.origin} --public-key ${v.publicKey}</code><br>
<code id="pull-fingerprint-command" class="copy">npx quietlist pull --from ${v.origin} --public-key ${v.fingerprint}</code></dd>`;
}
