/**
 * The pages' English text: the reference every other language follows (same keys, same `{fields}`;
 * test/unit/page/strings.test.ts checks both). Written for a person who runs a small company, not for
 * a developer: no HTTP, no "epoch"; technical words only under "Technical details".
 * `{name}` is a value the page fills in; `{name|one|other}` the word that agrees with the number `name`.
 */

import type { ScrubRejectReason } from '../../../client/scrub/row-status.ts';
import type { ApiErrorCode } from '../../../core/api-errors.ts';

const page = {
  scopeLegend: 'What your calls are about',
  scopeHelp:
    'People can refuse only some kinds of calls. Choose how you call and what about; if unsure, leave “any”: the page then keeps out everyone who refused any of them.',
  scopeChannel: 'Calls by',
  scopeSector: 'about',
  scopeAny: 'any (the safest)',
  // Lista Robinson's channels and sectors (the built-in es-robinson profile), the register's word beside.
  scopeChannelCall: 'telephone calls (llamadas)',
  scopeChannelSms: 'SMS and MMS',
  scopeChannelEmail: 'e-mail (correo electrónico)',
  scopeChannelPost: 'post (correo postal)',
  scopeSectorEnergy: 'energy and utilities (energía y suministros)',
  scopeSectorTelecoms: 'telecommunications (telecomunicaciones)',
  scopeSectorFinance: 'banking and finance (banca y finanzas)',
  scopeSectorInsurance: 'insurance (seguros)',
  scopeSectorRetail: 'retail and consumer goods (comercio y consumo)',
  scopeSectorTravel: 'travel and leisure (viajes y ocio)',
  scopeSectorAutomotive: 'motoring (automoción)',
  scopeSectorMedia: 'media and publishing (medios y publicaciones)',
  scopeSectorEducation: 'education and training (formación)',
  scopeSectorHealth: 'health and wellbeing (salud y bienestar)',
  scopeSectorCharity: 'charities and NGOs (ONG)',
  partitionsHeld:
    'Your access key covers {count} {count|part|parts} of this list ({list}); only {count|that part was|those parts were} downloaded. Numbers of the other parts go to the rejected rows, never to the clean list.',
  title: 'Clean a call list — quietlist',
  heading: 'Clean a call list against the do-not-call list',
  intro:
    'Choose your call list. The page takes out the numbers of people who registered to refuse sales calls and gives you back the file, ready to use, in the same format. Your file never leaves this computer.',
  language: 'Language',
  statusLink: 'About this service',
  noscript: 'This page needs JavaScript: your file is checked here, in this browser.',
  listLoading: 'Getting the do-not-call list…',
  listProgress: 'Getting the do-not-call list: {percent}',
  listReady: 'Do-not-call list of {date} ready: {entries} registered {entries|number|numbers}.',
  listFailed: 'The do-not-call list could not be loaded.',
  transferFresh:
    '{size} downloaded. The list is kept in this browser: next time, only the changes are downloaded.',
  transferUpdated: 'Updated with the latest changes: {size} downloaded.',
  transferSame: 'The list kept in this browser is up to date.',
  transferNotKept:
    '{size} downloaded. This browser cannot keep the list, so it will be downloaded again next time.',
  stepFile: '1. Your call list',
  fileLabel: 'Choose the file (CSV or Excel)',
  fileReading: 'Reading the file…',
  fileRead: '{kind}: {rows} {rows|row|rows}, {columns} {columns|column|columns}.',
  kindCsv: 'CSV file',
  kindXlsx: 'Excel file',
  kindOds: 'OpenDocument spreadsheet',
  stepColumns: '2. The columns with phone numbers',
  columnsHelp:
    'Tick every column that holds a phone number. A row is kept only if none of its numbers is on the list.',
  columnUnnamed: 'Column {n}',
  columnsFound: 'Phone numbers found in: {names}.',
  stepKey: '3. Your access key',
  apiKeyLabel: 'Access key',
  apiKeyHelp:
    'Given by the operator with your subscription (it starts with ql_). It is sent to this server only, to count the numbers checked.',
  modeLegend: 'The main file holds',
  modeDrop: 'only the rows you may call',
  modeFlag: 'every row, marked in a quietlist_status column (listed, not_listed or invalid)',
  scrubButton: 'Clean the list',
  progressCount: 'Counting the numbers: {done} of {total} rows ({percent})',
  progressEvaluate: 'Checking the numbers with the server: {done} of {total} ({percent})',
  progressScrub: 'Sorting the rows: {done} of {total} ({percent})',
  planNeeded:
    'This file has {needed} {needed|number|numbers} not checked before, and your subscription allows {remaining} more today.',
  planToday:
    'Today the page can check {rowsToday} of the {rows} rows. {rest|The remaining row|The other {rest} rows} can be checked from {resume}.',
  planMoreDays: 'At your daily allowance, the rest takes {days} more {days|day|days} after that.',
  planNothing: 'Your subscription allows no more checks today: the rows can be checked from {resume}.',
  planContinue: 'Check {rowsToday} {rowsToday|row|rows} today',
  planCancel: 'Not now',
  done: 'Done: {rows} {rows|row|rows} checked: {clean} to call, {listed} on the do-not-call list, {invalid} rejected.',
  stopped:
    'Not finished: {checked} of {total} rows checked. {unchecked|One row|{unchecked} rows} could not be checked yet.',
  stoppedQuota: 'Your subscription’s allowance for today is used up.',
  resumeAt: 'Choose the same file again from {time} to finish it.',
  resumeLater: 'Choose the same file again later to finish it.',
  keptNote: 'The numbers already checked are kept in this browser and are not counted again.',
  notKeptNote: 'This browser cannot keep the numbers already checked: they will be counted again.',
  failed: 'The list could not be cleaned.',
  noFile: 'Choose a file first.',
  noColumn: 'Tick at least one column with phone numbers.',
  needKey: 'Enter your access key: this list is checked with the server’s help.',
  downloadsHeading: 'Your files',
  downloadClean: 'Clean list: the rows you may call',
  downloadCleanPartial: 'Rows checked today that you may call',
  downloadFlagged: 'Every row, marked in its quietlist_status column',
  downloadListed: 'Rows on the do-not-call list: do not call them',
  downloadRejects: 'Rejected rows, each with the reason',
  downloadUnchecked: 'Rows not checked yet: do not call them before they are checked',
  downloadReceipt: 'Receipt: keep it as proof of the check',
  receiptStamped: 'The receipt is countersigned by the operator.',
  liveAdditions:
    '{entries} {entries|number|numbers} added to this list since its last build {entries|was|were} checked too (signed additions up to no. {through}).',
  receiptLater: 'The receipt comes with the finished file.',
  reasonsHeading: 'Why rows were rejected',
  reasonLine: '{count} × {reason}',
  privacyHeading: 'What leaves your computer',
  privacyOpen:
    'Nothing from your file. The page downloads the signed do-not-call list and checks your file here, in this browser.',
  privacyOprf:
    'Nothing readable from your file. For each number the page sends the server a scrambled code from which the server cannot learn the number; the server answers with a code only this browser can read, and the number is then looked up here. The server counts the numbers against your subscription, nothing more.',
  privacySecret:
    'This list can only be checked by sending the numbers themselves to the server, which this page never does. Ask the operator for the command-line tool.',
  verifyHeading: 'Check that this list comes from the operator',
  keyHelp:
    'The page checks the list’s signature with the operator’s key below. The first time, compare the key’s fingerprint character by character with the one the operator gave you (in your contract, by letter or by phone). If they differ, this page is not the operator’s: close it.',
  fingerprintLabel: 'Key fingerprint',
  publicKeyLabel: 'Full key',
  copyFingerprint: 'Copy the fingerprint',
  copyPublicKey: 'Copy the key',
  copied: 'Copied',
  excelSafeLabel: 'Files to open in Excel: protect them from formulas in the cells',
  excelSafeHelp:
    "A cell that starts with = + - or @ (or a tab) is run as a formula by Excel, LibreOffice and Google Sheets; ticked, such a cell gets a ' before it in a CSV file and a workbook's formulas are written as their values. Numbers and phone numbers (+33 6 12 34 56 78) are never changed. Untick it for files meant for a dialler or a CRM, which then get every row byte for byte.",
  formulasNeutralised:
    "{cells} {cells|cell that a spreadsheet would have run as a formula was|cells that a spreadsheet would have run as formulas were} written as text (with a ' before) or as {cells|its value|their values}.",
  formulasKept:
    '{cells} {cells|cell starts|cells start} with = + - or @ and {cells|was|were} written as {cells|it|they} came: a spreadsheet would run {cells|it as a formula|them as formulas}.',
  listIdentifier: 'List identifier: {epoch}',
};

