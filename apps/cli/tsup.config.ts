import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/main.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
  external: ['vitest'],
  // Hashbang is valid in any ES module, so one banner serves the bin entry without a second build.
  banner: { js: '#!/usr/bin/env node' },
});
