/** `quietlist build`: the nightly job (see README "Operations"). */

import { join } from 'node:path';
import { defineCommand } from 'citty';
import { DEFAULT_MAX_BAD_DATE_RATE, TooManyRejectsError } from '../../builder/build-guards.ts';
import { readRegistry } from '../../builder/input/read-registry.ts';
import type { InputDescription } from '../../builder/input/record.ts';
import { formatFromName, type InputFormat } from '../../builder/input/record.ts';
import { parseDateFormat } from '../../builder/input/registration-date.ts';
import { isoDateOf } from '../../builder/input/registration-validity.ts';
import { openInput } from '../../builder/input/source.ts';
import { runBuild } from '../../builder/run-build.ts';
import {
  loadAdditionsPublicKey,
  loadFormerPublicKeys,
  loadHashKey,
  loadListSeed,
  loadOprfKey,
  loadPublicKey,
  loadSigningKeyPair,
} from '../../config/key-material.ts';
import { DEFAULT_POINTER_LIFETIME_DAYS } from '../../core/epoch/pointer.ts';
import { QuietlistError } from '../../core/errors.ts';
import { listHashKey, listOprfKeyInfo } from '../../core/lists/list-keys.ts';
import { assertListName, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { isRegionCode } from '../../core/phone/normalize.ts';
import { type Jurisdiction, jurisdictionOf } from '../../core/phone/numbering-plan.ts';
import { DEFAULT_MODE } from '../../core/privacy/mode-privacy.ts';
import { BUILTIN_PROFILES } from '../../core/registers/builtin-profiles.ts';
import { type RegisterProfile, registerRulesOf } from '../../core/registers/profile.ts';
import { isEncodingChoice, TEXT_ENCODINGS } from '../../core/text/encoding.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { listStore } from '../../storage/list-store.ts';
import { BUILD_MODE_HELP, chosenBuildMode } from '../build-mode.ts';
import { runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { DEFAULT_LIST_REGION, resolveRegister } from '../register-args.ts';
import { RejectReport } from '../reject-report.ts';
import { cleanUpOnSignal } from '../stop-on-signal.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { type BuildOutcome, buildSummary, buildSummaryLines } from './build-summary.ts';
import { parseNumberArg } from './parse-number-arg.ts';
import { warn } from './pull.ts';

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Build signed Bloom filters from a registry export and publish them' },
  args: {
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
      description: 'Directory for the temporary digest file (default: the OS temp dir)',
    },
    'pointer-expiry': {
      type: 'string',
      default: String(DEFAULT_POINTER_LIFETIME_DAYS),
      description:
        'Days until readers refuse the signed latest.json: build or `quietlist renew` more often (docs/OPERATIONS.md)',
    },
    'dry-run': { type: 'boolean', description: 'Build and verify, publish nothing' },
    json: { type: 'boolean', description: 'Print the summary as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      // Stopped by a signal, the build removes its temporary files first (the process ends with it).
      cleanUpOnSignal('build');
      if (args['validity-years'] !== undefined)
        parseNumberArg(args['validity-years'], '--validity-years', { min: 0.01, max: 100 });
      const profile = resolveRegister(args);
      const region = profile.region as 'FR';
      const referenceDate = args['reference-date'] ?? new Date().toISOString().slice(0, 10);
      if (isoDateOf(referenceDate) !== referenceDate)
        throw new QuietlistError('INVALID_ARGUMENT', '--reference-date must be YYYY-MM-DD');
      if (!isEncodingChoice(args.encoding.toLowerCase()))
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          `--encoding ${args.encoding} is not one of auto, ${TEXT_ENCODINGS.join(', ')}`,
        );
      const encoding = args.encoding.toLowerCase() as 'auto';
      const dateFormat = parseDateFormat(args['date-format'] ?? profile.dateFormat);
      // citty reads --no-expiry as expiry=false.
      const askedNoExpiry = args['no-expiry'] === true || (args as { expiry?: boolean }).expiry === false;
      if (askedNoExpiry && args['date-column'] !== undefined)
        throw new QuietlistError('INVALID_ARGUMENT', '--no-expiry and --date-column contradict each other');
      // A register whose registrations never expire needs no dates: none are read, none are warned about.
      const noExpiry = askedNoExpiry || profile.validity === 'never';
      if (profile.validity === 'never' && args['date-column'] !== undefined)
        warn(
          `--date-column ${args['date-column']} is not read: registrations of ${profile.id === 'custom' ? 'this list' : profile.id} never expire${profile.id === 'custom' ? ' (pass --validity-years N to drop older ones)' : ''}`,
        );
      const list = args.list === undefined ? DEFAULT_LIST : assertListName(args.list, '--list');
      const derived = list !== DEFAULT_LIST;
      if (derived && (args['hash-key'] !== undefined || args['oprf-key'] !== undefined)) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          '--hash-key and --oprf-key are for the default list: the keys of --list derive from the list seed (servers derive the same)',
        );
      }
      // citty reads --no-live as live=false. A partitioned register's lists take no live additions
      // (an addition is a digest: nothing says which partition it belongs to).
      const live = args.live ?? (derived && registerRulesOf(profile).partition === undefined);
      const store = listStore(storeFromArgs(args), list);
      const scopeColumns = scopeColumnsOf(profile, args);
      const keySources = {
        keysDirectory: args.keys,
        signingKeyFile: args['signing-key'],
        hashKeyFile: args['hash-key'],
        oprfKeyFile: args['oprf-key'],
        listSeedFile: args['list-seed'],
      };
      const mode = chosenBuildMode(args.mode, region);
      const signingKeys = loadSigningKeyPair(keySources);
      const seed = derived ? loadListSeed(keySources) : undefined;
      const hashKey = mode === 'oprf' ? undefined : seed ? listHashKey(seed, list) : loadHashKey(keySources);
      const backend = mode === 'oprf' ? await createOprfBackend({ prefer: 'fast' }) : undefined;
      const oprf = backend
        ? {
            backend,
            secretKey: seed
              ? backend.deriveKeyPair(seed, listOprfKeyInfo(seed, list)).secretKey
              : loadOprfKey(keySources),
            // Each list's private state beside the default list's (each is keyed by its own OPRF key).
            stateDirectory: derived ? join(args['oprf-state'], 'lists', list) : args['oprf-state'],
            fullRebuild: args['full-rebuild'] ?? false,
          }
        : undefined;
      const additionsKey = live
        ? loadAdditionsPublicKey({
            keysDirectory: args.keys,
            additionsPublicKey: args['additions-public-key'],
          })
        : undefined;
      const report = new RejectReport(args.rejects);
      const progress = createProgress('build');
      const started = performance.now();
      const format = (args.format as InputFormat | undefined) ?? formatFromName(args.input);
      const input: InputDescription = {};
      const rows = readRegistry(
        openInput(args.input),
        {
          format,
          encoding,
          column: args.column,
          dateColumn: args['date-column'],
          noDateColumn: noExpiry,
          header: args.header as 'auto' | 'yes' | 'no',
          ...(scopeColumns ? { scopeColumns } : {}),
        },
        region,
        input,
      );
      const jurisdiction =
        profile.jurisdiction === 'plan'
          ? parseJurisdiction(args.jurisdiction ?? 'plan', region)
          : parseJurisdiction(profile.jurisdiction.join(','), region);
      const result = await runBuild({
        rows,
        list,
        additionsKey,
        region,
        jurisdiction,
        mode,
        hashKey,
        oprf,
        signingKeys,
        announceNextKey: args['announce-next-key']
          ? loadPublicKey({ publicKey: args['announce-next-key'] })
          : undefined,
        formerPublicKeys: loadFormerPublicKeys(args.keys),
        pointerLifetimeDays: parseNumberArg(args['pointer-expiry'], '--pointer-expiry', {
          min: 0.01,
          max: 366,
        }),
        falsePositiveRate: parseNumberArg(args['fp-rate'], '--fp-rate', { min: 1e-12, max: 0.49 }),
        register: registerRulesOf(profile),
        // The export is read with the profile's channels and sectors, aliases included; never signed.
        ...(profile.scopes ? { exportScopes: profile.scopes } : {}),
        validity:
          noExpiry || profile.validity === 'never'
            ? undefined
            : { years: profile.validity.years, referenceDate },
        dateFormat,
        maxBadDateRate: parseNumberArg(args['max-bad-date-rate'], '--max-bad-date-rate', { min: 0, max: 1 }),
        allowEmpty: args['allow-empty'] ?? false,
        shardMaxBytes: parseNumberArg(args['shard-max-bytes'], '--shard-max-bytes', {
          min: 1024,
          max: 2 ** 29,
          integer: true,
        }),
        newGeometry: args['new-geometry'] ?? false,
        tempDirectory: args['temp-dir'],
        store,
        dryRun: args['dry-run'] ?? false,
        keepEpochs: parseNumberArg(args.keep, '--keep', { min: 1, max: 10_000, integer: true }),
        retention: {
          supersededGraceMs:
            parseNumberArg(args['retention-grace'], '--retention-grace', { min: 0, max: 30 * 86_400 }) * 1000,
        },
        maxRejectRate: parseNumberArg(args['max-reject-rate'], '--max-reject-rate', { min: 0, max: 1 }),
        maxShrink: parseNumberArg(args['max-shrink'], '--max-shrink', { min: 0, max: 1 }),
        now: new Date(),
        onReject: (row) => report.add(row),
        onProgress: (counts) =>
          progress.update(`${counts.rows.toLocaleString('en')} rows, ${counts.rejected} rejected`),
      })
        .catch((error: unknown) => {
          // A refused export: say why, row by row, where the error alone would leave the operator guessing.
          if (error instanceof TooManyRejectsError)
            throw new QuietlistError('DATA_REJECTED', `${error.message}: ${report.summary()}`);
          throw error;
        })
        .finally(async () => {
          progress.done();
          await report.close();
        });
      const seconds = (performance.now() - started) / 1000;
      const outcome: BuildOutcome = {
        list,
        storeDescription: store.description,
        profile,
        input,
        dateFormatLabel: dateFormat.label,
        report,
        jurisdiction,
        signingPublicKey: signingKeys.publicKey,
        signingKeyFile: args['signing-key'],
        result,
        seconds,
      };
      if (args.json) {
        process.stdout.write(`${JSON.stringify(buildSummary(outcome), null, 2)}\n`);
        return;
      }
      const lines = buildSummaryLines(outcome);
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
});

