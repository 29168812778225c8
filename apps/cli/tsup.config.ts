import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig({
  ...libraryBuild,
  entry: ['src/index.ts', 'src/main.ts'],
  external: ['vitest'],
  // Hashbang is valid in any ES module, so one banner serves the bin entry without a second build.
  banner: { js: '#!/usr/bin/env node' },
});
