#!/usr/bin/env bash
# The published package as a company gets it: `npm pack`, then `npm install -g` of the tarball with the
# SYSTEM Node and npm (not the Node 22 devDependency the project's scripts run on), `quietlist --help`,
# and a real pull + scrub of a small fictional call list (a French Excel "CSV (point-virgule)" export in
# Windows-1252, and an .xlsx) from a store built by the repository's own CLI. Any error fails; the
# global install is removed afterwards. Run from the repository root (CI: .ci/run, after the tests).
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_NODE=/usr/bin/node
SYSTEM_NPM=/usr/bin/npm
for tool in "$SYSTEM_NODE" "$SYSTEM_NPM"; do
  [ -x "$tool" ] || { echo "package smoke test: $tool is missing (the system Node and npm are needed)" >&2; exit 1; }
done
echo "package smoke test on the system Node $($SYSTEM_NODE --version), npm $($SYSTEM_NPM --version)"

work=$(mktemp -d)
serve_pid=""
cleanup() {
  [ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
  PATH="/usr/bin:/bin" "$SYSTEM_NPM" uninstall -g quietlist --no-fund --no-audit >/dev/null 2>&1 || true
  # A pack that failed between prepack and postpack leaves package.json without `prepare`: restore it.
  "$SYSTEM_NODE" scripts/pack-manifest.mjs restore || true
  rm -rf "$work" ./quietlist-*.tgz
}
trap cleanup EXIT

rm -f ./quietlist-*.tgz
PATH="/usr/bin:/bin" "$SYSTEM_NPM" pack --silent >/dev/null
tarball=$(ls ./quietlist-*.tgz)
# What the tarball ships: the compiled library and CLI (with the JSON data it imports), the bin, the manifest, README and LICENSE.
unexpected=$(tar tzf "$tarball" | grep -vE '^package/(dist/.*\.(js|d\.ts|json)|bin/quietlist\.mjs|package\.json|README\.md|LICENSE)$' || true)
[ -z "$unexpected" ] || { echo "the package ships unexpected files:" >&2; echo "$unexpected" >&2; exit 1; }

PATH="/usr/bin:/bin" "$SYSTEM_NPM" install -g "$tarball" --no-fund --no-audit >/dev/null
bin_dir="$(PATH="/usr/bin:/bin" "$SYSTEM_NPM" prefix -g)/bin"
installed() { PATH="$bin_dir:/usr/bin:/bin" quietlist "$@"; }
[ "$(PATH="$bin_dir:/usr/bin:/bin" command -v node)" = "$SYSTEM_NODE" ] || { echo "node on PATH is not the system Node" >&2; exit 1; }
installed --help >"$work/help.txt"
grep -q 'scrub' "$work/help.txt"

# The operator's side, with the repository's CLI: keys and an open-mode epoch of 50 fictional numbers
# (ARCEP's 06 39 98 xx xx block, reserved for fiction).
registry="$work/registry.csv"
{ echo 'phone'; for i in $(seq 10 59); do echo "+336399800$i"; done; } >"$registry"
npx quietlist keygen --out "$work/keys" >/dev/null
npx quietlist build "$registry" --store "file://$work/store" --keys "$work/keys" --mode open --no-expiry >/dev/null

# The company's side, with the installed package on the system Node.
installed pull --from "file://$work/store" --keys "$work/keys" --cache "$work/cache" >/dev/null
# "Téléphone" and the other accents in Windows-1252 (0xE9 = é), ";" as French Excel writes it.
printf 'Nom;T\xe9l\xe9phone;Ville\r\nH\xe9l\xe8ne;06 39 98 00 12;Cr\xe9teil\r\nNo\xebl;01 99 00 12 34;\xc9vry\r\nAna\xefs;3,37672E+10;N\xeemes\r\n' >"$work/calls.csv"
installed scrub "$work/calls.csv" --cache "$work/cache" --out "$work/clean.csv" --listed "$work/listed.csv" \
  --rejects "$work/rejects.csv" --receipt "$work/receipt.json" >"$work/summary.txt"
cat "$work/summary.txt"
# Outputs in the input's encoding and delimiter: byte for byte the input's rows.
[ "$(cat "$work/clean.csv")" = "$(printf 'Nom;T\xe9l\xe9phone;Ville\r\nNo\xebl;01 99 00 12 34;\xc9vry\r')" ] ||
  { echo "clean.csv is not the expected Windows-1252 file" >&2; exit 1; }
[ "$(cat "$work/listed.csv")" = "$(printf 'Nom;T\xe9l\xe9phone;Ville\r\nH\xe9l\xe8ne;06 39 98 00 12;Cr\xe9teil\r')" ] ||
  { echo "listed.csv is not the expected Windows-1252 file" >&2; exit 1; }
grep -q 'EXCEL_SCIENTIFIC' "$work/rejects.csv"
grep -q '"encoding": "windows-1252"' "$work/receipt.json"

# An .xlsx call list, written by the installed package's own spreadsheet library.
lib="$(PATH="/usr/bin:/bin" "$SYSTEM_NPM" root -g)/quietlist/node_modules/@e965/xlsx/xlsx.mjs"
[ -f "$lib" ] || lib="$(PATH="/usr/bin:/bin" "$SYSTEM_NPM" root -g)/@e965/xlsx/xlsx.mjs"
"$SYSTEM_NODE" --input-type=module -e "
  const XLSX = await import(process.argv[1]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Nom', 'Portable'], ['A', '06 39 98 00 13'], ['B', 199001235]]), 'Appels');
  (await import('node:fs')).writeFileSync(process.argv[2], XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
" "$lib" "$work/calls.xlsx"
installed scrub "$work/calls.xlsx" --cache "$work/cache" --out "$work/clean.xlsx" --listed "$work/listed.xlsx" --json >"$work/xlsx.json"
grep -q '"listed": 1' "$work/xlsx.json"
grep -q '"clean": 1' "$work/xlsx.json"

# The installed `quietlist serve` serves the browser scrub page and its bundles (dist/web in the package).
# Run on the project's Node 22: serve's quota database (node:sqlite) needs a newer Node than 20.
node22="$PWD/node_modules/.bin/node"
installed_bin="$(PATH="/usr/bin:/bin" "$SYSTEM_NPM" root -g)/quietlist/bin/quietlist.mjs"
port=$("$node22" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$node22" "$installed_bin" serve --store "file://$work/store" --keys "$work/keys" --state-dir "$work/state" \
  --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
"$node22" --input-type=module -e "
  const base = 'http://127.0.0.1:' + process.argv[1];
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const page = await (await fetch(base + '/scrub')).text();
  if (!page.includes('/assets/scrub-page.js')) throw new Error('GET /scrub is not the scrub page');
  for (const name of ['scrub-page.js', 'scrub-worker.js']) {
    const response = await fetch(base + '/assets/' + name);
    if (response.status !== 200 || (await response.text()).length < 1000) throw new Error(name + ': HTTP ' + response.status);
  }
" "$port" || { kill "$serve_pid"; cat "$work/serve.log" >&2; echo "the installed serve does not serve the scrub page" >&2; exit 1; }
kill "$serve_pid"
serve_pid=""
echo "package smoke test: installed quietlist pulled and scrubbed CSV (Windows-1252) and .xlsx on Node $($SYSTEM_NODE --version), and serves the scrub page"
