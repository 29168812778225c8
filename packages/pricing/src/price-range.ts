import type { Catalog } from './catalog';
import type { PriceEntry, PriceUnit, Rate } from './catalog-schema';
import { microsPerSecondOf } from './micros';
import { priceEntryAt } from './price-entry-at';

export type ProviderPriceRange = {
  provider: string;
  unit: PriceUnit;
  /** Cheapest rate across tiers and audio on/off, micro-USD per second. Per-video prices are divided by length. */
  fromMicrosPerSecond: number;
  /** Dearest rate, same rules. */
  toMicrosPerSecond: number;
  /** For per-video prices, the cheapest clip's price in micro-USD, for "from $0.28/video" displays. */
  fromMicrosPerVideo: number | undefined;
  asOf: string;
  estimated: boolean;
};

/**
 * Per provider, the span of per-second rates for a model, for "from $0.30/s" displays. Cheapest provider
 * first. Per-video prices become price ÷ clip length, nearest micro-USD, halves up. Empty for an unpriced model.
 */
export function priceRange(
  catalog: Catalog,
  model: string,
  options: { at?: Date | string | undefined } = {},
): ProviderPriceRange[] {
  const providers = [
    ...new Set(catalog.prices.filter((entry) => entry.model === model).map((e) => e.provider)),
  ];
  const ranges: ProviderPriceRange[] = [];
  for (const provider of providers) {
    const entry = priceEntryAt(catalog, { provider, model, at: options.at });
    if (!entry) continue;
    const rates = perSecondRates(entry);
    ranges.push({
      provider,
      unit: entry.unit,
      fromMicrosPerSecond: Math.min(...rates),
      toMicrosPerSecond: Math.max(...rates),
      fromMicrosPerVideo: entry.unit === 'per_video' ? Math.min(...videoRates(entry)) : undefined,
      asOf: entry.asOf,
      estimated: entry.estimated,
    });
  }
  return ranges.sort(
    (a, b) => a.fromMicrosPerSecond - b.fromMicrosPerSecond || a.provider.localeCompare(b.provider),
  );
}

function perSecondRates(entry: PriceEntry): number[] {
  if (entry.unit === 'per_second') {
    return Object.values(entry.rates).flatMap((rate) => bothRates(rate));
  }
  return Object.values(entry.rates).flatMap((durations) =>
    Object.entries(durations).flatMap(([seconds, rate]) =>
      bothRates(rate).map((micros) => microsPerSecondOf(micros, Number(seconds))),
    ),
  );
}

function videoRates(entry: PriceEntry): number[] {
  if (entry.unit === 'per_second') return [];
  return Object.values(entry.rates).flatMap((durations) => Object.values(durations).flatMap(bothRates));
}

function bothRates(rate: Rate): number[] {
  return typeof rate === 'number' ? [rate] : [rate.silent, rate.audio];
}
