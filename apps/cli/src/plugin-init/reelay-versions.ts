import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Manifest = { version: string; peerDependencies?: Record<string, string> };

/** The versions a new plugin depends on: those of the Reelay packages this CLI runs, so the two fit together. */
export type ReelayVersions = {
  core: string;
  providerUtils: string;
  testing: string;
  /** The ranges `@reelay/testing` asks for. */
  zodRange: string;
  vitestRange: string;
};

export function reelayVersions(): ReelayVersions {
  const fromCli = createRequire(import.meta.url);
  const manifest = (require: NodeJS.Require, name: string): { path: string; manifest: Manifest } => {
    const path = require.resolve(`${name}/package.json`);
    return { path, manifest: JSON.parse(readFileSync(path, 'utf8')) as Manifest };
  };
  const core = manifest(fromCli, '@reelay/core').manifest;
  const testing = manifest(fromCli, '@reelay/testing');
  // provider-utils is a dependency of @reelay/testing, not of the CLI: look it up from there.
  const providerUtils = manifest(createRequire(testing.path), '@reelay/provider-utils').manifest;
  return {
    core: core.version,
    providerUtils: providerUtils.version,
    testing: testing.manifest.version,
    zodRange: testing.manifest.peerDependencies?.['zod'] ?? '^4.0.0',
    vitestRange: testing.manifest.peerDependencies?.['vitest'] ?? '*',
  };
}
