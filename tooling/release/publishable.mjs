import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every workspace package that is published (`packages/*`, `apps/*` not marked private), with its folder. */
export function publishablePackages(root) {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, group, entry.name))
      .flatMap((dir) => {
        let manifest;
        try {
          manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        } catch {
          return [];
        }
        return manifest.private ? [] : [{ dir, manifest }];
      }),
  );
}

/**
 * `@reelay/provider-fal` → `reelay-provider-fal.tgz`: the name `pack:all` gives its tarball, without the version
 * (`pnpm pack` adds it), so the install commands in the READMEs stay right across releases.
 */
export function tarballName(manifest) {
  return `${manifest.name.replace(/^@/, '').replace('/', '-')}.tgz`;
}
