import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDER_PLUGIN_SPECIFICATION_VERSION, type ProviderPlugin } from '@reelay/core';
import { describe, expect, it } from 'vitest';

export type PluginContractOptions<Settings> = {
  plugin: ProviderPlugin<Settings>;
  /** The id the plugin must declare. */
  id: string;
  /** The plugin's package.json (`new URL('../package.json', import.meta.url)`): its version must be the plugin's. */
  packageJson: URL;
  /** The credential variables, when there is more than one way to sign in; otherwise exactly one is expected. */
  credentials?: string[];
  /** A value each non-URL variable's setting must accept. */
  sampleValue?: string;
  /** A value each base-URL variable's setting must accept. */
  sampleBaseURL?: string;
};

/**
 * What the gateway relies on in a plugin descriptor: the contract version, its id and package version, the
 * environment variables it declares (each filling a setting its schema accepts), and a sandbox whose settings point
 * the adapter at its simulator. Call it at the top level of a test file.
 */
export function runPluginContract<Settings>(options: PluginContractOptions<Settings>): void {
  const { plugin } = options;
  describe(`${options.id} plugin descriptor`, () => {
    it('declares the contract version, its id and the package version', () => {
      const manifest = JSON.parse(readFileSync(options.packageJson, 'utf8')) as { version: string };
      expect(plugin).toMatchObject({
        specificationVersion: PROVIDER_PLUGIN_SPECIFICATION_VERSION,
        id: options.id,
        version: manifest.version,
      });
    });

    it('declares its credentials, and each variable fills a setting the schema accepts', () => {
      const credentials = plugin.env.filter((variable) => variable.kind === 'credential');
      if (options.credentials === undefined) expect(credentials).toHaveLength(1);
      else expect(credentials.map((variable) => variable.name)).toEqual(options.credentials);
      for (const variable of plugin.env) {
        expect(variable.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
        const value =
          variable.kind === 'base-url'
            ? (options.sampleBaseURL ?? 'https://example.com/v1')
            : (options.sampleValue ?? 'whsec_c2VjcmV0');
        expect(plugin.settingsSchema.safeParse({ [variable.setting]: value }).success).toBe(true);
      }
    });

    it('starts a sandbox whose settings validate and point the adapter at the simulator', async () => {
      const sandbox = await plugin.sandbox!({ dataDir: undefined, behavior: { queueMs: 0, runMs: 0 } });
      try {
        const provider = plugin.create(plugin.settingsSchema.parse(sandbox.settings));
        expect(provider.id).toBe(plugin.id);
        expect(sandbox.origins).toContain(new URL(provider.baseURL).origin);
      } finally {
        await sandbox.close();
      }
    });

    it('keeps its sandbox in the data directory it is given, and comes back on the same base URL', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), `reelay-sandbox-${plugin.id}-`));
      const options = { dataDir, behavior: { queueMs: 0, runMs: 0 } };
      try {
        const first = await plugin.sandbox!(options);
        const before = plugin.create(plugin.settingsSchema.parse(first.settings)).baseURL;
        await first.close();
        expect(await readdir(dataDir)).not.toEqual([]);
        const second = await plugin.sandbox!(options);
        try {
          expect(plugin.create(plugin.settingsSchema.parse(second.settings)).baseURL).toBe(before);
        } finally {
          await second.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
