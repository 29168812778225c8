import { defineConfig } from 'tsup';

// Only the Node entry; the page itself is built by Vite into dist/public, which `clean` must not wipe.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: false,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
});
