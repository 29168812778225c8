import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** The version of the package being built: tsup runs in its folder. */
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * How every package builds: ESM with type declarations, for Node 22.19 and later. `__PACKAGE_VERSION__` becomes the
 * package.json version (a plugin's `VERSION`, sent in its user-agent), so no source file repeats it.
 */
export const libraryBuild = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  tsconfig: 'tsconfig.build.json',
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
} satisfies Options;
