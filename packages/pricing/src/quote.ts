import type { ResolutionTier } from '@reelay/core';
import type { Catalog } from './catalog';
import type { PriceEntry, PriceUnit } from './catalog-schema';
import { perSecondRate, perVideoRate, rateFor } from './entry-rates';
import { microsToUsdString } from './format-usd';
import { assertCount, assertPositiveSeconds, microsForSeconds, timesCount } from './micros';
import { type PriceLookup, requirePriceEntry } from './price-entry-at';

export type QuoteRequest = PriceLookup & {
  /** The tier of the matched size (`SizeOption.tier` or the grid tier): `720p`, `1080p`, … */
  tier: ResolutionTier;
  /** Requested duration in seconds. Per-video prices need one of the listed clip lengths. */
  seconds: number;
  /** Whether the video has sound; picks the audio or silent rate where the two differ. */
  audio: boolean;
  /** Number of videos; multiplies the price. Defaults to 1. */
  n?: number | undefined;
};

/** A price for a request (`quote`) or a finished job (`cost`). Never zero. */
export type Quote = {
  /** Total in integer micro-USD (1 USD = 1_000_000). Always at least 1. */
  micros: number;
  /** `micros` as an exact USD decimal, at least two fraction digits, never rounded: `"4.00"`, `"0.112"`. */
  usd: string;
  /** Micro-USD per second (`per_second`) or per video (`per_video`). */
  perUnitMicros: number;
  unit: PriceUnit;
  /** The tier priced, canonical spelling. */
  tier: ResolutionTier;
  /** Seconds priced: as asked (quote), the actual duration to the millisecond (cost), or the clip length. */
  seconds: number;
  n: number;
  /** `asOf` of the price entry used. */
  asOf: string;
  source: string;
  /** `true` when the provider publishes no such price and the figure is an approximation. */
  estimated: boolean;
  note: string | undefined;
};

/** The price of a request before it is submitted. Throws `NoPriceError` when nothing in the catalog matches. */
export function quote(catalog: Catalog, request: QuoteRequest): Quote {
  assertPositiveSeconds(request.seconds, 'seconds');
  const n = request.n ?? 1;
  assertCount(n);
  const entry = requirePriceEntry(catalog, request);
  if (entry.unit === 'per_second') {
    const { tier, rate } = perSecondRate(entry, request.tier);
    const perUnitMicros = rateFor(rate, request.audio);
    const micros = timesCount(microsForSeconds(perUnitMicros, request.seconds, 'seconds'), n);
    return toQuote(entry, { tier, perUnitMicros, micros, seconds: request.seconds, n });
  }
  const { tier, rate } = perVideoRate(entry, request.tier, request.seconds);
  const perUnitMicros = rateFor(rate, request.audio);
  return toQuote(entry, {
    tier,
    perUnitMicros,
    micros: timesCount(perUnitMicros, n),
    seconds: request.seconds,
    n,
  });
}

export function toQuote(
  entry: PriceEntry,
  amounts: { tier: ResolutionTier; perUnitMicros: number; micros: number; seconds: number; n: number },
): Quote {
  return {
    micros: amounts.micros,
    usd: microsToUsdString(amounts.micros),
    perUnitMicros: amounts.perUnitMicros,
    unit: entry.unit,
    tier: amounts.tier,
    seconds: amounts.seconds,
    n: amounts.n,
    asOf: entry.asOf,
    source: entry.source,
    estimated: entry.estimated,
    note: entry.note,
  };
}
