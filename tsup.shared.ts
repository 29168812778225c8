import type { Options } from 'tsup';

/** How every package builds: ESM with type declarations, for Node 22.19 and later. */
export const libraryBuild = {
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  tsconfig: 'tsconfig.build.json',
} satisfies Options;
