#!/usr/bin/env node
// Part of `pnpm ci:version`: `changeset version` writes each package's CHANGELOG.md on its first release, and npm
// ships a changelog only when `files` lists it, so list it then (and never before it exists).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from './publishable.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
for (const { dir, manifest } of publishablePackages(root)) {
  const files = manifest.files ?? [];
  if (!existsSync(join(dir, 'CHANGELOG.md')) || files.includes('CHANGELOG.md')) continue;
  const path = join(dir, 'package.json');
  const text = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    `${JSON.stringify({ ...JSON.parse(text), files: [...files, 'CHANGELOG.md'] }, null, 2)}\n`,
  );
  console.log(`list-changelogs: ${manifest.name} now publishes its CHANGELOG.md`);
}
