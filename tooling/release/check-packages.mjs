#!/usr/bin/env node
// `pnpm check:packages`: what a release would publish, checked before it is: each package is packed as npm
// would publish it, then publint (package.json fields, exports, files) and Are the Types Wrong (types resolve
// under Node 16+ ESM and bundlers) read the tarball. Runs offline; run `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages, tarballName } from './publishable.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
execFileSync(process.execPath, [join(root, 'tooling/release/pack-all.mjs')], { stdio: 'inherit' });

const failed = [];
for (const { dir, manifest } of publishablePackages(root)) {
  // npm skips a `files` entry that does not exist without a word, so a typo (or a CHANGELOG.md listed before
  // the first release writes it) ships a package without it.
  for (const entry of manifest.files ?? []) {
    if (!/[*?[]/.test(entry) && !existsSync(join(dir, entry))) {
      failed.push(manifest.name);
      console.error(
        `check:packages: ${manifest.name} lists "${entry}" in files, but ${dir} has no such file.`,
      );
    }
  }
  // The other way round: npm ships a README and a licence unasked, but not a changelog. Once `changeset version`
  // has written one, it must be listed, or the release goes out without it.
  if (existsSync(join(dir, 'CHANGELOG.md')) && !(manifest.files ?? []).includes('CHANGELOG.md')) {
    failed.push(manifest.name);
    console.error(
      `check:packages: ${manifest.name} has a CHANGELOG.md; add "CHANGELOG.md" to files to publish it.`,
    );
  }
  const tarball = join(root, 'packs', tarballName(manifest));
  // The packages are ESM only (`type: module`, `engines.node >= 22.19`), so CommonJS resolution is out of scope.
  const checks = [
    [bin('publint'), ['run', tarball, '--strict', '--level', 'warning']],
    [
      bin('attw'),
      [
        tarball,
        '--profile',
        'esm-only',
        '--no-definitely-typed',
        '--format',
        'ascii',
        '--no-emoji',
        '--no-color',
      ],
    ],
  ];
  for (const [command, args] of checks) {
    try {
      execFileSync(command, args, { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      failed.push(manifest.name);
      console.error(`check:packages: ${manifest.name}: ${command.split('/').pop()} found problems:`);
      console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`.trim());
    }
  }
}
if (failed.length > 0) {
  console.error(
    `check:packages: fix the packages above (${[...new Set(failed)].join(', ')}) before a release.`,
  );
  process.exit(1);
}
console.log('check:packages: publint and attw find nothing to fix in any publishable package');
