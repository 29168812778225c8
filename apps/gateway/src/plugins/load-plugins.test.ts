import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { ConfigError } from '../settings/config-error';

/**
 * Third-party plugins installed in an operator's folder, next to the config file: real packages with real
 * zod, loaded by name exactly as the gateway loads its built-in ones.
 */
describe('plugins from the config file', () => {
  let dir: string;

  const descriptor = (specificationVersion: string) => `
import { z } from 'zod';
export const plugin = {
  specificationVersion: '${specificationVersion}',
  id: 'acme',
  name: 'Acme Video',
  version: '2.1.0',
  settingsSchema: z.strictObject({ apiKey: z.string().min(1).optional(), region: z.enum(['eu', 'us']).optional() }),
  env: [{ name: 'ACME_API_KEY', setting: 'apiKey', kind: 'credential', description: 'Acme API key' }],
  create: () => { throw new Error('not called while loading the configuration'); },
};`;

  function installPackage(name: string, source: string): void {
    const packageDir = join(dir, 'node_modules', name);
    mkdirSync(join(packageDir, 'dist'), { recursive: true });
    writeFileSync(
      join(packageDir, 'package.json'),
      JSON.stringify({
        name,
        version: '2.1.0',
        type: 'module',
        exports: { '.': { import: './dist/index.js' } },
      }),
    );
    writeFileSync(join(packageDir, 'dist', 'index.js'), source);
  }

  function configFile(plugins: unknown[]): string {
    const file = join(dir, `reelay-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ plugins }));
    return file;
  }

  async function issuesOf(env: Record<string, string>): Promise<string[]> {
    try {
      await loadConfig(env, { cwd: dir });
    } catch (error) {
      if (error instanceof ConfigError) return error.message.split('\n').slice(1);
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reelay-plugins-'));
    mkdirSync(join(dir, 'node_modules'));
    const zodDir = dirname(createRequire(import.meta.url).resolve('zod/package.json'));
    symlinkSync(zodDir, join(dir, 'node_modules', 'zod'), 'dir');
    installPackage('@acme/reelay-provider-acme', descriptor('v1'));
    installPackage('@acme/reelay-provider-future', descriptor('v2'));
    installPackage('acme-broken', "import 'a-dependency-nobody-installed';\nexport const plugin = {};");
    installPackage('acme-not-a-plugin', 'export const createAcme = () => undefined;');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a package by name from the config file folder, with settings read from the environment', async () => {
    const file = configFile([
      { package: '@acme/reelay-provider-acme', settings: { apiKey: { env: 'ACME_KEY_PROD' }, region: 'eu' } },
    ]);
    const config = await loadConfig({ REELAY_CONFIG: file, ACME_KEY_PROD: 'ak-1' }, { cwd: tmpdir() });
    const acme = config.plugins.find(({ plugin }) => plugin.id === 'acme');
    expect(acme).toMatchObject({
      packageName: '@acme/reelay-provider-acme',
      settings: { apiKey: 'ak-1', region: 'eu' },
    });
    expect(acme?.plugin.version).toBe('2.1.0');
    // its credential counts like a built-in one's: sandbox mode is off
    expect(config.sandbox).toBe(false);
    // the built-in plugins load through the same path and stay unused without their credentials
    expect(config.plugins.map(({ plugin }) => plugin.id)).toEqual([
      'openai',
      'fal',
      'replicate',
      'runway',
      'kling',
      'xai',
      'google-vertex',
      'google',
      'acme',
    ]);
  });

  it("fills a setting from the variable the plugin declares, and lets it win over the file's", async () => {
    const file = configFile([{ package: '@acme/reelay-provider-acme', settings: { apiKey: 'from-file' } }]);
    const config = await loadConfig({ REELAY_CONFIG: file, ACME_API_KEY: 'from-env' });
    expect(config.plugins.at(-1)?.settings).toEqual({ apiKey: 'from-env' });
  });

  it.each([
    [
      'a package that is not installed',
      { package: '@acme/reelay-provider-missing' },
      {},
      /plugins\[0\]\.package: cannot find plugin package @acme\/reelay-provider-missing \(looked beside the gateway and under .+\); install it there \(npm install @acme\/reelay-provider-missing\) or fix the name$/,
    ],
    [
      'another specification version',
      { package: '@acme/reelay-provider-future' },
      {},
      /plugins\[0\]\.package: plugin @acme\/reelay-provider-future implements plugin specification "v2", but this gateway loads 'v1'; install a version of the plugin built for this gateway's @reelay\/core$/,
    ],
    [
      'a package without a descriptor',
      { package: 'acme-not-a-plugin' },
      {},
      /plugins\[0\]\.package: plugin acme-not-a-plugin exports no 'plugin' descriptor/,
    ],
    [
      'a plugin whose own dependency is missing',
      { package: 'acme-broken' },
      {},
      /plugins\[0\]\.package: plugin acme-broken failed to load: .*a-dependency-nobody-installed.*; reinstall it/,
    ],
    [
      'a setting the schema refuses',
      { package: '@acme/reelay-provider-acme', settings: { apiKey: 'k', region: 'mars' } },
      {},
      /plugins\[0\]\.settings\.region: .+ \(plugin @acme\/reelay-provider-acme, setting 'region'\)$/,
    ],
    [
      'a setting the plugin does not know',
      { package: '@acme/reelay-provider-acme', settings: { apiKey: 'k', colour: 'blue' } },
      {},
      /plugins\[0\]\.settings: unknown setting\(s\) 'colour' for plugin @acme\/reelay-provider-acme; it accepts apiKey, region$/,
    ],
    [
      'a variable reference that is not set',
      { package: '@acme/reelay-provider-acme', settings: { apiKey: { env: 'ACME_KEY_PROD' } } },
      {},
      /plugins\[0\]\.settings\.apiKey: environment variable ACME_KEY_PROD is not set \(plugin @acme\/reelay-provider-acme\); set it or remove the setting$/,
    ],
    [
      'no credential outside sandbox mode',
      { package: '@acme/reelay-provider-acme', settings: { region: 'eu' } },
      { REELAY_SANDBOX: '0' },
      /plugins\[0\]\.settings\.apiKey: @acme\/reelay-provider-acme needs its credential \(Acme API key\): set ACME_API_KEY, or give settings\.apiKey/,
    ],
  ])('stops the start with one line for %s', async (_case, entry, env, expected) => {
    const issues = await issuesOf({ REELAY_CONFIG: configFile([entry]), ...env });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(expected);
  });

  it('refuses two packages with one id', async () => {
    const file = configFile([
      { package: '@acme/reelay-provider-acme' },
      { package: '@acme/reelay-provider-acme' },
    ]);
    const issues = await issuesOf({ REELAY_CONFIG: file, ACME_API_KEY: 'k' });
    expect(issues).toEqual([
      expect.stringMatching(
        /plugins\[1\]\.package: plugin @acme\/reelay-provider-acme has the id 'acme', already taken/,
      ),
    ]);
  });

  it('refuses a package name that is a path', async () => {
    const issues = await issuesOf({ REELAY_CONFIG: configFile([{ package: '../../etc/passwd' }]) });
    expect(issues).toEqual([expect.stringContaining('plugins[0].package: must be an npm package name')]);
  });
});
