import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const appsDir = fileURLToPath(new URL('./apps/', import.meta.url));

/**
 * Tests import sibling workspace packages from source, so `pnpm test` never needs a prior build.
 * `@reelay/testing/contract` style subpaths map to `src/<subpath>/index.ts` or `src/<subpath>.ts`.
 */
export const sharedTestConfig = defineConfig({
  plugins: [packageVersion()],
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

/**
 * What tsup's `define` does at build time (tsup.shared.ts), for tests that run the source: `__PACKAGE_VERSION__`
 * becomes the version in the package.json nearest the file, so a plugin imported by another package's tests still
 * reports its own version. Only `src/version.ts` is rewritten (the one place a package reads it, as the layout check
 * requires): a text replacement elsewhere could change a string or a pattern that merely names it.
 */
function packageVersion(): Plugin {
  const versions = new Map<string, string>();
  const versionAt = (file: string): string | undefined => {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      const manifest = join(dir, 'package.json');
      if (versions.has(dir)) return versions.get(dir);
      if (!existsSync(manifest)) continue;
      const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
      if (version !== undefined) versions.set(dir, version);
      return version;
    }
    return undefined;
  };
  return {
    name: 'reelay-package-version',
    transform(code, id) {
      if (!/[\\/]src[\\/]version\.ts$/.test(id.split('?')[0]!) || id.includes('/node_modules/'))
        return undefined;
      const version = versionAt(id.split('?')[0]!);
      if (version === undefined) return undefined;
      return { code: code.replace(/\b__PACKAGE_VERSION__\b/g, JSON.stringify(version)), map: null };
    },
  };
}
