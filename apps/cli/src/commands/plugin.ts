import { existsSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { usageError } from '../cli-error';
import type { Command } from '../command';
import { parseFlags } from '../parse-flags';
import { pluginNames } from '../plugin-init/plugin-names';
import { reelayVersions } from '../plugin-init/reelay-versions';
import { writePlugin } from '../plugin-init/write-plugin';

/**
 * `reelay plugin init`: in the CLI rather than a separate `create-reelay-plugin` package, because an author needs
 * `reelay` anyway to serve and try the plugin (`reelay serve`, `reelay generate`), and the CLI knows the versions
 * of the Reelay packages it runs, which the new plugin then depends on; one package less to publish and keep in step.
 */
export const pluginCommand: Command = {
  name: 'plugin',
  summary: 'Start a new provider plugin package: adapter, offerings, simulator, contract tests, README.',
  usage: 'reelay plugin init <id> [--package <npm-name>] [--name <display name>] [--dir <folder>]',
  flagHelp: {
    package: 'the npm package name (default reelay-provider-<id>)',
    name: "the provider's name in messages (default from the id: acme-labs → Acme Labs)",
    dir: 'the folder to write (default ./<package name without scope>); it must be empty or missing',
  },
  examples: [
    'reelay plugin init acme',
    'reelay plugin init acme-labs --package @acme/reelay-provider-acme-labs --name "Acme Labs"',
  ],
  async run(io, argv) {
    const { values, positionals } = parseFlags(
      argv,
      { package: { type: 'string' }, name: { type: 'string' }, dir: { type: 'string' } },
      'plugin',
    );
    const [action, id, ...extra] = positionals;
    if (action !== 'init')
      throw usageError('Say what to do: reelay plugin init <id> (e.g. reelay plugin init acme).');
    if (!id) throw usageError('Name the provider: reelay plugin init <id> (e.g. reelay plugin init acme).');
    if (extra.length > 0) throw usageError(`Unexpected '${extra.join(' ')}'. See 'reelay plugin --help'.`);
    const names = pluginNames(id, {
      ...(values.package ? { packageName: values.package } : {}),
      ...(values.name ? { display: values.name } : {}),
    });
    const target = resolve(io.cwd, values.dir ?? names.packageName.replace(/^@[^/]+\//, ''));
    if (existsSync(target) && readdirSync(target).length > 0) {
      throw usageError(`${target} is not empty; pick another folder with --dir.`);
    }
    const files = writePlugin(target, names, reelayVersions());
    const folder = relative(io.cwd, target) || '.';
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ dir: target, package: names.packageName, id: names.id, files })}\n`,
      );
      return 0;
    }
    io.stdout.write(
      [
        `Wrote ${names.packageName} (provider id '${names.id}') in ${folder}:`,
        ...files.map((file) => `  ${file}`),
        '',
        'Next:',
        `  cd ${folder}`,
        '  npm install        # until Reelay is on npm: npm install --no-save "$packs"/reelay-core.tgz "$packs"/reelay-provider-utils.tgz "$packs"/reelay-testing.tgz',
        '  npm run build && npm test',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
