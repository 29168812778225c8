import { readFileSync } from 'node:fs';
import { PROVIDER_PLUGIN_SPECIFICATION_VERSION } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { plugin } from './index';

describe('plugin', () => {
  it('declares the contract version, its id and the package version', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(plugin).toMatchObject({
      specificationVersion: PROVIDER_PLUGIN_SPECIFICATION_VERSION,
      id: 'google',
      version: manifest.version,
    });
  });

  it('reads one credential, and each variable fills a setting the schema accepts', () => {
    expect(plugin.env.filter((variable) => variable.kind === 'credential')).toHaveLength(1);
    for (const variable of plugin.env) {
      expect(variable.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      const value = variable.kind === 'base-url' ? 'https://example.com/v1' : 'AIza-key';
      expect(plugin.settingsSchema.safeParse({ [variable.setting]: value }).success).toBe(true);
    }
  });

  it('starts a sandbox whose settings validate and point the adapter at the simulator', async () => {
    const sandbox = await plugin.sandbox!({ behavior: { queueMs: 0, runMs: 0 } });
    try {
      const provider = plugin.create(plugin.settingsSchema.parse(sandbox.settings));
      expect(provider.id).toBe(plugin.id);
      expect(sandbox.origins).toContain(new URL(provider.baseURL).origin);
    } finally {
      await sandbox.close();
    }
  });
});
