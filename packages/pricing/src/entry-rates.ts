import { canonicalTier, type ResolutionTier } from '@reelay/core';
import type { PriceEntry, Rate } from './catalog-schema';
import { NoPriceError } from './errors/no-price-error';

type PerSecondEntry = Extract<PriceEntry, { unit: 'per_second' }>;
type PerVideoEntry = Extract<PriceEntry, { unit: 'per_video' }>;

/** The rate that applies with or without audio. */
export function rateFor(rate: Rate, audio: boolean): number {
  return typeof rate === 'number' ? rate : audio ? rate.audio : rate.silent;
}

/** What an entry prices, for error messages: `720p, 1080p` or `768p 6s, 768p 10s, 1080p 6s`. */
export function pricedOptions(entry: PriceEntry): string[] {
  if (entry.unit === 'per_second') return Object.keys(entry.rates);
  return Object.entries(entry.rates).flatMap(([tier, durations]) =>
    Object.keys(durations)
      .sort((a, b) => Number(a) - Number(b))
      .map((seconds) => `${tier} ${seconds}s`),
  );
}

/** The per-second rate for a tier, or `NoPriceError` listing the priced tiers. */
export function perSecondRate(entry: PerSecondEntry, tier: string): { tier: ResolutionTier; rate: Rate } {
  const canonical = priceTier(entry, tier);
  return { tier: canonical, rate: entry.rates[canonical]! };
}

/** Listed clip lengths of a per-video tier, ascending. */
export function videoDurations(entry: PerVideoEntry, tier: ResolutionTier): number[] {
  return Object.keys(entry.rates[tier] ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}

/** The per-video price for a tier and duration, or `NoPriceError` listing the priced pairs. */
export function perVideoRate(
  entry: PerVideoEntry,
  tier: string,
  seconds: number,
): { tier: ResolutionTier; rate: Rate } {
  const canonical = priceTier(entry, tier);
  const durations = entry.rates[canonical]!;
  const key = String(seconds);
  if (!Number.isInteger(seconds) || !Object.hasOwn(durations, key)) {
    throw new NoPriceError({
      provider: entry.provider,
      model: entry.model,
      param: 'seconds',
      message:
        `'${entry.model}' at '${entry.provider}' is priced per video, and ${seconds}s at ${canonical} is not ` +
        `a priced length; ask for ${videoDurations(entry, canonical).join('s or ')}s.`,
      priced: pricedOptions(entry),
    });
  }
  return { tier: canonical, rate: durations[key]! };
}

function priceTier(entry: PriceEntry, tier: string): ResolutionTier {
  const canonical = canonicalTier(tier);
  if (canonical !== undefined && Object.hasOwn(entry.rates, canonical)) return canonical;
  throw new NoPriceError({
    provider: entry.provider,
    model: entry.model,
    param: 'size',
    message:
      canonical === undefined
        ? `'${tier}' is not a resolution tier (write 720p, 2K or 1MP).`
        : `'${entry.model}' at '${entry.provider}' has no price for tier ${canonical}; ask for a priced size.`,
    priced: pricedOptions(entry),
  });
}
