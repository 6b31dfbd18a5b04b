#!/usr/bin/env node
// Entry point: checks the Node version in syntax any Node can parse, then loads the TypeScript CLI
// (Node >= 22.18 runs it directly through type stripping; no build step).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `quietlist needs Node >= 22.18 (found ${process.versions.node}). Run it as \`npx quietlist\` in the ` +
      'project, where npm puts the Node 22 devDependency first on PATH.',
  );
  process.exit(1);
}
const { runMain } = await import('../src/cli/main.ts');
await runMain(process.argv.slice(2));