const status = {
  scopesLine:
    'A registration can refuse only some channels ({channels}) or subjects ({sectors}): companies check for the calls they make.',
  partitionsLine:
    'The list is sold in {count} {count|part|parts}: each company downloads, and checks, only the parts it subscribed to.',
  title: 'quietlist — do-not-call list',
  heading: 'The do-not-call list, checked without sharing your files',
  intro:
    'This list holds the phone numbers of people who registered to refuse sales calls. Companies must not call them, so they check their call lists against this list before calling.',
  cta: 'Clean a call list',
  ctaHelp: 'In your browser: your file stays on your computer and is never sent to anyone.',
  listOf: 'The list of {date} holds {entries} registered {entries|number|numbers}.',
  registerRules: '{register}: {validity} {window}',
  validityNever: 'registrations never expire;',
  validityYears: 'registrations last {years} {years|year|years};',
  windowDays: 'call only from a list at most {days} {days|day|days} old.',
  windowNone: 'use a list no older than a month.',
  unavailable: 'The list is not available right now. {problem}',
  rollback:
    'The server refused an older list that was offered to it, and keeps serving the one above (since {time}).',
  refusedPointer:
    'The server refused the latest list it was given (expired, or failing its signature checks), and keeps serving the one above (since {time}).',
  privacyHeading: 'What this list protects',
  privacyOprf:
    'Each check needs the server’s help, counted against the company’s subscription; the server never sees the numbers checked, and the list itself never leaves the operator.',
  privacySecret:
    'Checks go through this server, which sees the numbers checked (it does not record them); the list itself never leaves the operator.',
  privacyOpen:
    'Anyone with this list’s files can test any number offline, and can rebuild the list by trying every number: all mobile numbers in {mobiles} on one computer, every number in {all}. This protects the companies’ call lists, not the registered people.',
  privacyOpenUnmeasured:
    'Anyone with this list’s files can test any number offline, and can rebuild the list by trying every number ({perSecond} per second on one computer). This protects the companies’ call lists, not the registered people.',
  technicalHeading: 'Technical details',
  technicalHelp: 'For developers, integrators and auditors.',
  register: 'Register',
  epoch: 'List identifier (epoch)',
  built: 'Built',
  published: 'Published',
  expires: 'Announcement valid until',
  expiresNote: '(signed; the operator renews it with every build)',
  entries: 'Numbers listed',
  epsilon: 'False-positive rate (ε)',
  epsilonValue: '{rate} (1 in {inverse})',
  mode: 'Mode',
  shards: 'Filter files',
  manifestHash: 'Manifest SHA-256',
  fingerprint: 'Signing key fingerprint',
  publicKey: 'Signing public key (base64)',
  pullHelp: 'With the command line, pinning the key, or the fingerprint you were given by the operator:',
  keyChain: 'Key chain',
  keyChainValue: 'configured {configured}, followed to {current} through signed announcements',
  nextKey: 'Next signing key (announced)',
  nextKeyValue: '{next}: later lists are signed by it; clients follow',
  links: 'Links',
  apiDocs: 'API documentation',
  openApi: 'OpenAPI document',
  latestManifest: 'Latest signed manifest',
  thisManifest: 'This list’s manifest',
  shardLink: '{bytes} bytes',
  moreShards: '… {count} more filter {count|file|files}: see the manifest',
  health: 'Service health',
};

