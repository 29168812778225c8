// Adds up vitest's per-package "Tests" lines from a turbo log into one closing line: "N passed, N failed".
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const log = stripVTControlCharacters(readFileSync(process.argv[2], 'utf8'));
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of log.split('\n')) {
  if (!/(^|\s)Tests\s+\d/.test(line)) continue;
  for (const kind of Object.keys(totals)) {
    const match = new RegExp(`(\\d+) ${kind}`).exec(line);
    if (match) totals[kind] += Number(match[1]);
  }
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
