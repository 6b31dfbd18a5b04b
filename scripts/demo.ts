/**
 * `npm start`: the default, private path end to end, entirely offline. Creates operator keys (once),
 * writes the synthetic sample registry, starts the edge worker with `wrangler dev` (workerd + a local R2
 * bucket) holding the OPRF key, builds the sample in oprf mode (the default) into that bucket through its
 * S3 API, adds a subscriber key, then does what a company does: `pull` the signed filter, `check --worker`
 * a few numbers and `scrub --worker` a small call list, each number evaluated blinded by the worker (it
 * never sees one). Then an advertiser's own objection list, live: built beside the registry as list
 * `acme`, an objection posted by its owner (only blinded evaluations leave its machine), and the call
 * centre's next pull answering it listed, naming the list. `npm start -- --once` stops after that.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fictionalNumber, spellings } from './fictional-numbers.ts';
import { generateSampleRegistry, SAMPLE_REFERENCE_DATE } from './generate-sample.ts';
import { sampleCallList } from './sample-call-list.ts';
import { preferredPort, startWranglerDev, WORKER_CONFIG } from './wrangler-dev.ts';

const BIN = fileURLToPath(new URL('../bin/quietlist.mjs', import.meta.url));
const KEYS = '.quietlist/keys';
const SAMPLE_DIR = '.quietlist/sample';
const SAMPLE = `${SAMPLE_DIR}/registry.csv`;
const CALLS = `${SAMPLE_DIR}/calls.csv`;
const CLEAN = `${SAMPLE_DIR}/calls.clean.csv`;
const LISTED = `${SAMPLE_DIR}/calls.listed.csv`;
const REJECTS = `${SAMPLE_DIR}/calls.rejects.csv`;
const RECEIPT = `${SAMPLE_DIR}/calls.receipt.json`;
const API_KEY_FILE = `${SAMPLE_DIR}/api-key`;
const once = process.argv.includes('--once');

/** Runs the CLI; exit codes in `accept` (besides 0) are answers, not failures (check: 2 = an invalid number). */
function quietlist(
  args: string[],
  options: { env?: Record<string, string>; capture?: boolean; accept?: number[] } = {},
): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
  });
  if (result.status !== 0 && !options.accept?.includes(result.status ?? -1)) process.exit(result.status ?? 1);
  return result.stdout ?? '';
}

function section(title: string): void {
  process.stdout.write(`\n── ${title}\n`);
}

if (!existsSync(`${KEYS}/signing.key`) || !existsSync(`${KEYS}/oprf.key`)) {
  // New keys: what the demo derived from older ones (the oprf state, the local bucket's epochs, the
  // pinned cache, the quota and high-water files) would not match them, so it starts over.
  for (const derived of ['oprf-state', 'wrangler-state', 'cache', 'state'])
    rmSync(`.quietlist/${derived}`, { recursive: true, force: true });
  quietlist(['keygen', '--out', KEYS]);
} else if (
  !['timestamp.key', 'timestamp.cert', 'list-seed.key', 'additions.key'].every((name) =>
    existsSync(`${KEYS}/${name}`),
  )
) {
  // Keys from before the timestamp key or lists: keygen adds what is missing; nothing derived changes.
  quietlist(['keygen', '--out', KEYS]);
}
mkdirSync(SAMPLE_DIR, { recursive: true });
const sample = generateSampleRegistry(30_000);
writeFileSync(SAMPLE, sample.csv);
process.stdout.write(
  `\nsample registry: ${SAMPLE} (30,000 synthetic registrations, fictional numbering blocks)\n`,
);

const publicKey = readFileSync(`${KEYS}/signing.pub`, 'utf8').trim();
const port = await preferredPort(8787);
process.stdout.write(
  `starting the worker (wrangler dev, offline, local R2 in .quietlist/wrangler-state) on port ${port}…\n`,
);
const dev = await startWranglerDev({
  configPath: WORKER_CONFIG,
  port,
  persistDir: '.quietlist/wrangler-state',
  vars: {
    QUIETLIST_PUBLIC_KEY: publicKey,
    // The worker evaluates blinded numbers with the key the builder used. A --var, because wrangler dev
    // takes a secret from an env file or .dev.vars only when wrangler.jsonc lists it as required; it is
    // this machine's demo key, on this machine's command line.
    QUIETLIST_OPRF_KEY: readFileSync(`${KEYS}/oprf.key`, 'utf8').trim(),
    // And countersigns scrub receipts (POST /v1/receipts) with the timestamp key that keygen certified
    // with the signing key: the worker never holds the signing key (docs/OPERATIONS.md).
    QUIETLIST_TIMESTAMP_KEY: readFileSync(`${KEYS}/timestamp.key`, 'utf8').trim(),
    QUIETLIST_TIMESTAMP_CERT: readFileSync(`${KEYS}/timestamp.cert`, 'utf8'),
    // Every list beside the registry derives its keys from the list seed; the additions key signs the
    // live additions the worker's ListSequencer publishes.
    QUIETLIST_LIST_SEED: readFileSync(`${KEYS}/list-seed.key`, 'utf8').trim(),
    QUIETLIST_ADDITIONS_KEY: readFileSync(`${KEYS}/additions.key`, 'utf8').trim(),
  },
});
const stopOnSignal = () => void dev.stop().then(() => process.exit(130));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stopOnSignal);

const s3 = {
  QUIETLIST_S3_ACCESS_KEY_ID: dev.accessKeyId,
  QUIETLIST_S3_SECRET_ACCESS_KEY: dev.secretAccessKey,
};
const store = ['--store', `s3://${dev.bucket}`, '--s3-endpoint', dev.s3Endpoint];

