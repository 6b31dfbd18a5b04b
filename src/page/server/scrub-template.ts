/**
 * The scrub page's HTML (served by scrub-route.ts), in the order a person uses it: the list's state,
 * the file, its phone columns, the access key, what comes back, the button; then the results, what
 * leaves the computer, and last, folded, the check of the operator's key for those who want to make
 * it. Ids and asset paths come from page/shared/element-ids.ts, words from page/shared/strings/, so
 * both sides read one list of each. Styles are inline (the Content-Security-Policy allows inline
 * styles, and no script but ours).
 */
import { html } from 'hono/html';
import { LANGUAGE_PARAMETER, OUTPUT_MODE_FIELD, PAGE_ASSETS, PAGE_IDS } from '../shared/element-ids.ts';
import type { PageKey } from '../shared/strings/en.ts';
import { LANGUAGE_NAMES, PAGE_LANGUAGES, PAGE_STRINGS, type PageLanguage } from '../shared/strings/index.ts';

export interface ScrubPageValues {
  language: PageLanguage;
  /** The locale numbers and dates are written in (fr-FR, nl-BE…). */
  locale: string;
  /** The register's languages, first in the switch. */
  languages: readonly PageLanguage[];
  /** The operator's signing key (base64), which the page verifies the list against. */
  publicKey: string;
  fingerprint: string;
}

/** The languages of the switch: the register's first, then the others the pages speak. */
export function languageOrder(languages: readonly PageLanguage[]): PageLanguage[] {
  return [...new Set([...languages, ...PAGE_LANGUAGES])];
}

export const PAGE_STYLE = `*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:1.5rem}
code{font-size:.9em;overflow-wrap:anywhere;word-break:break-all}.copy{user-select:all;background:#f0f0f0;padding:0 .2em}
dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0;overflow-wrap:anywhere}
label{font-weight:600}input,select,button{font:inherit;max-width:100%}
input[type=file],input[type=password]{width:100%;padding:.4rem;border:1px solid #555;border-radius:4px;background:#fff;color:#1b1b1b}
button,.button{display:inline-block;padding:.45rem .9rem;border-radius:4px;border:1px solid #0b3d91;background:#0b3d91;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#fff;color:#0b3d91;padding:.2rem .6rem;margin:.15rem 0}
button[aria-pressed=true]{background:#fff;color:#0b3d91;font-weight:700}
button:disabled{background:#767676;border-color:#767676;color:#fff;cursor:not-allowed}
:focus-visible{outline:3px solid #c25400;outline-offset:2px}
a{color:#0b3d91}nav{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
[role=status]{min-height:1.5em}.note{color:#333;font-size:.95em}.problem{color:#a00;font-weight:600}
fieldset{border:1px solid #555;border-radius:4px;margin:0 0 1rem;padding:.4rem .8rem}legend{font-weight:600}fieldset label{font-weight:400}
#column-choices label{display:block}
progress{width:100%;height:1rem}
details{margin-top:1.5rem;border-top:1px solid #ccc;padding-top:.5rem}summary{cursor:pointer;font-weight:600}
ul.files{padding-left:1.2rem}ul.files li{margin:.4rem 0;overflow-wrap:anywhere}`;

/** The language switch: buttons the script handles, each also a link that works without it. */
export function languageSwitch(language: PageLanguage, languages: readonly PageLanguage[], label: string) {
  return html`<span data-i18n="language">${label}</span>:
${languageOrder(languages).map(
  (code) =>
    html`<a href="?${LANGUAGE_PARAMETER}=${code}" lang="${code}" hreflang="${code}" data-set-lang="${code}" aria-current="${code === language ? 'true' : 'false'}">${LANGUAGE_NAMES[code]}</a>`,
)}`;
}