/** What each API error means to the person using the page (the codes: src/core/api-errors.ts). */
const apiErrors: Record<ApiErrorCode, string> = {
  INVALID_SCOPE:
    'The page asked for a channel or subject this list does not have. Reload the page and choose again.',
  PARTITION_NOT_ENTITLED:
    'Your access key does not cover this part of the list. Ask the operator to add it to your subscription.',
  INVALID_JSON: 'The server did not understand the page’s request. Reload the page and try again.',
  INVALID_REQUEST: 'The server did not understand the page’s request. Reload the page and try again.',
  TOO_MANY_NUMBERS: 'The page sent too many numbers at once. Reload the page and try again.',
  INVALID_ELEMENT: 'The server refused a scrambled number sent by the page. Reload the page and try again.',
  INVALID_PATH: 'The page asked the server for something that does not exist. Reload the page.',
  NUMBER_IN_URL: 'The page’s request was refused because its address looked like a phone number.',
  UNAUTHORIZED:
    'Your access key was not accepted. Check that you copied all of it; if it still fails, ask the operator whether it is still valid.',
  FORBIDDEN: 'Your access key does not allow checking numbers. Ask the operator for a key that does.',
  NOT_FOUND: 'The server does not have what the page asked for. Reload the page.',
  METHOD_NOT_ALLOWED: 'The server refused the page’s request. Reload the page.',
  PAYLOAD_TOO_LARGE: 'The page sent the server too much at once. Reload the page and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'The server did not understand the page’s request. Reload the page.',
  RANGE_NOT_SATISFIABLE: 'The list changed during the download. Reload the page.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a minute, then try again.',
  QUOTA_EXCEEDED: 'Your subscription’s allowance is used up until {time}.',
  OPRF_KEY_RETIRED: 'The do-not-call list was renewed in the meantime. Reload the page and start again.',
  INTERNAL:
    'The server had an unexpected problem. Try again in a few minutes; if it persists, tell the operator.',
  UNSUPPORTED_MODE: 'This server cannot check this list from a browser. Ask the operator.',
  NO_EPOCH: 'No do-not-call list has been published on this server yet.',
  STORAGE_UNAVAILABLE: 'The server is unavailable for the moment. Try again in a few minutes.',
  INTEGRITY_FAILURE:
    'The list on the server failed its checks, so the server refuses to answer. Tell the operator.',
  STALE_EPOCH: 'The server refused an outdated list. Tell the operator.',
  POINTER_EXPIRED:
    'The list on the server has expired: the operator must build a new one or run quietlist renew. Until then the server refuses to answer; tell the operator.',
  MISCONFIGURED: 'The server is not set up correctly for this list. Tell the operator.',
  LIST_NOT_LIVE: 'This list does not take additions between its builds.',
  ADDITIONS_DISABLED: 'This server does not take additions to lists.',
  TIMESTAMPS_DISABLED: 'This server does not countersign receipts.',
};

