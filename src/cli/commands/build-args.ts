/**
 * The options of `quietlist build`, apart from what it does with them (build.ts): the register and
 * list, the keys, how the export is read, and how the filters are sized, checked and published.
 */
import { DEFAULT_MAX_BAD_DATE_RATE } from '../../builder/build-guards.ts';
import { DEFAULT_POINTER_LIFETIME_DAYS } from '../../core/epoch/pointer.ts';
import { DEFAULT_MODE } from '../../core/privacy/mode-privacy.ts';
import { BUILTIN_PROFILES } from '../../core/registers/builtin-profiles.ts';
import { TEXT_ENCODINGS } from '../../core/text/encoding.ts';
import { BUILD_MODE_HELP } from '../build-mode.ts';
import { defineArgs } from '../define-args.ts';
import { DEFAULT_LIST_REGION } from '../register-args.ts';
import { storeArgs } from '../store-args.ts';

export const buildArgs = defineArgs({
  input: {
    type: 'positional',
    description: 'Registry export: CSV, NDJSON or one number per line; .gz; - for stdin',
    required: true,
  },
  register: {
    type: 'string',
    description: `The register this list is (its plan, validity and rescrub window go into the signed manifest): ${BUILTIN_PROFILES.map((profile) => profile.id).join(', ')}, or a profile file (.json). Default: a list of your own`,
  },
  name: { type: 'string', description: "Without --register: the list's name, shown to subscribers" },
  list: {
    type: 'string',
    description:
      'The list to publish (default: the store root, `default`): another list goes under lists/NAME/ of the store, with keys derived from the list seed (docs/OPERATIONS.md, "Lists")',
  },
  live: {
    type: 'boolean',
    description:
      'The list takes live additions: announce the additions key (additions.pub) and fold what was added since the last build. Default: on for --list, off for the default list; --no-live refuses on a list that is live',
  },
  'additions-public-key': {
    type: 'string',
    description: 'With --live: the additions public key (file or base64; default: additions.pub in --keys)',
  },
  'list-seed': {
    type: 'string',
    description:
      'With --list: the list seed file (or $QUIETLIST_LIST_SEED; default: list-seed.key in --keys)',
  },
  ...storeArgs,
  keys: { type: 'string', description: 'Directory of keygen files', default: '.quietlist/keys' },
  'signing-key': { type: 'string', description: 'Ed25519 secret key file (or $QUIETLIST_SIGNING_KEY)' },
  'hash-key': { type: 'string', description: 'Hash key file (or $QUIETLIST_HASH_KEY)' },
  mode: {
    type: 'enum',
    options: ['open', 'secret', 'oprf'],
    default: DEFAULT_MODE,
    description: BUILD_MODE_HELP,
  },
  'oprf-key': { type: 'string', description: 'OPRF key file, oprf mode (or $QUIETLIST_OPRF_KEY)' },
  'oprf-state': {
    type: 'string',
    default: '.quietlist/oprf-state',
    description: 'Private directory of the incremental oprf state (never the published bucket)',
  },
  'announce-next-key': {
    type: 'string',
    description:
      'Signing-key rotation: announce this successor public key (file or base64) in the epoch, signed by the current key; later builds sign with the successor',
  },
  'full-rebuild': {
    type: 'boolean',
    description: 'oprf mode: evaluate every number again (required after a key rotation)',
  },
  format: {
    type: 'enum',
    options: ['csv', 'ndjson', 'text'],
    description: 'Input format (default: from the file name, else sniffed)',
  },
  column: {
    type: 'string',
    description: 'Phone column: header name or 1-based position (CSV, NDJSON field)',
  },
  'date-column': {
    type: 'string',
    description:
      'Registration-date column (default: found by its header); rows older than the validity period are dropped',
  },
  'channels-column': {
    type: 'string',
    description:
      'Scoped registers (es-robinson): the column of the channels a registration is limited to (default: found by its header; none: every channel)',
  },
  'sectors-column': {
    type: 'string',
    description:
      'Scoped registers: the column of the advertising sectors a registration is limited to (default: found by its header; none: every sector)',
  },
  'date-format': {
    type: 'string',
    description:
      "How non-ISO dates are written: DD/MM/YYYY, MM/DD/YYYY, DD/MM/YY, YYYY-MM-DD, auto (default: the register's, else DD/MM/YYYY)",
  },
  'max-bad-date-rate': {
    type: 'string',
    default: String(DEFAULT_MAX_BAD_DATE_RATE),
    description: 'Refuse to publish above this share of unreadable or ambiguous dates',
  },
  'no-expiry': {
    type: 'boolean',
    description: 'Build without registration dates on purpose (no expiry, no warning)',
  },
  encoding: {
    type: 'string',
    default: 'auto',
    description: `Text encoding: auto, ${TEXT_ENCODINGS.join(', ')}`,
  },
  'allow-empty': {
    type: 'boolean',
    description: 'Publish an export with no valid number (refused otherwise)',
  },
  header: {
    type: 'enum',
    options: ['auto', 'yes', 'no'],
    default: 'auto',
    description: 'Whether the CSV has a header row',
  },
  region: {
    type: 'string',
    description: `Without --register: region for numbers in national format (default ${DEFAULT_LIST_REGION})`,
  },
  jurisdiction: {
    type: 'string',
    description:
      "Without --register: calling codes accepted: 'plan' (the region's dialling plan: FR covers +33 and its overseas codes; the default), 'any', or regions (GB,IE)",
  },
  'validity-years': {
    type: 'string',
    description: 'Without --register: registrations expire after this many years (default: never)',
  },
  'reference-date': {
    type: 'string',
    description: 'YYYY-MM-DD the validity is judged at (default today, UTC)',
  },
  'fp-rate': { type: 'string', default: '1e-6', description: 'Target false-positive rate' },
  'shard-max-bytes': {
    type: 'string',
    default: String(16 * 1024 * 1024),
    description: 'Largest shard file',
  },
  'new-geometry': {
    type: 'boolean',
    description: "Size the shards anew even if the previous epoch's still fit (no deltas this night)",
  },
  keep: { type: 'string', default: '7', description: 'Epochs kept by retention' },
  'retention-grace': {
    type: 'string',
    default: '600',
    description: "Seconds an epoch is kept after it was superseded (at least the servers' --pointer-ttl)",
  },
  'max-reject-rate': {
    type: 'string',
    default: '0.01',
    description: 'Refuse to publish above this share of rejected rows',
  },
  'max-shrink': {
    type: 'string',
    default: '0.1',
    description: 'Refuse to publish if entries fall by more than this share',
  },
  rejects: { type: 'string', description: 'Write the reject report (CSV, values masked) to this file' },
  'temp-dir': {
    type: 'string',
    description:
      'Directory for the temporary digest file and the finished shards until they are published (default: the OS temp dir; about 16 bytes per number)',
  },
  'pointer-expiry': {
    type: 'string',
    default: String(DEFAULT_POINTER_LIFETIME_DAYS),
    description:
      'Days until readers refuse the signed latest.json: build or `quietlist renew` more often (docs/OPERATIONS.md)',
  },
  'dry-run': { type: 'boolean', description: 'Build and verify, publish nothing' },
  json: { type: 'boolean', description: 'Print the summary as JSON' },
});
