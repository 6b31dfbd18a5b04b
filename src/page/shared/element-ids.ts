/**
 * The scrub page's element ids and asset paths, one list for both sides: the server's template writes
 * them (page/server/scrub-template.ts) and the page's script finds them (page/window/main.ts), so a
 * renamed element cannot leave one side looking for the other's old name.
 */
export const PAGE_IDS = {
  /** The <main> element; it carries the key, the language and the worker's path as data attributes. */
  app: 'scrub-app',
  keyHeading: 'key-heading',
  fingerprint: 'fingerprint',
  publicKey: 'public-key',
  epochStatus: 'epoch-status',
  epochTransfer: 'epoch-transfer',
  privacyHeading: 'privacy-heading',
  privacy: 'privacy',
  form: 'scrub-form',
  file: 'file',
  fileStatus: 'file-status',
  column: 'column',
  modeDrop: 'mode-drop',
  modeFlag: 'mode-flag',
  /** Outputs for spreadsheets (client/scrub/excel-safe.ts): checked by default. */
  excelSafe: 'excel-safe',
  excelSafeHelp: 'excel-safe-help',
  apiKeyRow: 'api-key-row',
  apiKey: 'api-key',
  apiKeyHelp: 'api-key-help',
  scrubButton: 'scrub',
  scrubStatus: 'scrub-status',
  downloads: 'downloads',
  downloadsHeading: 'downloads-heading',
  downloadClean: 'download-clean',
  downloadCleanName: 'download-clean-name',
  downloadListed: 'download-listed',
  downloadListedName: 'download-listed-name',
  downloadRejects: 'download-rejects',
  downloadRejectsName: 'download-rejects-name',
  downloadReceipt: 'download-receipt',
  downloadReceiptName: 'download-receipt-name',
  receiptStamped: 'receipt-stamped',
  /** How many cells a spreadsheet would have run as formulas, and what was done with them. */
  formulaNote: 'formula-note',
} as const;

export type PageElementId = (typeof PAGE_IDS)[keyof typeof PAGE_IDS];

/** The name of the radio buttons that choose between dropping and flagging listed rows. */
export const OUTPUT_MODE_FIELD = 'output-mode';

/** The links offered after a scrub, each with the element that shows its file's name. */
export const DOWNLOAD_LINKS = {
  clean: { link: PAGE_IDS.downloadClean, name: PAGE_IDS.downloadCleanName },
  listed: { link: PAGE_IDS.downloadListed, name: PAGE_IDS.downloadListedName },
  rejects: { link: PAGE_IDS.downloadRejects, name: PAGE_IDS.downloadRejectsName },
  receipt: { link: PAGE_IDS.downloadReceipt, name: PAGE_IDS.downloadReceiptName },
} as const satisfies Record<string, { link: PageElementId; name: PageElementId }>;

/** The bundles scripts/build-browser.mjs writes, as the page loads them. */
export const PAGE_ASSETS = {
  script: '/assets/scrub-page.js',
  worker: '/assets/scrub-worker.js',
} as const;
