/** The scrub page's English text. Same keys as fr.ts; `{name}` marks a value filled in by the page. */
export const en = {
  title: 'Clean a call list — quietlist',
  heading: 'Clean a call list against the do-not-call list',
  intro:
    'Choose your call list (CSV or Excel .xlsx). The page removes the numbers of people who registered to refuse telemarketing and gives you back the clean file, in the same format.',
  privacyHeading: 'What leaves your computer',
  privacyOpen:
    'Open mode: nothing. The page downloads the signed list and checks your file here, in this browser.',
  privacyOprf:
    'Private mode (oprf): your file stays here. For each number the page sends the server a blinded value, a random-looking code from which the server cannot learn the number; the server answers with a code the page unblinds and checks against the signed list. The server counts the numbers against your quota, nothing more.',
  privacySecret:
    'This list is published in secret mode: it can only be checked by sending the numbers themselves to the server. This page never does that. Use the quietlist command line (scrub --online) or the API instead.',
  keyHeading: 'The operator’s signing key',
  keyHelp:
    'The page checks the list’s signature against this key. Compare the fingerprint with the one the operator gave you (letter by letter) before you trust the result.',
  fingerprintLabel: 'Key fingerprint',
  publicKeyLabel: 'Public key (base64)',
  copyFingerprint: 'Copy the fingerprint',
  copyPublicKey: 'Copy the key',
  copied: 'Copied',
  epochLoading: 'Downloading and verifying the signed list…',
  epochProgress: 'Verifying the signed list: {done} of {total} parts',
  epochReady: 'Signed list verified: epoch {epoch}, built {built}, {entries} numbers, {mode} mode.',
  epochFailed: 'The signed list could not be verified: {message}',
  transferFresh: 'List downloaded: {downloaded} parts, {size}. Kept in this browser for the next visit.',
  transferUpdated:
    'List up to date: {reused} parts unchanged, {patched} patched from the changes, {downloaded} downloaded whole; {size} downloaded.',
  transferNotKept:
    'List verified: {reused} parts unchanged, {patched} patched, {downloaded} downloaded whole; {size} downloaded. This browser could not keep it (no storage here): the next visit downloads it again.',
  fileLabel: 'Call list (CSV or .xlsx)',
  fileRead: '{format} file, {columns} columns.',
  columnLabel: 'Column with the phone numbers',
  columnNone: '— choose a column —',
  apiKeyLabel: 'Your API key (private mode)',
  apiKeyHelp: 'Given by the operator with your subscription (ql_…). It is sent to this server only.',
  scrubButton: 'Clean the list',
  scrubbing: 'Cleaning: {rows} rows checked…',
  done: 'Done: {rows} rows, {clean} clean, {listed} on the do-not-call list, {invalid} rejected.',
  failed: 'The list could not be cleaned: {message}',
  downloadsHeading: 'Your files',
  downloadClean: 'Clean list (call these numbers)',
  downloadListed: 'Rows on the do-not-call list (do not call)',
  downloadRejects: 'Rejected rows, with the reason',
  downloadReceipt: 'Receipt (keep it as proof of the check)',
  receiptStamped: 'The receipt is countersigned by the operator.',
  language: 'Language',
  statusLink: 'Service status',
  noColumn: 'Choose the column that holds the phone numbers.',
  noFile: 'Choose a file first.',
  needKey: 'This list is in private mode: enter your API key.',
  doneOprf:
    'Done: {rows} rows, {clean} clean, {listed} on the do-not-call list, {invalid} rejected. Numbers blinded in this browser with {backend}.',
  modeLegend: 'What the main file holds',
  modeDrop: 'Only the rows to call (listed and invalid rows left out)',
  modeFlag: 'Every row, with a quietlist_status column: listed, not_listed or invalid',
  downloadFlagged: 'Every row, marked in its quietlist_status column',
  excelSafeLabel: 'Files to open in Excel: protect them from formulas in the cells',
  excelSafeHelp:
    "A cell that starts with = + - or @ (or a tab) is run as a formula by Excel, LibreOffice and Google Sheets; ticked, such a cell gets a ' before it in a CSV file and a workbook's formulas are written as their values. Numbers and phone numbers (+33 6 12 34 56 78) are never changed. Untick it for files meant for a dialler or a CRM, which then get every row byte for byte.",
  formulasNeutralised:
    "{cells} cell(s) that a spreadsheet would have run as formulas were written as text (a ' before them) or as their values.",
  formulasKept:
    '{cells} cell(s) start with = + - or @ and were written as they came: a spreadsheet would run them as formulas.',
} as const;

export type PageStrings = { readonly [K in keyof typeof en]: string };