/**
 * `--channels-column` / `--sectors-column`: read for a scoped register (found by their headers when
 * not given); refused for a register without scopes, whose registrations cover everything.
 */
function scopeColumnsOf(
  profile: RegisterProfile,
  args: { 'channels-column'?: string; 'sectors-column'?: string },
): { channels?: string; sectors?: string } | undefined {
  const channels = args['channels-column'];
  const sectors = args['sectors-column'];
  if (!profile.scopes) {
    const given =
      channels !== undefined ? '--channels-column' : sectors !== undefined ? '--sectors-column' : null;
    if (given)
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `${given}: ${profile.id} declares no channels or sectors (a profile file declares them: docs/REGISTERS.md)`,
      );
    return undefined;
  }
  return {
    ...(channels === undefined ? {} : { channels }),
    ...(sectors === undefined ? {} : { sectors }),
  };
}

/** `--jurisdiction`: the region's plan (default), every calling code, or a list of regions. */
function parseJurisdiction(value: string, region: string): Jurisdiction | 'any' {
  if (value === 'any') return 'any';
  if (value === 'plan') return jurisdictionOf(region);
  const regions = value.split(',').map((part) => part.trim().toUpperCase());
  const unknown = regions.filter((code) => !isRegionCode(code));
  if (unknown.length > 0 || regions.length === 0)
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `--jurisdiction: ${unknown.join(', ') || value} is not a region code`,
    );
  const plans = regions.map((code) => jurisdictionOf(code));
  return {
    regions: plans.flatMap((plan) => plan.regions),
    homeCallingCode: plans[0]!.homeCallingCode,
    callingCodes: new Set(plans.flatMap((plan) => [...plan.callingCodes])),
  };
}
