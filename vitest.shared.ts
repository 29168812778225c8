import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const appsDir = fileURLToPath(new URL('./apps/', import.meta.url));

/**
 * Tests import sibling workspace packages from source, so `pnpm test` never needs a prior build.
 * `@reelay/testing/contract` style subpaths map to `src/<subpath>/index.ts` or `src/<subpath>.ts`.
 */
export const sharedTestConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@reelay\/(gateway|cli|playground)$/, replacement: `${appsDir}$1/src/index.ts` },
      { find: /^@reelay\/([\w-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      { find: /^@reelay\/([\w-]+)\/([\w-]+)$/, replacement: `${packagesDir}$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
