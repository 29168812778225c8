import type { VideoOffering, VideoProvider } from '@reelay/core';
import { createFal } from '@reelay/provider-fal';
import { createOpenAI } from '@reelay/provider-openai';
import { createReplicate } from '@reelay/provider-replicate';
import type { GatewayConfig, ProviderConnection } from './config';
import { ConfigError } from './settings/config-error';
import type { ExtraOffering } from './settings/offering-schema';

export type ProviderConnections = GatewayConfig['providers'];

const factories: Record<keyof ProviderConnections, (connection: ProviderConnection) => VideoProvider> = {
  openai: ({ apiKey, baseURL, webhookSecret }) =>
    createOpenAI({ apiKey, baseURL, ...(webhookSecret ? { webhookSecret } : {}) }),
  fal: ({ apiKey, baseURL, webhookUrl, jwksUrl }) =>
    createFal({ apiKey, baseURL, ...(webhookUrl ? { webhookUrl } : {}), ...(jwksUrl ? { jwksUrl } : {}) }),
  replicate: ({ apiKey, baseURL, webhookSecret, webhookUrl }) =>
    createReplicate({
      apiKey,
      baseURL,
      ...(webhookSecret ? { webhookSecret } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
    }),
};

/**
 * The real adapters for every provider with a connection (a credential, or a sandbox simulator), plus the
 * operator's extra offerings from the config file.
 */
export function buildProviders(
  connections: ProviderConnections,
  extraOfferings: ExtraOffering[],
): VideoProvider[] {
  const providers: VideoProvider[] = [];
  for (const id of ['openai', 'fal', 'replicate'] as const) {
    const connection = connections[id];
    if (connection !== undefined) providers.push(factories[id](connection));
  }
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
      .map(toVideoOffering);
    return extras.length === 0 ? provider : withExtraOfferings(provider, extras);
  });
}

/** The same adapter (methods keep their `this`) with more offerings; an extra one replaces a built-in of the same model. */
function withExtraOfferings(provider: VideoProvider, extras: VideoOffering[]): VideoProvider {
  const replaced = new Set(extras.map((offering) => offering.model));
  const offerings = [...provider.offerings.filter((offering) => !replaced.has(offering.model)), ...extras];
  return Object.create(provider, { offerings: { value: offerings, enumerable: true } }) as VideoProvider;
}

function toVideoOffering(extra: ExtraOffering): VideoOffering {
  const { capabilities } = extra;
  const size =
    capabilities.size.kind === 'grid'
      ? {
          ...capabilities.size,
          aspectRatioField: capabilities.size.aspectRatioField,
          tierField: capabilities.size.tierField,
        }
      : capabilities.size;
  return {
    model: extra.model,
    upstream: extra.upstream,
    parameters: extra.parameters,
    providerParameters: extra.providerParameters,
    capabilities: {
      ...capabilities,
      size: size as VideoOffering['capabilities']['size'],
      audio:
        capabilities.audio === undefined
          ? undefined
          : { field: capabilities.audio.field, default: capabilities.audio.default },
      image: capabilities.image,
    },
  };
}