section('the operator builds the registry (oprf, the default mode) into the local R2');
quietlist(
  [
    'build',
    SAMPLE,
    ...store,
    '--keys',
    KEYS,
    '--register',
    'fr-bloctel',
    '--date-column',
    'registered_on',
    '--reference-date',
    SAMPLE_REFERENCE_DATE,
  ],
  { env: s3 },
);
const { key } = JSON.parse(
  quietlist(['keys', 'add', '--name', 'demo', '--list', 'default,acme', '--json', ...store], {
    env: s3,
    capture: true,
  }),
) as { key: string };
writeFileSync(API_KEY_FILE, `${key}\n`, { mode: 0o600 });
process.stdout.write(`subscriber key "demo" added; the key is in ${API_KEY_FILE} (not printed)\n`);
const subscriber = { QUIETLIST_API_KEY: key };

section(`a company pulls the signed filter from the worker at ${dev.origin}`);
quietlist(['pull', '--from', dev.origin, '--public-key', `${KEYS}/signing.pub`]);

section('and checks numbers: each one blinded, evaluated by the worker, looked up locally');
const numbers = [
  spellings(sample.registered[0]!)[3]!,
  spellings(sample.registered[1]!)[2]!,
  spellings(sample.free[0]!)[1]!,
];
const checkArgs = ['check', '--worker', dev.origin, ...numbers.map((number) => `'${number}'`)];
process.stdout.write(`$ QUIETLIST_API_KEY=$(cat ${API_KEY_FILE}) npx quietlist ${checkArgs.join(' ')}\n`);
quietlist(['check', '--worker', dev.origin, ...numbers], { env: subscriber });

section(`then scrubs a call list: ${CALLS}`);
const calls = sampleCallList(sample);
writeFileSync(CALLS, calls.csv);
const scrubArgs = [
  'scrub',
  CALLS,
  '--column',
  'phone',
  '--out',
  CLEAN,
  '--listed',
  LISTED,
  '--rejects',
  REJECTS,
  '--receipt',
  RECEIPT,
  '--worker',
  dev.origin,
];
process.stdout.write(
  `${calls.rows} rows: ${calls.registered} registered and ${calls.free} free numbers in mixed spellings, ${calls.invalid} that are not numbers\n` +
    `$ QUIETLIST_API_KEY=$(cat ${API_KEY_FILE}) npx quietlist ${scrubArgs.join(' ')}\n`,
);
// The previous run's outputs go first: scrub never overwrites a file without --force.
for (const output of [CLEAN, LISTED, REJECTS, RECEIPT]) rmSync(output, { force: true });
quietlist(scrubArgs, { env: subscriber });
const cleanLines = readFileSync(CLEAN, 'utf8').trimEnd().split(/\r?\n/);
process.stdout.write(
  `\nthe first lines of ${CLEAN} (${cleanLines.length - 1} rows to call):\n${cleanLines
    .slice(0, 6)
    .map((line) => `  ${line}`)
    .join('\n')}\n` +
    `listed rows: ${LISTED}; rows that are not numbers: ${REJECTS}\n` +
    `the receipt (epoch, manifest and input hashes, counts), to keep with the records: ${RECEIPT}\n`,
);

section("an advertiser's own objection list, live: listed within a minute of the objection");
// ACME's customers (fictional numbers no register holds), built beside the registry as list "acme":
// its keys derive from the list seed, and a list other than the root one takes live additions.
const ACME = `${SAMPLE_DIR}/acme-customers.csv`;
const customers = Array.from({ length: 50 }, (_, i) => fictionalNumber(2 * (1000 + i) + 1));
writeFileSync(ACME, `phone\n${customers.join('\n')}\n`);
quietlist(['build', ACME, ...store, '--keys', KEYS, '--list', 'acme'], { env: s3, capture: true });
process.stdout.write(`list acme built from ${ACME} (${customers.length} customers; oprf, live)\n`);
const owner = {
  QUIETLIST_API_KEY: (
    JSON.parse(
      quietlist(['keys', 'add', '--name', 'ACME', '--list', 'acme', '--owner', '--json', ...store], {
        env: s3,
        capture: true,
      }),
    ) as { key: string }
  ).key,
};
const objection = sample.free[2]!;
const ownerCache = ['--cache', '.quietlist/acme-owner-cache'];
quietlist(
  ['pull', '--from', dev.origin, '--public-key', `${KEYS}/signing.pub`, '--list', 'acme', ...ownerCache],
  {
    env: owner,
    capture: true,
  },
);
process.stdout.write(
  `$ npx quietlist additions add '${objection}' --to ${dev.origin} --list acme --ttl 60d   # ACME's key\n`,
);
quietlist(
  ['additions', 'add', objection, '--to', dev.origin, '--list', 'acme', '--ttl', '60d', ...ownerCache],
  {
    env: owner,
  },
);
process.stdout.write('the call centre pulls both lists, then checks:\n');
quietlist(['pull', '--from', dev.origin, '--public-key', `${KEYS}/signing.pub`, '--list', 'default,acme'], {
  env: subscriber,
});
quietlist(['check', '--list', 'default,acme', '--worker', dev.origin, objection, sample.free[3]!], {
  env: subscriber,
});

process.stdout.write(
  `\nThe status page is at ${dev.origin}/ (the mode, what it protects, the signing key), the API at ${dev.origin}/openapi.json.\n` +
    `Scrub in the browser (the file stays on this machine; the API key is in ${API_KEY_FILE}): ${dev.origin}/scrub\n`,
);
if (once) {
  await dev.stop();
} else {
  process.stdout.write('The worker keeps running; Ctrl-C stops it.\n');
}
