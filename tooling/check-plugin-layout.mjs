#!/usr/bin/env node
// Every provider plugin has one layout, so a reader (or an author copying one) finds the same thing in the same
// place in each: in the spirit of vercel/ai's package-consistency check. Run by `pnpm lint` over
// packages/provider-*; give folders as arguments to check others (the `reelay plugin init` output is checked so).
//
// For a plugin with the id `acme` and the factory `createAcme`:
// - src/index.ts exports `plugin`, `createAcme`, the type `AcmeProviderSettings` and `VERSION`;
// - src/acme-plugin.ts declares `export const plugin: ProviderPlugin<AcmeProviderSettings>` with `version: VERSION`;
// - src/acme-settings.ts declares `acmeSettingsSchema` and derives `AcmeProviderSettings` from it (z.input);
// - src/acme-sandbox.ts starts the simulator; the tests run runPluginContract and runProviderContract;
// - src/version.ts takes the version from `__PACKAGE_VERSION__` (put in by tsup.config.ts at build time);
// - README.md has a TypeScript example of the plugin used as a library (`createAcme(` and `generateVideo(`);
// - package.json has the fields a published plugin needs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const inRepo = (dir) => resolve(dir).startsWith(join(root, 'packages'));
const dirs =
  process.argv.length > 2
    ? process.argv.slice(2).map((dir) => resolve(dir))
    : readdirSync(join(root, 'packages'))
        .filter((name) => name.startsWith('provider-') && name !== 'provider-utils')
        .map((name) => join(root, 'packages', name));

const problems = [];
for (const dir of dirs) {
  const problem = (message) => problems.push(`${relative(process.cwd(), dir) || '.'}: ${message}`);
  checkPlugin(dir, problem);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(
    `check-plugin-layout: ${problems.length} problem(s); each plugin follows the layout described at the top of tooling/check-plugin-layout.mjs (packages/provider-xai is the smallest example).`,
  );
  process.exit(1);
}
console.log(`check-plugin-layout: ${dirs.length} plugin(s) follow the layout`);

