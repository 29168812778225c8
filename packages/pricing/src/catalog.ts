import type { CatalogModel } from '@reelay/core';
import type { PriceEntry } from './catalog-schema';

/** The validated catalog: model cards and dated price entries. Frozen; build a new one with `loadCatalog`. */
export type Catalog = {
  readonly models: readonly CatalogModel[];
  readonly prices: readonly PriceEntry[];
};