/** The page's HTML: every word from the strings of `language`, every id from PAGE_IDS. */
export function scrubPageHtml(values: ScrubPageValues) {
  const { language, publicKey, fingerprint } = values;
  const s = PAGE_STRINGS[language].page;
  const id = PAGE_IDS;
  const text = (key: PageKey) => html`data-i18n="${key}">${s[key]}`;
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${s.title}</title>
<style>${PAGE_STYLE}</style>
<script type="module" src="${PAGE_ASSETS.script}"></script>
</head>
<body>
<main id="${id.app}" data-public-key="${publicKey}" data-lang="${language}" data-locale="${values.locale}" data-languages="${values.languages.join(' ')}" data-worker="${PAGE_ASSETS.worker}">
<nav aria-label="${s.language}">
${languageSwitch(language, values.languages, s.language)} · <a href="/" ${text('statusLink')}</a>
</nav>
<h1 ${text('heading')}</h1>
<p ${text('intro')}</p>
<noscript><p class="problem">${s.noscript}</p></noscript>
<p id="${id.epochStatus}" role="status" aria-live="polite"></p>
<p id="${id.partitionsNote}" class="note" hidden></p>
<form id="${id.form}" novalidate>
<h2 ${text('stepFile')}</h2>
<p><label for="${id.file}" ${text('fileLabel')}</label><br>
<input type="file" id="${id.file}" accept=".csv,.txt,.tsv,.xlsx,.ods,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"></p>
<p id="${id.fileStatus}" role="status" aria-live="polite"></p>
<fieldset id="${id.columns}" hidden><legend ${text('stepColumns')}</legend>
<p class="note" ${text('columnsHelp')}</p>
<div id="${id.columnChoices}"></div>
<p id="${id.columnsFound}" class="note"></p>
</fieldset>
<fieldset id="${id.scopeRow}" hidden><legend ${text('scopeLegend')}</legend>
<p class="note" ${text('scopeHelp')}</p>
<p><label for="${id.scopeChannel}" ${text('scopeChannel')}</label> <select id="${id.scopeChannel}"></select>
<label for="${id.scopeSector}" ${text('scopeSector')}</label> <select id="${id.scopeSector}"></select></p>
</fieldset>
<div id="${id.apiKeyRow}" hidden><h2 ${text('stepKey')}</h2>
<p><label for="${id.apiKey}" ${text('apiKeyLabel')}</label><br>
<input type="password" id="${id.apiKey}" autocomplete="off" spellcheck="false" aria-describedby="${id.apiKeyHelp}"><br>
<small id="${id.apiKeyHelp}" class="note" ${text('apiKeyHelp')}</small></p></div>
<fieldset><legend ${text('modeLegend')}</legend>
<label><input type="radio" id="${id.modeDrop}" name="${OUTPUT_MODE_FIELD}" value="drop" checked> <span ${text('modeDrop')}</span></label><br>
<label><input type="radio" id="${id.modeFlag}" name="${OUTPUT_MODE_FIELD}" value="flag"> <span ${text('modeFlag')}</span></label>
</fieldset>
<p><label><input type="checkbox" id="${id.excelSafe}" checked aria-describedby="${id.excelSafeHelp}"> <span ${text('excelSafeLabel')}</span></label><br>
<small id="${id.excelSafeHelp}" class="note" ${text('excelSafeHelp')}</small></p>
<p><button type="submit" id="${id.scrubButton}" ${text('scrubButton')}</button></p>
</form>
<progress id="${id.progress}" max="100" value="0" hidden></progress>
<p id="${id.scrubStatus}" role="status" aria-live="polite"></p>
<div id="${id.plan}" hidden>
<p id="${id.planText}"></p>
<p><button type="button" id="${id.planContinue}"></button> <button type="button" class="secondary" id="${id.planCancel}" ${text('planCancel')}</button></p>
</div>
<section id="${id.downloads}" aria-labelledby="${id.downloadsHeading}" hidden>
<h2 id="${id.downloadsHeading}" ${text('downloadsHeading')}</h2>
<ul class="files">
<li><a id="${id.downloadClean}" href="#" ${text('downloadClean')}</a><span id="${id.downloadCleanName}"></span></li>
<li><a id="${id.downloadListed}" href="#" ${text('downloadListed')}</a><span id="${id.downloadListedName}"></span></li>
<li><a id="${id.downloadRejects}" href="#" ${text('downloadRejects')}</a><span id="${id.downloadRejectsName}"></span></li>
<li hidden><a id="${id.downloadUnchecked}" href="#" ${text('downloadUnchecked')}</a><span id="${id.downloadUncheckedName}"></span></li>
<li hidden><a id="${id.downloadReceipt}" href="#" ${text('downloadReceipt')}</a><span id="${id.downloadReceiptName}"></span></li>
</ul>
<p id="${id.receiptStamped}" class="note" hidden ${text('receiptStamped')}</p>
<p id="${id.receiptLater}" class="note" hidden ${text('receiptLater')}</p>
<p id="${id.liveAdditions}" class="note" hidden></p>
<p id="${id.formulaNote}" class="note" hidden></p>
</section>
<section id="${id.reasons}" aria-labelledby="${id.reasonsHeading}" hidden>
<h2 id="${id.reasonsHeading}" ${text('reasonsHeading')}</h2>
<ul id="${id.reasonList}"></ul>
</section>
<section aria-labelledby="${id.privacyHeading}">
<h2 id="${id.privacyHeading}" ${text('privacyHeading')}</h2>
<p id="${id.privacy}"></p>
</section>
<details id="${id.verify}">
<summary ${text('verifyHeading')}</summary>
<p class="note" ${text('keyHelp')}</p>
<dl>
<dt ${text('fingerprintLabel')}</dt>
<dd><code id="${id.fingerprint}" class="copy">${fingerprint}</code><br><button type="button" class="secondary" data-copy="${id.fingerprint}" ${text('copyFingerprint')}</button></dd>
<dt ${text('publicKeyLabel')}</dt>
<dd><code id="${id.publicKey}" class="copy">${publicKey}</code><br><button type="button" class="secondary" data-copy="${id.publicKey}" ${text('copyPublicKey')}</button></dd>
</dl>
<p id="${id.epochTransfer}" class="note"></p>
<p id="${id.listIdentifier}" class="note"></p>
</details>
</main>
</body>
</html>`;
}
