import type { CatalogModel } from '@reelay/core';
import type { z } from 'zod';
import type { Catalog } from './catalog';
import {
  type CatalogOverrides,
  catalogDataSchema,
  catalogOverridesSchema,
  type PriceEntry,
} from './catalog-schema';
import { catalogModels } from './data/catalog-models';
import { catalogPrices } from './data/catalog-prices';
import { type CatalogIssue, CatalogValidationError } from './errors/catalog-validation-error';

type Located<T> = { value: T; path: string };

/**
 * Validates the built-in catalog, applies operator overrides (validated by the same schemas) and returns a
 * frozen catalog. Throws `CatalogValidationError` naming the path of every bad entry.
 */
export function loadCatalog(overrides?: CatalogOverrides): Catalog {
  const builtin = parseOrThrow(
    catalogDataSchema,
    { models: catalogModels, prices: catalogPrices },
    'catalog',
  );
  const extra = overrides === undefined ? {} : parseOrThrow(catalogOverridesSchema, overrides, 'overrides');
  const issues: CatalogIssue[] = [];

  const models = new Map<string, Located<CatalogModel>>();
  addModels(models, builtin.models, 'catalog.models', issues);
  addModels(models, extra.models ?? [], 'overrides.models', issues);
  for (const [id, lifecycle] of Object.entries(extra.lifecycle ?? {})) {
    const path = `overrides.lifecycle.${id}`;
    const found = models.get(id);
    if (!found) {
      issues.push({ path, message: `model '${id}' is not in the catalog (${knownModels(models)})` });
      continue;
    }
    models.set(id, { value: { ...found.value, lifecycle }, path });
  }

  const prices = new Map<string, Located<PriceEntry>>();
  addPrices(prices, builtin.prices, 'catalog.prices', issues);
  addPrices(prices, extra.prices ?? [], 'overrides.prices', issues);

  for (const { value: model, path } of models.values()) {
    const lifecyclePath = path.startsWith('overrides.lifecycle') ? path : `${path}.lifecycle`;
    model.lifecycle.successors.forEach((successor, index) => {
      if (successor === model.id) {
        issues.push({
          path: `${lifecyclePath}.successors[${index}]`,
          message: 'a model cannot succeed itself',
        });
      } else if (!models.has(successor)) {
        issues.push({
          path: `${lifecyclePath}.successors[${index}]`,
          message: `successor '${successor}' is not in the catalog (${knownModels(models)})`,
        });
      }
    });
  }
  for (const { value: entry, path } of prices.values()) {
    if (!models.has(entry.model)) {
      issues.push({
        path: `${path}.model`,
        message: `model '${entry.model}' is not in the catalog; add its card under models (${knownModels(models)})`,
      });
    }
  }
  if (issues.length > 0) throw new CatalogValidationError(issues);

  return deepFreeze({
    models: [...models.values()].map((located) => located.value),
    prices: [...prices.values()].map((located) => located.value),
  });
}

function addModels(
  into: Map<string, Located<CatalogModel>>,
  models: CatalogModel[],
  root: string,
  issues: CatalogIssue[],
): void {
  const seen = new Set<string>();
  models.forEach((model, index) => {
    const path = `${root}[${index}]`;
    if (seen.has(model.id)) {
      issues.push({
        path: `${path}.id`,
        message: `model '${model.id}' is listed twice; keep one card per id`,
      });
      return;
    }
    seen.add(model.id);
    into.set(model.id, { value: model, path });
  });
}

function addPrices(
  into: Map<string, Located<PriceEntry>>,
  entries: PriceEntry[],
  root: string,
  issues: CatalogIssue[],
): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const path = `${root}[${index}]`;
    const key = `${entry.provider}/${entry.model}@${entry.asOf}`;
    if (seen.has(key)) {
      issues.push({
        path: `${path}.asOf`,
        message: `${key} is listed twice; give each price of a provider and model its own asOf date`,
      });
      return;
    }
    seen.add(key);
    into.set(key, { value: entry, path });
  });
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, root: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new CatalogValidationError(result.error.issues.map((issue) => toCatalogIssue(issue, root)));
}

function toCatalogIssue(issue: z.core.$ZodIssue, root: string): CatalogIssue {
  const path = formatPath(root, issue.path);
  if (issue.code === 'invalid_key') {
    return { path, message: `key ${issue.issues[0]?.message ?? 'is not valid'}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field(s) ${issue.keys.map((key) => `'${key}'`).join(', ')}` };
  }
  return { path, message: issue.message };
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${String(segment)}`),
    root,
  );
}

function knownModels(models: Map<string, unknown>): string {
  return `known models: ${[...models.keys()].join(', ')}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
