import { plugin as falPlugin } from '@reelay/provider-fal';
import { describe, expect, it } from 'vitest';
import { buildProviders, type PluginConnection } from './providers';
import { ConfigError } from './settings/config-error';
import { type ExtraOffering, extraOfferingSchema } from './settings/offering-schema';

const fal: PluginConnection = {
  packageName: '@reelay/provider-fal',
  plugin: falPlugin,
  settings: { apiKey: 'fal-key', baseURL: 'http://127.0.0.1:9' },
};

const extra = (model: string): ExtraOffering =>
  extraOfferingSchema.parse({
    provider: 'fal',
    model,
    upstream: { 'text-to-video': `fal-ai/${model}` },
    capabilities: {
      modes: ['text-to-video'],
      size: {
        kind: 'grid',
        aspectRatios: ['16:9'],
        tiers: ['720p'],
        default: { aspectRatio: '16:9', tier: '720p' },
        aspectRatioField: 'aspect_ratio',
      },
      duration: { field: 'duration', format: 'string', values: [5], default: 5 },
    },
  });

describe('buildProviders', () => {
  it('creates only the providers with a connection', () => {
    expect(buildProviders([fal], []).map((provider) => provider.id)).toEqual(['fal']);
    expect(buildProviders([], [])).toEqual([]);
  });

  it('adds operator offerings to their provider, replacing a built-in one of the same model', () => {
    const [builtIn] = buildProviders([fal], []);
    const [extended] = buildProviders([fal], [extra('acme-video'), extra('veo-3.1')]);
    const models = extended?.offerings.map((offering) => offering.model) ?? [];
    expect(models).toContain('acme-video');
    expect(models.filter((model) => model === 'veo-3.1')).toHaveLength(1);
    expect(extended?.offerings.find((offering) => offering.model === 'veo-3.1')?.upstream).toEqual({
      'text-to-video': 'fal-ai/veo-3.1',
    });
    expect(models.length).toBe((builtIn?.offerings.length ?? 0) + 1);
    // the adapter is the same object underneath: its methods keep working
    expect(typeof extended?.submit).toBe('function');
    expect(extended?.baseURL).toBe(builtIn?.baseURL);
  });

  it('refuses an offering for a provider that is not configured', () => {
    expect(() => buildProviders([fal], [{ ...extra('acme-video'), provider: 'replicate' }])).toThrow(
      ConfigError,
    );
  });
});
