#!/usr/bin/env node
// `pnpm pack:all`: one tarball per publishable package in ./packs (`reelay-core.tgz`, …), as npm would publish
// it (workspace: versions replaced by real ones). Until the packages are on npm, the READMEs install from these.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages, tarballName } from './publishable.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A folder to pack into instead of ./packs may be given (tests pack into a temporary one).
const destination = process.argv[2] ?? join(root, 'packs');
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination);
const packages = publishablePackages(root);
for (const { dir, manifest } of packages) {
  if (!existsSync(join(dir, 'dist'))) {
    console.error(`pack:all: ${manifest.name} has no dist/ folder; run \`pnpm build\` first.`);
    process.exit(1);
  }
}
// One pnpm run packs them all (a run per package costs a second or two each), into a scratch folder first:
// pnpm names tarballs with their version, and the READMEs name them without it.
const scratch = mkdtempSync(join(destination, '.pack-'));
const filters = packages.flatMap(({ dir }) => ['--filter', `./${relative(root, dir)}`]);
execFileSync('pnpm', ['-r', ...filters, 'pack', '--pack-destination', scratch], {
  cwd: root,
  stdio: 'ignore',
});
for (const { manifest } of packages) {
  const versioned = `${tarballName(manifest).slice(0, -'.tgz'.length)}-${manifest.version}.tgz`;
  renameSync(join(scratch, versioned), join(destination, tarballName(manifest)));
}
rmSync(scratch, { recursive: true });
const made = readdirSync(destination).sort();
const expected = packages.map(({ manifest }) => tarballName(manifest)).sort();
if (JSON.stringify(made) !== JSON.stringify(expected)) {
  console.error(`pack:all: expected ${expected.join(', ')} in ${destination}, found ${made.join(', ')}`);
  process.exit(1);
}
console.log(`pack:all: ${made.length} tarballs in ${destination}`);
