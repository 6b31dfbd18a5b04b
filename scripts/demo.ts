/**
 * `npm start`: the embedded default. Creates operator keys (once), writes the synthetic sample
 * registry, builds and publishes it to the local store, and shows how to check numbers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spellings } from './fictional-numbers.ts';
import { generateSampleRegistry, SAMPLE_REFERENCE_DATE } from './generate-sample.ts';

const KEYS = '.quietlist/keys';
const SAMPLE = '.quietlist/sample/registry.csv';
const STORE = 'file://.quietlist/store';

function quietlist(...args: string[]): void {
  const result = spawnSync(process.execPath, ['bin/quietlist.mjs', ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(`${KEYS}/signing.key`)) quietlist('keygen', '--out', KEYS);
mkdirSync('.quietlist/sample', { recursive: true });
const sample = generateSampleRegistry(30_000);
writeFileSync(SAMPLE, sample.csv);
process.stdout.write(
  `\nsample registry: ${SAMPLE} (30,000 synthetic registrations, fictional numbering blocks)\n\n`,
);
quietlist(
  'build',
  SAMPLE,
  '--store',
  STORE,
  '--keys',
  KEYS,
  '--date-column',
  'registered_on',
  '--reference-date',
  SAMPLE_REFERENCE_DATE,
  '--rejects',
  '.quietlist/sample/rejects.csv',
);

const listed = spellings(sample.registered[0]!)[3]!;
const free = sample.free[0]!;
process.stdout.write(
  `\nCheck numbers against the published epoch (any spelling):\n  npx quietlist check --store ${STORE} '${listed}' '${free}'\n\n`,
);
quietlist('check', '--store', STORE, '--keys', KEYS, listed, free);
