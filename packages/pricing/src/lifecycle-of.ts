import type { Lifecycle } from '@reelay/core';
import type { Catalog } from './catalog';

/** A model's lifecycle (status, dates, successors), or `undefined` when the catalog has no card for it. */
export function lifecycleOf(catalog: Catalog, model: string): Lifecycle | undefined {
  return catalog.models.find((card) => card.id === model)?.lifecycle;
}
