#!/usr/bin/env node
// Entry point, in syntax any Node can parse. Installed from the package it runs the compiled
// JavaScript (dist/) on Node >= 20; in the repository, where src/ is beside it, the TypeScript sources
// (Node >= 22.18 strips their types; no build step).
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
const inRepository = existsSync(new URL('../src/cli/main.ts', import.meta.url));
if (inRepository && (major < 22 || (major === 22 && minor < 18))) {
  console.error(
    `quietlist needs Node >= 22.18 to run from its sources (found ${process.versions.node}). Run it as ` +
      '`npx quietlist` in the project, where npm puts the Node 22 devDependency first on PATH, or install ' +
      'the package (npm install -g quietlist), which runs on Node 20 and newer.',
  );
  process.exit(1);
}
if (!inRepository && major < 20) {
  console.error(`quietlist needs Node >= 20 (found ${process.versions.node}).`);
  process.exit(1);
}
const { runMain } = await import(inRepository ? '../src/cli/main.ts' : '../dist/cli/main.js');
await runMain(process.argv.slice(2));
