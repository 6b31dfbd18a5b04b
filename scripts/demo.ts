/**
 * `npm start`: the embedded default, entirely offline. Creates operator keys (once), writes the
 * synthetic sample registry, starts the edge worker with `wrangler dev` (workerd + a local R2 bucket),
 * builds and publishes the sample into that bucket through its S3 API, adds an API key, and shows
 * working `curl` and `quietlist` commands. `npm start -- --once` stops after the first check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spellings } from './fictional-numbers.ts';
import { generateSampleRegistry, SAMPLE_REFERENCE_DATE } from './generate-sample.ts';
import { preferredPort, startWranglerDev, WORKER_CONFIG } from './wrangler-dev.ts';

const BIN = fileURLToPath(new URL('../bin/quietlist.mjs', import.meta.url));
const KEYS = '.quietlist/keys';
const SAMPLE = '.quietlist/sample/registry.csv';
const once = process.argv.includes('--once');

function quietlist(args: string[], env: Record<string, string> = {}, capture = false): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout ?? '';
}

if (!existsSync(`${KEYS}/signing.key`)) quietlist(['keygen', '--out', KEYS]);
mkdirSync('.quietlist/sample', { recursive: true });
const sample = generateSampleRegistry(30_000);
writeFileSync(SAMPLE, sample.csv);
process.stdout.write(
  `\nsample registry: ${SAMPLE} (30,000 synthetic registrations, fictional numbering blocks)\n`,
);

const publicKey = readFileSync(`${KEYS}/signing.pub`, 'utf8').trim();
const port = await preferredPort(8787);
process.stdout.write(
  `starting the worker (wrangler dev, offline, local R2 in .quietlist/wrangler-state) on port ${port}…\n\n`,
);
const dev = await startWranglerDev({
  configPath: WORKER_CONFIG,
  port,
  persistDir: '.quietlist/wrangler-state',
  vars: { QUIETLIST_PUBLIC_KEY: publicKey },
});
const s3 = {
  QUIETLIST_S3_ACCESS_KEY_ID: dev.accessKeyId,
  QUIETLIST_S3_SECRET_ACCESS_KEY: dev.secretAccessKey,
};
const store = ['--store', `s3://${dev.bucket}`, '--s3-endpoint', dev.s3Endpoint];

quietlist(
  [
    'build',
    SAMPLE,
    ...store,
    '--keys',
    KEYS,
    '--date-column',
    'registered_on',
    '--reference-date',
    SAMPLE_REFERENCE_DATE,
  ],
  s3,
);
const { key } = JSON.parse(quietlist(['keys', 'add', '--name', 'demo', '--json', ...store], s3, true)) as {
  key: string;
};

const listed = spellings(sample.registered[0]!)[3]!;
const free = sample.free[0]!;
const body = JSON.stringify({ numbers: [listed, free, 'not a number'] });
process.stdout.write(
  `\nThe worker is at ${dev.origin} (status page: ${dev.origin}/, API: ${dev.origin}/openapi.json). Check numbers:\n\n` +
    `  curl -s ${dev.origin}/v1/check -H 'authorization: Bearer ${key}' -H 'content-type: application/json' \\\n` +
    `       -d '${body}'\n\n`,
);
const response = await fetch(`${dev.origin}/v1/check`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body,
});
process.stdout.write(`${response.status} ${JSON.stringify(await response.json())}\n`);
process.stdout.write(
  `\nOr from the bucket directly, as the operator:\n  QUIETLIST_S3_ACCESS_KEY_ID=${dev.accessKeyId} QUIETLIST_S3_SECRET_ACCESS_KEY=${dev.secretAccessKey} \\\n` +
    `  npx quietlist check ${store.join(' ')} '${listed}' '${free}'\n`,
);

if (once) {
  await dev.stop();
} else {
  process.stdout.write('\nThe worker keeps running; Ctrl-C stops it.\n');
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void dev.stop().then(() => process.exit(0)));
}
