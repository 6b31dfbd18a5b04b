/**
 * The scrub page's element ids and asset paths, one list for both sides: the server's template writes
 * them (page/server/scrub-template.ts) and the page's script finds them (page/window/main.ts), so a
 * renamed element cannot leave one side looking for the other's old name.
 */
export const PAGE_IDS = {
  /** The <main> element; it carries the key, the language and the worker's path as data attributes. */
  app: 'scrub-app',
  epochStatus: 'epoch-status',
  epochTransfer: 'epoch-transfer',
  form: 'scrub-form',
  file: 'file',
  fileStatus: 'file-status',
  columns: 'columns',
  columnChoices: 'column-choices',
  columnsFound: 'columns-found',
  /** Scoped registers (es-robinson): the channel and the sector the calls are about. */
  scopeRow: 'scope-row',
  scopeChannel: 'scope-channel',
  scopeSector: 'scope-sector',
  /** Partitioned registers (us-dnc): the partitions (area codes) this key bought, downloaded. */
  partitionsNote: 'partitions-note',
  modeDrop: 'mode-drop',
  modeFlag: 'mode-flag',
  /** Outputs for spreadsheets (client/scrub/excel-safe.ts): checked by default. */
  excelSafe: 'excel-safe',
  excelSafeHelp: 'excel-safe-help',
  apiKeyRow: 'api-key-row',
  apiKey: 'api-key',
  apiKeyHelp: 'api-key-help',
  scrubButton: 'scrub',
  progress: 'scrub-progress',
  scrubStatus: 'scrub-status',
  plan: 'plan',
  planText: 'plan-text',
  planContinue: 'plan-continue',
  planCancel: 'plan-cancel',
  downloads: 'downloads',
  downloadsHeading: 'downloads-heading',
  downloadClean: 'download-clean',
  downloadCleanName: 'download-clean-name',
  downloadListed: 'download-listed',
  downloadListedName: 'download-listed-name',
  downloadRejects: 'download-rejects',
  downloadRejectsName: 'download-rejects-name',
  downloadUnchecked: 'download-unchecked',
  downloadUncheckedName: 'download-unchecked-name',
  downloadReceipt: 'download-receipt',
  downloadReceiptName: 'download-receipt-name',
  receiptStamped: 'receipt-stamped',
  receiptLater: 'receipt-later',
  liveAdditions: 'live-additions',
  reasons: 'reasons',
  reasonsHeading: 'reasons-heading',
  reasonList: 'reason-list',
  privacyHeading: 'privacy-heading',
  privacy: 'privacy',
  verify: 'verify',
  fingerprint: 'fingerprint',
  publicKey: 'public-key',
  listIdentifier: 'list-identifier',
  /** How many cells a spreadsheet would have run as formulas, and what was done with them. */
  formulaNote: 'formula-note',
} as const;

export type PageElementId = (typeof PAGE_IDS)[keyof typeof PAGE_IDS];

/** The name of the radio buttons that choose between dropping and flagging listed rows. */
export const OUTPUT_MODE_FIELD = 'output-mode';
/** The name of the checkboxes of the phone columns (their values: 0-based column positions). */
export const PHONE_COLUMN_FIELD = 'phone-column';

/** The links offered after a scrub, each with the element that shows its file's name. */
export const DOWNLOAD_LINKS = {
  clean: { link: PAGE_IDS.downloadClean, name: PAGE_IDS.downloadCleanName },
  listed: { link: PAGE_IDS.downloadListed, name: PAGE_IDS.downloadListedName },
  rejects: { link: PAGE_IDS.downloadRejects, name: PAGE_IDS.downloadRejectsName },
  unchecked: { link: PAGE_IDS.downloadUnchecked, name: PAGE_IDS.downloadUncheckedName },
  receipt: { link: PAGE_IDS.downloadReceipt, name: PAGE_IDS.downloadReceiptName },
} as const satisfies Record<string, { link: PageElementId; name: PageElementId }>;

/** The bundles scripts/build-browser.mjs writes, as the page loads them. */
export const PAGE_ASSETS = {
  script: '/assets/scrub-page.js',
  worker: '/assets/scrub-worker.js',
} as const;

/** The query parameter that chooses a page's language (the pages' language links). */
export const LANGUAGE_PARAMETER = 'lang';
