import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ImportedPackage =
  | { found: true; module: Record<string, unknown> }
  | { found: false; lookedIn: string[] };

/** `@scope/name` or `name`, as npm spells package names: never a path. */
export const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

const CONDITIONS = new Set(['import', 'node', 'default']);

/**
 * Imports a plugin package by name: first as the gateway itself would (its own dependencies, so the built-in
 * plugins match the gateway's version), then from `node_modules` above each folder in `searchDirs` (the config
 * file's folder, the working directory), where an operator installs third-party plugins.
 */
export async function importPluginPackage(name: string, searchDirs: string[]): Promise<ImportedPackage> {
  try {
    return { found: true, module: await import(name) };
  } catch (error) {
    if (!isNotFound(error, name)) throw error;
  }
  for (const dir of searchDirs) {
    const entry = findPackageEntry(name, dir);
    if (entry !== undefined) return { found: true, module: await import(pathToFileURL(entry).href) };
  }
  return { found: false, lookedIn: searchDirs };
}

function isNotFound(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  // A plugin that is found but misses one of its own dependencies is a different failure, reported as such.
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String((error as Error).message).includes(`'${name}'`)
  );
}

/** The file `import` would load for the package, found in a `node_modules` folder at or above `dir`. */
function findPackageEntry(name: string, dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const packageDir = join(current, 'node_modules', name);
    const manifestPath = join(packageDir, 'package.json');
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        exports?: unknown;
        main?: unknown;
      };
      const target =
        exportTarget(manifest.exports) ?? (typeof manifest.main === 'string' ? manifest.main : 'index.js');
      return join(packageDir, target);
    }
    if (dirname(current) === current) return undefined;
  }
}

/** The root export for an ESM import, following `exports` conditions in their declared order. */
function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (Array.isArray(exports)) {
    for (const candidate of exports) {
      const target = exportTarget(candidate);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (exports === null || typeof exports !== 'object') return undefined;
  const entries = Object.entries(exports);
  if (entries.some(([key]) => key.startsWith('.')))
    return exportTarget((exports as Record<string, unknown>)['.']);
  for (const [condition, value] of entries) {
    if (!CONDITIONS.has(condition)) continue;
    const target = exportTarget(value);
    if (target !== undefined) return target;
  }
  return undefined;
}
