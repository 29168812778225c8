import { canonicalTier, pickNearest, type ResolutionTier } from '@reelay/core';
import type { Catalog } from './catalog';
import { perSecondRate, perVideoRate, rateFor, videoDurations } from './entry-rates';
import { assertCount, assertPositiveSeconds, microsForSeconds, timesCount } from './micros';
import { type PriceLookup, requirePriceEntry } from './price-entry-at';
import { type Quote, toQuote } from './quote';

export type CostRequest = PriceLookup & {
  tier: ResolutionTier;
  audio: boolean;
  /** The duration the provider made, in seconds (fall back to the requested one when it does not say). */
  actualSeconds: number;
  /**
   * The requested duration. Per-video prices are keyed on it; without it the listed clip length nearest
   * `actualSeconds` is used (ties go to the longer clip).
   */
  seconds?: number | undefined;
  /** Number of videos made. Defaults to 1. */
  n?: number | undefined;
};

/**
 * The final cost of a finished job. Per-second: rate × actual seconds (to the millisecond), rounded to the
 * nearest micro-USD, halves up, at least 1. Per-video: the clip price.
 */
export function cost(catalog: Catalog, request: CostRequest): Quote {
  assertPositiveSeconds(request.actualSeconds, 'actualSeconds');
  const n = request.n ?? 1;
  assertCount(n);
  const entry = requirePriceEntry(catalog, request);
  if (entry.unit === 'per_second') {
    const { tier, rate } = perSecondRate(entry, request.tier);
    const perUnitMicros = rateFor(rate, request.audio);
    const micros = timesCount(microsForSeconds(perUnitMicros, request.actualSeconds, 'actualSeconds'), n);
    const seconds = Math.round(request.actualSeconds * 1000) / 1000;
    return toQuote(entry, { tier, perUnitMicros, micros, seconds, n });
  }
  const seconds =
    request.seconds ??
    nearestClip(request.actualSeconds, videoDurations(entry, canonicalTier(request.tier) ?? request.tier));
  const { tier, rate } = perVideoRate(entry, request.tier, seconds);
  const perUnitMicros = rateFor(rate, request.audio);
  return toQuote(entry, { tier, perUnitMicros, micros: timesCount(perUnitMicros, n), seconds, n });
}

function nearestClip(actualSeconds: number, durations: number[]): number {
  if (durations.length === 0) return actualSeconds;
  return pickNearest(
    durations,
    (duration) => Math.abs(duration - actualSeconds),
    (duration) => duration,
  );
}