function checkPlugin(dir, problem) {
  const read = (path) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
  const sources = filesUnder(join(dir, 'src')).filter((file) => file.endsWith('.ts'));
  const descriptorFile = sources.find(
    (file) => !file.endsWith('.test.ts') && /export const plugin\b/.test(readFileSync(file, 'utf8')),
  );
  if (!descriptorFile) return problem('no source file declares `export const plugin`');
  const descriptor = readFileSync(descriptorFile, 'utf8');
  const id = /\bid: '([a-z0-9-]+)'/.exec(descriptor)?.[1];
  if (!id) return problem(`${relative(dir, descriptorFile)}: the descriptor has no literal \`id: '…'\``);
  const index = read('src/index.ts') ?? '';
  const name = /\bcreate([A-Z][A-Za-z0-9]*)\b/.exec(index)?.[1];
  if (!name) return problem('src/index.ts exports no `create<Name>` factory');
  const settingsType = `${name}ProviderSettings`;
  const schema = `${name[0].toLowerCase()}${name.slice(1)}SettingsSchema`;

  // The descriptor, and what the package exports.
  if (relative(dir, descriptorFile) !== `src/${id}-plugin.ts`)
    problem(`the descriptor is in ${relative(dir, descriptorFile)}; move it to src/${id}-plugin.ts`);
  if (!new RegExp(`export const plugin: ProviderPlugin<${settingsType}>`).test(descriptor))
    problem(`src/${id}-plugin.ts: declare it as \`export const plugin: ProviderPlugin<${settingsType}>\``);
  if (!/\bversion: VERSION\b/.test(descriptor))
    problem(`src/${id}-plugin.ts: the descriptor's version must be \`version: VERSION\``);
  if (!/\bsandbox: /.test(descriptor)) problem(`src/${id}-plugin.ts: the descriptor has no \`sandbox\``);
  for (const exported of ['plugin', `create${name}`, settingsType, 'VERSION'])
    if (!new RegExp(`export [^;]*\\b${exported}\\b`).test(index))
      problem(`src/index.ts must export ${exported}`);

  // Settings: one schema, the type derived from it.
  const settings = read(`src/${id}-settings.ts`);
  if (settings === undefined) problem(`no src/${id}-settings.ts (the settings schema and its type)`);
  else {
    if (!new RegExp(`export const ${schema}\\b`).test(settings))
      problem(`src/${id}-settings.ts must declare \`export const ${schema}\``);
    if (!new RegExp(`export type ${settingsType} = z\\.(input|infer)<typeof ${schema}>`).test(settings))
      problem(
        `src/${id}-settings.ts must derive \`export type ${settingsType} = z.input<typeof ${schema}>\``,
      );
  }
  for (const file of sources) {
    if (
      new RegExp(`(type|interface) ${settingsType}\\b\\s*(=\\s*(?!z\\.)|\\{)`).test(
        readFileSync(file, 'utf8'),
      ) &&
      !file.endsWith(`${id}-settings.ts`)
    )
      problem(
        `${relative(dir, file)} declares ${settingsType} by hand; derive it from ${schema} in src/${id}-settings.ts`,
      );
  }
  if (read(`src/${id}-sandbox.ts`) === undefined) problem(`no src/${id}-sandbox.ts (starts the simulator)`);

  // Tests: both contract suites.
  const tests = sources.filter((file) => file.endsWith('.test.ts')).map((file) => readFileSync(file, 'utf8'));
  for (const suite of ['runPluginContract', 'runProviderContract'])
    if (!tests.some((text) => new RegExp(`\\b${suite}\\(`).test(text))) problem(`no test runs ${suite}`);

  // VERSION from package.json at build time.
  const version = read('src/version.ts') ?? '';
  if (!/__PACKAGE_VERSION__/.test(version) || /['"]\d+\.\d+\.\d+['"]/.test(version))
    problem('src/version.ts must take VERSION from __PACKAGE_VERSION__ (no version written in the source)');
  const tsup = read('tsup.config.ts') ?? '';
  if (!/libraryBuild|__PACKAGE_VERSION__/.test(tsup))
    problem('tsup.config.ts must define __PACKAGE_VERSION__ (spread `libraryBuild` from tsup.shared.ts)');

  // README: the plugin used as a library.
  const readme = read('README.md');
  const examples = readme?.match(/```ts\n[\s\S]*?```/g) ?? [];
  if (!examples.some((block) => block.includes(`create${name}(`) && block.includes('generateVideo(')))
    problem(`README.md needs a \`\`\`ts example that calls create${name}( and generateVideo(`);

  checkManifest(dir, id, problem);
}

function checkManifest(dir, id, problem) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const need = (ok, message) => ok || problem(`package.json: ${message}`);
  if (inRepo(dir)) {
    need(manifest.name === `@reelay/provider-${id}`, `name must be @reelay/provider-${id}`);
    need(
      manifest.repository?.directory === relative(root, dir),
      `repository.directory must be ${relative(root, dir)}`,
    );
    need(manifest.license === 'MIT', 'license must be MIT');
  } else need(typeof manifest.license === 'string', 'needs a license');
  need(typeof manifest.description === 'string' && manifest.description.length > 0, 'needs a description');
  need(
    Array.isArray(manifest.keywords) && manifest.keywords.includes('reelay'),
    'keywords must include reelay',
  );
  need(manifest.type === 'module', 'type must be module');
  need(manifest.sideEffects === false, 'sideEffects must be false');
  const rootExport = manifest.exports?.['.'];
  need(
    rootExport?.types && rootExport?.import && rootExport?.default,
    'exports["."] needs types, import and default',
  );
  need(manifest.exports?.['./package.json'] === './package.json', 'exports must include ./package.json');
  need(
    manifest.files?.includes('dist') && manifest.files?.includes('README.md'),
    'files must list dist and README.md',
  );
  need(typeof manifest.engines?.node === 'string', 'engines.node is missing');
  need(manifest.publishConfig?.access === 'public', 'publishConfig.access must be public');
  for (const script of ['build', 'test', 'type-check'])
    need(manifest.scripts?.[script], `scripts.${script} is missing`);
  need(manifest.dependencies?.['@reelay/core'], '@reelay/core must be a dependency');
  need(manifest.peerDependencies?.zod, 'zod must be a peer dependency');
  need(
    manifest.peerDependencies?.['@reelay/testing'] &&
      manifest.peerDependenciesMeta?.['@reelay/testing']?.optional,
    '@reelay/testing must be an optional peer dependency (the sandbox imports it)',
  );
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__fixtures__') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
