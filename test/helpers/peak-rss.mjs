// Preloaded into a child process (node --import) by test/helpers/run-cli.ts runCliMeasured: when the
// process exits, its peak resident set size (getrusage's ru_maxrss, KiB on Linux) goes to the file
// named by QUIETLIST_TEST_PEAK_RSS_FILE. Measures a CLI run without touching the CLI.
import { writeFileSync } from 'node:fs';

const file = process.env.QUIETLIST_TEST_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