/** Why a value of the file is not a phone number (the reject reasons of the rejects file). */
const reasons: Record<ScrubRejectReason, string> = {
  NOT_ENTITLED:
    'a number of a part of the list your subscription does not cover: it was not checked, do not call it',
  EMPTY: 'no number in the cell',
  NOT_A_NUMBER: 'not a phone number',
  INVALID_COUNTRY: 'unknown country code',
  TOO_SHORT: 'too short for a phone number of its country',
  TOO_LONG: 'too long for a phone number of its country',
  INVALID_LENGTH: 'not a possible length for its country',
  EXCEL_SCIENTIFIC:
    'Excel showed the number as 3.37E+10 and lost digits: format the column as text in the original file and export it again',
  SEVERAL_NUMBERS: 'several numbers in one cell: put one number per cell',
  NO_FIELD: 'the row is shorter than the header: the phone column is missing',
  NO_VALID_READING: 'not a number in use, however it is read (with or without a lost +, 00 or 0)',
  LEADING_MINUS:
    'starts with a minus sign, as a spreadsheet writes a negative number: write the number without it',
};

/** What went wrong outside the API, in the person's words. */
const problems = {
  fileEmpty: 'The file is empty.',
  fileNoHeader: 'The file has no header row: its first line must name the columns.',
  fileNotCsv:
    'The file could not be read as a list (its quotes or separators are broken). Open it in Excel and save it again as CSV or .xlsx.',
  kindPdf:
    'This is a PDF document, not a call list. Export the list from the software that holds it (your CRM, Excel) as CSV or Excel, then choose that file.',
  kindImage:
    'This is a picture, not a call list. Export the list from the software that holds it as CSV or Excel, then choose that file.',
  kindWord:
    'This is a text document, not a call list. Copy the table into Excel and save it as .xlsx, then choose that file.',
  kindPresentation: 'This is a presentation, not a call list. Choose the CSV or Excel file of the list.',
  kindArchive: 'This is a compressed archive. Extract it first, then choose the CSV or Excel file inside.',
  kindXls:
    'This is an old Excel file (.xls), which the page does not read. Open it in Excel and save it as .xlsx (File › Save As), then choose that file.',
  kindHtml:
    'This is a web page saved under a spreadsheet’s name. Open it in Excel and save it as .xlsx, then choose that file.',
  kindRtf: 'This is a text document (RTF), not a call list. Choose the CSV or Excel file of the list.',
  kindProgram: 'This is a program, not a call list. Choose the CSV or Excel file of the list.',
  workbookUnreadable:
    'The spreadsheet could not be opened. Open it in Excel or LibreOffice, save it again as .xlsx, then choose that file.',
  workbookEmpty: 'The first sheet of the spreadsheet is empty.',
  workbookTooBig:
    'The spreadsheet is too large to clean in a browser. Save it as CSV and choose that file, or use the command-line tool.',
  keyMalformed:
    'This is not an access key: a key starts with ql_ and is one long word. Copy it again from the operator’s message.',
  listInvalid:
    'The list failed its signature or integrity check, so it is not used. Do not go further, and tell the operator.',
  listTooOld:
    'The list on this server is older than the register allows companies to call from. Tell the operator.',
  pageOutdated: 'This page is out of date for the list on the server. Reload the page.',
  listChanged: 'The do-not-call list was renewed during the check. Reload the page and start again.',
  secretMode:
    'This list can only be checked by sending the numbers themselves to the server, which this page never does. Ask the operator for the command-line tool.',
  network: 'The server could not be reached. Check your internet connection and try again.',
  additionsUnavailable:
    'The latest additions to this list could not be read, so no answer was given (a number added in the last minutes could be missed). Try again in a minute.',
  serverUnavailable: 'The server is unavailable for the moment. Try again in a few minutes.',
  privateDownloads:
    'This server shares its list with subscribers only: enter your access key, then try again.',
  unexpected:
    'Something unexpected went wrong. Reload the page and try again; if it happens again, tell the operator.',
};

export const en = { page, status, apiErrors, reasons, problems };

/** The shape every language has: the same groups and keys, each a string. */
export type PageStrings = {
  readonly [Group in keyof typeof en]: { readonly [Key in keyof (typeof en)[Group]]: string };
};
export type PageKey = keyof typeof page;
export type StatusKey = keyof typeof status;
export type ProblemKey = keyof typeof problems;
