import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginNames } from './plugin-names';
import type { ReelayVersions } from './reelay-versions';

/** The template folder: `templates/plugin` at the package root, from `src/plugin-init/` or from the bundle in `dist/`. */
function templateDir(): string {
  for (const up of ['../../templates/plugin', '../templates/plugin']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error('The plugin templates are missing from this @reelay/cli install; reinstall it.');
}

/**
 * Writes the plugin package into `target`: every `*.tmpl` file of the template, with `__id__`, `__Name__`, … in
 * names and text replaced (`gitignore.tmpl` becomes `.gitignore`, which npm would not ship). Returns the paths.
 */
export function writePlugin(target: string, names: PluginNames, versions: ReelayVersions): string[] {
  const replacements: Array<[string, string]> = [
    ['__package__', names.packageName],
    ['__Display__', names.display],
    ['__Name__', names.pascal],
    ['__name__', names.camel],
    ['__ENV__', names.env],
    ['__id__', names.id],
    ['__coreVersion__', versions.core],
    ['__providerUtilsVersion__', versions.providerUtils],
    ['__testingVersion__', versions.testing],
    ['__zodRange__', versions.zodRange],
    ['__vitestRange__', versions.vitestRange],
  ];
  const fill = (text: string) =>
    replacements.reduce((result, [token, value]) => result.replaceAll(token, value), text);
  const source = templateDir();
  const written: string[] = [];
  for (const file of filesUnder(source)) {
    const name = fill(relative(source, file).replace(/\.tmpl$/, '')).replace(/^gitignore$/, '.gitignore');
    const path = join(target, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fill(readFileSync(file, 'utf8')));
    written.push(name);
  }
  return written.sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
