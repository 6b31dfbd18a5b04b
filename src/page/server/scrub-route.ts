/**
 * GET /scrub: the page where a company cleans a call list in its own browser (docs/BROWSER.md). This
 * renders its HTML, in French or English from Accept-Language (the page switches on its own), with the
 * operator's signing key and fingerprint the page verifies the list against. Its script and Web Worker
 * are static files under /assets/: served by Workers Static Assets on Cloudflare and by `quietlist
 * serve` from dist/web/assets on Node (scripts/build-browser.mjs builds them). The Content-Security-
 * Policy lets the page talk to this server only, and load no code from anywhere else.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { AppEnv } from '../../api/app-env.ts';
import type { AppServices } from '../../api/app-services.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { acceptLanguageTags, PAGE_STRINGS, pickLanguage } from '../shared/strings/index.ts';

export const SCRUB_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function registerScrubPageRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.get('/scrub', (c) => {
    const language = pickLanguage(acceptLanguageTags(c.req.header('accept-language')));
    c.header('Content-Security-Policy', SCRUB_PAGE_CSP);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Language');
    return c.html(scrubPage(services, language));
  });
}

function scrubPage(services: AppServices, language: 'en' | 'fr') {
  const s = PAGE_STRINGS[language];
  const publicKey = toBase64(services.epochs.signingKey);
  const fingerprint = services.epochs.signingKeyFingerprint;
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
<script type="module" src="/assets/scrub-page.js"></script>
</head>
<body>
<main id="scrub-app" data-public-key="${publicKey}" data-lang="${language}" data-worker="/assets/scrub-worker.js">
<nav aria-label="Language / Langue">
<span ${text('language')}</span>:
<button type="button" class="secondary" lang="fr" data-set-lang="fr" aria-pressed="${language === 'fr'}">Français</button>
<button type="button" class="secondary" lang="en" data-set-lang="en" aria-pressed="${language === 'en'}">English</button>
<a href="/" ${text('statusLink')}</a>
</nav>
<h1 ${text('heading')}</h1>
<p ${text('intro')}</p>
<noscript><p><strong>JavaScript is needed: the file is checked in this browser. / JavaScript est nécessaire : le fichier est vérifié dans ce navigateur.</strong></p></noscript>
<section aria-labelledby="key-heading">
<h2 id="key-heading" ${text('keyHeading')}</h2>
<p class="note" ${text('keyHelp')}</p>
<dl>
<dt ${text('fingerprintLabel')}</dt>
<dd><code id="fingerprint" class="copy">${fingerprint}</code><br><button type="button" class="secondary" data-copy="fingerprint" ${text('copyFingerprint')}</button></dd>
<dt ${text('publicKeyLabel')}</dt>
<dd><code id="public-key" class="copy">${publicKey}</code><br><button type="button" class="secondary" data-copy="public-key" ${text('copyPublicKey')}</button></dd>
</dl>
</section>
<p id="epoch-status" role="status" aria-live="polite"></p>
<p id="epoch-transfer" class="note"></p>
<section aria-labelledby="privacy-heading">
<h2 id="privacy-heading" ${text('privacyHeading')}</h2>
<p id="privacy"></p>
</section>
<form id="scrub-form" novalidate>
<p><label for="file" ${text('fileLabel')}</label><br>
<input type="file" id="file" accept=".csv,.txt,.tsv,.xlsx,.ods,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"></p>
<p id="file-status" role="status" aria-live="polite"></p>
<p><label for="column" ${text('columnLabel')}</label><br><select id="column" disabled></select></p>
<fieldset><legend ${text('modeLegend')}</legend>
<label><input type="radio" id="mode-drop" name="output-mode" value="drop" checked> <span ${text('modeDrop')}</span></label><br>
<label><input type="radio" id="mode-flag" name="output-mode" value="flag"> <span ${text('modeFlag')}</span></label>
</fieldset>
<p><label><input type="checkbox" id="excel-safe" checked aria-describedby="excel-safe-help"> <span ${text('excelSafeLabel')}</span></label><br>
<small id="excel-safe-help" class="note" ${text('excelSafeHelp')}</small></p>
<p id="api-key-row" hidden><label for="api-key" ${text('apiKeyLabel')}</label><br>
<input type="password" id="api-key" autocomplete="off" spellcheck="false" aria-describedby="api-key-help"><br>
<small id="api-key-help" class="note" ${text('apiKeyHelp')}</small></p>
<p><button type="submit" id="scrub" ${text('scrubButton')}</button></p>
</form>
<p id="scrub-status" role="status" aria-live="polite"></p>
<section id="downloads" aria-labelledby="downloads-heading" hidden>
<h2 id="downloads-heading" ${text('downloadsHeading')}</h2>
<ul class="files">
<li><a id="download-clean" href="#" ${text('downloadClean')}</a><span id="download-clean-name"></span></li>
<li><a id="download-listed" href="#" ${text('downloadListed')}</a><span id="download-listed-name"></span></li>
<li><a id="download-rejects" href="#" ${text('downloadRejects')}</a><span id="download-rejects-name"></span></li>
<li><a id="download-receipt" href="#" ${text('downloadReceipt')}</a><span id="download-receipt-name"></span></li>
</ul>
<p id="receipt-stamped" class="note" hidden ${text('receiptStamped')}</p>
<p id="formula-note" class="note" hidden></p>
</section>
</main>
</body>
</html>`;
}
