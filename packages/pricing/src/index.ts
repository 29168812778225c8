export type { Catalog } from './catalog';
export {
  type CatalogOverrides,
  catalogOverridesSchema,
  type PriceEntry,
  type PriceEntryInput,
  type PriceUnit,
  type Rate,
} from './catalog-schema';
export { type CostRequest, cost } from './cost';
export { type CatalogIssue, CatalogValidationError } from './errors/catalog-validation-error';
export { NoPriceError } from './errors/no-price-error';
export { formatUsd, microsToUsdString } from './format-usd';
export { lifecycleOf } from './lifecycle-of';
export { loadCatalog } from './load-catalog';
export { type PriceLookup, priceEntryAt } from './price-entry-at';
export { type ProviderPriceRange, priceRange } from './price-range';
export { type Quote, type QuoteRequest, quote } from './quote';
