import type { ProviderPlugin, VideoOffering, VideoProvider } from '@reelay/core';
import { ConfigError } from './settings/config-error';
import type { ExtraOffering } from './settings/offering-schema';

/** A plugin with the settings to create its provider with: an operator's, or its sandbox simulator's. */
export type PluginConnection = {
  packageName: string;
  plugin: ProviderPlugin;
  settings: Record<string, unknown>;
};

/**
 * The real adapters of every plugin with settings (a credential, or a sandbox simulator), plus the operator's
 * extra offerings from the config file.
 */
export function buildProviders(
  connections: PluginConnection[],
  extraOfferings: ExtraOffering[],
): VideoProvider[] {
  const providers = connections.map(createProvider);
  const unknown = extraOfferings
    .map((offering, index) => ({ offering, index }))
    .filter(({ offering }) => !providers.some((provider) => provider.id === offering.provider));
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map(({ offering, index }) => ({
        setting: `offerings[${index}].provider`,
        message: `provider '${offering.provider}' is not configured (configured: ${providers.map((p) => p.id).join(', ') || 'none'}); set its credential or remove the offering`,
      })),
    );
  }
  return providers.map((provider) => {
    const extras = extraOfferings
      .filter((offering) => offering.provider === provider.id)
      .map(({ provider: _provider, ...offering }) => offering);
    return extras.length === 0 ? provider : withExtraOfferings(provider, extras);
  });
}

/** The same adapter (methods keep their `this`) with more offerings; an extra one replaces a built-in of the same model. */
function withExtraOfferings(provider: VideoProvider, extras: VideoOffering[]): VideoProvider {
  const replaced = new Set(extras.map((offering) => offering.model));
  const offerings = [...provider.offerings.filter((offering) => !replaced.has(offering.model)), ...extras];
  return Object.create(provider, { offerings: { value: offerings, enumerable: true } }) as VideoProvider;
}

function createProvider({ packageName, plugin, settings }: PluginConnection): VideoProvider {
  let provider: VideoProvider;
  try {
    provider = plugin.create(settings);
  } catch (error) {
    throw new ConfigError([
      {
        setting: packageName,
        message: `plugin ${packageName} could not create its provider: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  if (provider.id !== plugin.id) {
    throw new ConfigError([
      {
        setting: packageName,
        message: `plugin ${packageName} declares id '${plugin.id}' but created a provider with id '${provider.id}'; the plugin must use one id`,
      },
    ]);
  }
  return provider;
}
