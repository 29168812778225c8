import { canonicalTier, catalogModelSchema, isoDateSchema, lifecycleSchema } from '@reelay/core';
import { z } from 'zod';

const idPattern = /^[a-z0-9][a-z0-9._-]*$/;

const catalogId = z
  .string()
  .regex(idPattern, 'must be a lowercase id such as `sora-2-pro` or `fal` (letters, digits, `.`, `-`, `_`)');

const isoDate = isoDateSchema;

/** A price in integer micro-USD. Zero is refused: a $0 price would make every quote free. */
const micros = z
  .number()
  // Refinements rather than `.int()`: zod reports a non-integer as a type mismatch, which a union hides.
  .refine(Number.isSafeInteger, 'must be a whole number of micro-USD (0.30 USD = 300000)')
  .refine(
    (value) => value > 0,
    'must be above zero micro-USD: a price of $0 would quote every video as free',
  );

/** One rate: the same with and without audio, or one for each. */
const rate = z.union([micros, z.strictObject({ silent: micros, audio: micros })], {
  error: 'must be micro-USD (300000) or { silent, audio } in micro-USD',
});

const tierKey = z
  .string()
  .refine((key) => canonicalTier(key) === key, 'must be a resolution tier spelled like 720p, 2K or 1MP');

const secondsKey = z.string().regex(/^[1-9]\d*$/, 'must be a whole number of seconds such as "6"');

function nonEmpty<T extends z.ZodType<Record<string, unknown>>>(schema: T, what: string) {
  return schema.refine((value) => Object.keys(value).length > 0, `must price at least one ${what}`);
}

const priceBase = {
  /** Provider id (`openai`, `fal`, `replicate`). */
  provider: catalogId,
  /** Catalog model id, no provider prefix (`sora-2-pro`). */
  model: catalogId,
  /** First day (UTC) this price applies. A quote uses the latest entry whose `asOf` is on or before its date. */
  asOf: isoDate,
  /** Where the figure comes from: a document section or page, so anyone can check it. */
  source: z.string().trim().min(1, 'must say where the price comes from'),
  /** `true` when the provider publishes no per-second price and this figure is our approximation. */
  estimated: z.boolean().default(false),
  /** Why the figure is what it is; required for estimates. */
  note: z.string().trim().min(1).optional(),
};

const perSecondPrice = z.strictObject({
  ...priceBase,
  unit: z.literal('per_second'),
  /** Micro-USD per output second, per tier. */
  rates: nonEmpty(z.record(tierKey, rate), 'tier'),
});

const perVideoPrice = z.strictObject({
  ...priceBase,
  unit: z.literal('per_video'),
  /** Micro-USD per video, per tier and then per duration in whole seconds. */
  rates: nonEmpty(z.record(tierKey, nonEmpty(z.record(secondsKey, rate), 'duration')), 'tier'),
});

export const priceEntrySchema = z
  .discriminatedUnion('unit', [perSecondPrice, perVideoPrice], {
    error: 'must have unit `per_second` or `per_video`',
  })
  .refine((entry) => !entry.estimated || entry.note !== undefined, {
    message: 'an estimated price needs a `note` saying what the estimate is based on',
    path: ['note'],
  });

export const catalogDataSchema = z.strictObject({
  models: z.array(catalogModelSchema),
  prices: z.array(priceEntrySchema),
});

/**
 * Operator changes to the built-in catalog, usually from the gateway config file. Validated with the same
 * schemas as the built-in data.
 */
export const catalogOverridesSchema = z.strictObject({
  /** Added models; a model with an existing id replaces the built-in card. */
  models: z.array(catalogModelSchema).optional(),
  /**
   * Added price entries; an entry with the same provider, model and `asOf` as a built-in one replaces it.
   * To change a price from a date on, add an entry with that `asOf`.
   */
  prices: z.array(priceEntrySchema).optional(),
  /** A new lifecycle per model id, replacing the model's lifecycle as a whole. */
  lifecycle: z.record(catalogId, lifecycleSchema).optional(),
});

export type PriceEntry = z.output<typeof priceEntrySchema>;
export type PriceEntryInput = z.input<typeof priceEntrySchema>;
export type PriceUnit = PriceEntry['unit'];
/** One rate in micro-USD: the same with and without audio, or one for each. */
export type Rate = z.output<typeof rate>;
export type CatalogDataInput = z.input<typeof catalogDataSchema>;
export type CatalogOverrides = z.input<typeof catalogOverridesSchema>;
