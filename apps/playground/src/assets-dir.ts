import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@reelay/playground';

/**
 * Absolute path of the built page (`dist/public`). Found from this file's own location, so it is right both
 * from the built `dist/index.js` and from the sources (tests import `src/index.ts`).
 */
export function playgroundAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findPackageRoot(here);
  // Bundled into another package's output: the page is expected next to that bundle.
  return root === undefined ? join(here, 'public') : join(root, 'dist', 'public');
}

function findPackageRoot(start: string): string | undefined {
  let directory = start;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

function readName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'name' in parsed &&
      typeof parsed.name === 'string'
    ) {
      return parsed.name;
    }
  } catch {
    // an unreadable manifest is not ours
  }
  return undefined;
}
