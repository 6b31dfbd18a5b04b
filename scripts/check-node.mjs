// Fails fast, in plain JS any Node can parse, when npm scripts run on a Node older than the project needs.
// The `node` devDependency provides Node 22 to npm scripts; an install with --ignore-scripts skips it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `quietlist needs Node >= 22.18 (found ${process.versions.node} at ${process.execPath}).\n` +
      'Run it through npm (npm start, npm test, npx quietlist) after a plain `npm ci`, which installs Node 22\n' +
      'as a devDependency; an install with --ignore-scripts skips that step.',
  );
  process.exit(1);
}
