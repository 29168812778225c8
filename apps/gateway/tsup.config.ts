import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

/** The playground's built page (`vite build`), which turbo builds before the gateway. */
const playgroundPage = join(
  dirname(createRequire(import.meta.url).resolve('@reelay/playground/package.json')),
  'dist',
  'public',
);

export default defineConfig({
  ...libraryBuild,
  entry: ['src/index.ts', 'src/main.ts'],
  external: ['vitest'],
  // The playground's few lines of static serving are bundled and its page is copied into `dist/public` (where the
  // bundled code looks for it), so an installed gateway serves the playground without depending on its package.
  noExternal: ['@reelay/playground'],
  // Hashbang is valid in any ES module, so one banner serves the bin entry without a second build.
  banner: { js: '#!/usr/bin/env node' },
  onSuccess: async () => {
    await cp(playgroundPage, join('dist', 'public'), { recursive: true });
  },
});
