// `npm pack` around the package's manifest: "strip" (prepack) removes the repository-only `prepare`
// script (it builds the native addon from sources the package does not ship; npm would list it as an
// install script to allow), "restore" (postpack) puts package.json back byte for byte, as pinst does.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const manifest = new URL('../package.json', import.meta.url);
const saved = new URL('../.package.json.prepack', import.meta.url);
const action = process.argv[2];
if (action === 'strip') {
  const text = readFileSync(manifest, 'utf8');
  if (!existsSync(saved)) writeFileSync(saved, text);
  const json = JSON.parse(text);
  delete json.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(json, null, 2)}\n`);
} else if (action === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(1);
}
