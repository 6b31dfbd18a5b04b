/**
 * The scrub page's HTML (served by scrub-route.ts): the form, the operator's key to compare, and the
 * places the page's script (page/window/main.ts) writes to. Ids and asset paths come from
 * page/shared/element-ids.ts, words from page/shared/strings/, so both sides read one list of each.
 * Styles are inline (the Content-Security-Policy allows inline styles, and no script but ours).
 */
import { html } from 'hono/html';
import { OUTPUT_MODE_FIELD, PAGE_ASSETS, PAGE_IDS } from '../shared/element-ids.ts';
import { PAGE_STRINGS, type PageLanguage } from '../shared/strings/index.ts';

export interface ScrubPageValues {
  language: PageLanguage;
  /** The operator's signing key (base64), which the page verifies the list against. */
  publicKey: string;
  fingerprint: string;
}

/** The page's HTML: every word from the strings of `language`, every id from PAGE_IDS. */
export function scrubPageHtml({ language, publicKey, fingerprint }: ScrubPageValues) {
  const s = PAGE_STRINGS[language];
  const id = PAGE_IDS;
  const text = (key: keyof typeof s) => html`data-i18n="${key}">${s[key]}`;
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${s.title}</title>
<style>
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.2rem;margin-top:1.5rem}
code{font-size:.9em;overflow-wrap:anywhere;word-break:break-all}.copy{user-select:all;background:#f0f0f0;padding:0 .2em}
dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}
label{font-weight:600}input,select,button{font:inherit;max-width:100%}
input[type=file],select,input[type=password]{width:100%;padding:.4rem;border:1px solid #555;border-radius:4px;background:#fff;color:#1b1b1b}
button{padding:.45rem .9rem;border-radius:4px;border:1px solid #0b3d91;background:#0b3d91;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b3d91;padding:.2rem .6rem;margin-top:.25rem}
button[aria-pressed=true]{background:#fff;color:#0b3d91;font-weight:700}
button:disabled{background:#767676;border-color:#767676;color:#fff;cursor:not-allowed}
:focus-visible{outline:3px solid #c25400;outline-offset:2px}
a{color:#0b3d91}nav{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
[role=status]{min-height:1.5em}.note{color:#333;font-size:.95em}
fieldset{border:1px solid #555;border-radius:4px;margin:0 0 1rem;padding:.4rem .8rem}legend{font-weight:600}fieldset label{font-weight:400}
ul.files{padding-left:1.2rem}ul.files li{margin:.4rem 0;overflow-wrap:anywhere}
</style>
<script type="module" src="${PAGE_ASSETS.script}"></script>
</head>
<body>
<main id="${id.app}" data-public-key="${publicKey}" data-lang="${language}" data-worker="${PAGE_ASSETS.worker}">
<nav aria-label="Language / Langue">
<span ${text('language')}</span>:
<button type="button" class="secondary" lang="fr" data-set-lang="fr" aria-pressed="${language === 'fr'}">Français</button>
<button type="button" class="secondary" lang="en" data-set-lang="en" aria-pressed="${language === 'en'}">English</button>
<a href="/" ${text('statusLink')}</a>
</nav>
<h1 ${text('heading')}</h1>
<p ${text('intro')}</p>
<noscript><p><strong>JavaScript is needed: the file is checked in this browser. / JavaScript est nécessaire : le fichier est vérifié dans ce navigateur.</strong></p></noscript>
<section aria-labelledby="${id.keyHeading}">
<h2 id="${id.keyHeading}" ${text('keyHeading')}</h2>
<p class="note" ${text('keyHelp')}</p>
<dl>
<dt ${text('fingerprintLabel')}</dt>
<dd><code id="${id.fingerprint}" class="copy">${fingerprint}</code><br><button type="button" class="secondary" data-copy="${id.fingerprint}" ${text('copyFingerprint')}</button></dd>
<dt ${text('publicKeyLabel')}</dt>
<dd><code id="${id.publicKey}" class="copy">${publicKey}</code><br><button type="button" class="secondary" data-copy="${id.publicKey}" ${text('copyPublicKey')}</button></dd>
</dl>
</section>
<p id="${id.epochStatus}" role="status" aria-live="polite"></p>
<p id="${id.epochTransfer}" class="note"></p>
<section aria-labelledby="${id.privacyHeading}">
<h2 id="${id.privacyHeading}" ${text('privacyHeading')}</h2>
<p id="${id.privacy}"></p>
</section>
<form id="${id.form}" novalidate>
<p><label for="${id.file}" ${text('fileLabel')}</label><br>
<input type="file" id="${id.file}" accept=".csv,.txt,.tsv,.xlsx,.ods,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"></p>
<p id="${id.fileStatus}" role="status" aria-live="polite"></p>
<p><label for="${id.column}" ${text('columnLabel')}</label><br><select id="${id.column}" disabled></select></p>
<fieldset><legend ${text('modeLegend')}</legend>
<label><input type="radio" id="${id.modeDrop}" name="${OUTPUT_MODE_FIELD}" value="drop" checked> <span ${text('modeDrop')}</span></label><br>
<label><input type="radio" id="${id.modeFlag}" name="${OUTPUT_MODE_FIELD}" value="flag"> <span ${text('modeFlag')}</span></label>
</fieldset>
<p><label><input type="checkbox" id="${id.excelSafe}" checked aria-describedby="${id.excelSafeHelp}"> <span ${text('excelSafeLabel')}</span></label><br>
<small id="${id.excelSafeHelp}" class="note" ${text('excelSafeHelp')}</small></p>
<p id="${id.apiKeyRow}" hidden><label for="${id.apiKey}" ${text('apiKeyLabel')}</label><br>
<input type="password" id="${id.apiKey}" autocomplete="off" spellcheck="false" aria-describedby="${id.apiKeyHelp}"><br>
<small id="${id.apiKeyHelp}" class="note" ${text('apiKeyHelp')}</small></p>
<p><button type="submit" id="${id.scrubButton}" ${text('scrubButton')}</button></p>
</form>
<p id="${id.scrubStatus}" role="status" aria-live="polite"></p>
<section id="${id.downloads}" aria-labelledby="${id.downloadsHeading}" hidden>
<h2 id="${id.downloadsHeading}" ${text('downloadsHeading')}</h2>
<ul class="files">
<li><a id="${id.downloadClean}" href="#" ${text('downloadClean')}</a><span id="${id.downloadCleanName}"></span></li>
<li><a id="${id.downloadListed}" href="#" ${text('downloadListed')}</a><span id="${id.downloadListedName}"></span></li>
<li><a id="${id.downloadRejects}" href="#" ${text('downloadRejects')}</a><span id="${id.downloadRejectsName}"></span></li>
<li><a id="${id.downloadReceipt}" href="#" ${text('downloadReceipt')}</a><span id="${id.downloadReceiptName}"></span></li>
</ul>
<p id="${id.receiptStamped}" class="note" hidden ${text('receiptStamped')}</p>
<p id="${id.formulaNote}" class="note" hidden></p>
</section>
</main>
</body>
</html>`;
}
