import { InvalidRequestError } from '@reelay/core';
import type { Catalog } from './catalog';
import type { PriceEntry } from './catalog-schema';
import { NoPriceError } from './errors/no-price-error';

export type PriceLookup = {
  provider: string;
  /** Catalog model id, no provider prefix (`sora-2-pro`). */
  model: string;
  /** The moment to price at; defaults to now. An entry applies from the start (UTC) of its `asOf` day. */
  at?: Date | string | undefined;
};

/** The price entry in force for a provider and model at a moment: the latest whose `asOf` is on or before it. */
export function priceEntryAt(catalog: Catalog, lookup: PriceLookup): PriceEntry | undefined {
  const day = dayOf(lookup.at);
  let latest: PriceEntry | undefined;
  for (const entry of catalog.prices) {
    if (entry.provider !== lookup.provider || entry.model !== lookup.model || entry.asOf > day) continue;
    if (latest === undefined || entry.asOf > latest.asOf) latest = entry;
  }
  return latest;
}

/** Like `priceEntryAt`, but throws `NoPriceError` saying what is priced instead. */
export function requirePriceEntry(catalog: Catalog, lookup: PriceLookup): PriceEntry {
  const entry = priceEntryAt(catalog, lookup);
  if (entry) return entry;
  const { provider, model } = lookup;
  const sameModel = catalog.prices.filter((candidate) => candidate.model === model);
  const exact = sameModel.filter((candidate) => candidate.provider === provider);
  if (exact.length > 0) {
    throw new NoPriceError({
      provider,
      model,
      param: 'model',
      message: `No price for '${model}' at provider '${provider}' as of ${dayOf(lookup.at)}: prices start later.`,
      priced: exact.map((candidate) => `from ${candidate.asOf}`).sort(),
    });
  }
  if (sameModel.length > 0) {
    throw new NoPriceError({
      provider,
      model,
      param: 'model',
      message: `Model '${model}' has no price at provider '${provider}'; choose a provider that prices it.`,
      priced: unique(sameModel.map((candidate) => `${candidate.provider}/${model}`)),
    });
  }
  throw new NoPriceError({
    provider,
    model,
    param: 'model',
    message: `Model '${model}' has no price at any provider; add a price entry to the catalog overrides.`,
    priced: unique(catalog.prices.map((candidate) => `${candidate.provider}/${candidate.model}`)),
  });
}

/** The UTC calendar day of a moment, `YYYY-MM-DD`, comparable as text with `asOf`. */
export function dayOf(at: Date | string | undefined): string {
  const date = at === undefined ? new Date() : at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidRequestError({
      message: `at must be a date or an ISO date string, got '${String(at)}'.`,
      param: 'at',
    });
  }
  return date.toISOString().slice(0, 10);
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
