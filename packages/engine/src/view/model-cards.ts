import {
  type CatalogModel,
  type ModelCard,
  type ModelProviderCard,
  type ProviderOffering,
  type Registry,
  videoModeSchema,
} from '@reelay/core';
import { type Catalog, formatUsd, type ProviderPriceRange, priceRange } from '@reelay/pricing';

export function modelCard(
  catalog: Catalog,
  id: string,
  card: CatalogModel | undefined,
  offerings: readonly ProviderOffering[],
): ModelCard {
  const ranges = priceRange(catalog, id);
  const providers: ModelProviderCard[] = offerings.map((offering) => {
    const range = ranges.find((entry) => entry.provider === offering.provider);
    return {
      provider: offering.provider,
      id: offering.id,
      upstream: offering.upstream,
      price: range
        ? {
            display: priceDisplay(range),
            from_usd_per_second: formatUsd(range.fromMicrosPerSecond).slice(1),
            to_usd_per_second: formatUsd(range.toMicrosPerSecond).slice(1),
            unit: range.unit,
            as_of: range.asOf,
            estimated: range.estimated,
          }
        : null,
      capabilities: offering.capabilities,
      provider_parameters: offering.providerParameters,
    };
  });
  const served = new Set(offerings.map((offering) => offering.provider));
  const cheapest = ranges.find((range) => served.has(range.provider));
  const asOfDates = catalog.prices
    .filter((entry) => entry.model === id)
    .map((entry) => Date.parse(entry.asOf));
  const lifecycle = card?.lifecycle;
  const modes = [...new Set(offerings.flatMap((offering) => offering.capabilities.modes))];
  return {
    id,
    object: 'model',
    created: asOfDates.length ? Math.floor(Math.min(...asOfDates) / 1000) : 0,
    owned_by: card?.creator ?? offerings[0]?.provider ?? 'unknown',
    name: card?.name ?? id,
    family: card?.family ?? null,
    tags: cardTags(card, modes),
    modes,
    max_duration_seconds: Math.max(
      0,
      ...offerings.flatMap((offering) => offering.capabilities.duration.values),
    ),
    lifecycle: {
      status: lifecycle?.status ?? 'active',
      deprecated_at: lifecycle?.deprecatedAt ?? null,
      retired_at: lifecycle?.retiredAt ?? null,
      successors: lifecycle?.successors ?? [],
      note: lifecycle?.note ?? null,
    },
    price: cheapest ? priceDisplay(cheapest) : null,
    providers,
  };
}

export function listModelCards(registry: Registry, catalog: Catalog): ModelCard[] {
  return registry.models().map((entry) => modelCard(catalog, entry.id, entry.card, entry.offerings));
}

export function getModelCard(registry: Registry, catalog: Catalog, id: string): ModelCard {
  const resolved = registry.resolve(id);
  return modelCard(catalog, resolved.modelId, resolved.card, resolved.candidates);
}

/** "from $0.30/s", or "from $0.28/video" where the provider charges per clip. */
function priceDisplay(range: ProviderPriceRange): string {
  return range.fromMicrosPerVideo === undefined
    ? `from ${formatUsd(range.fromMicrosPerSecond)}/s`
    : `from ${formatUsd(range.fromMicrosPerVideo)}/video`;
}

/**
 * The modes the offerings serve, then the catalog's other tags (`audio`, `fast`). A mode named in the catalog but
 * served by no offering is left out, so `tags` never contradict `modes`.
 */
function cardTags(card: CatalogModel | undefined, modes: readonly string[]): string[] {
  const modeNames: readonly string[] = videoModeSchema.options;
  const others = (card?.tags ?? []).filter((tag) => !modeNames.includes(tag));
  return [...new Set([...modes, ...others])];
}
