import { z } from 'zod';
import { normalizationEntrySchema } from '../matching/normalization-entry';
import { videoWarningSchema } from '../spec/warning';
import { moneySchema } from './money';

/** The catalog price of one route for the normalized request. */
export const routeQuoteSchema = moneySchema.extend({
  /** Rate per unit, micro-USD. */
  per_unit_micros: z.number().int(),
  unit: z.enum(['per_second', 'per_video']),
  /** The catalog marks this price as an estimate. */
  estimated: z.boolean(),
  /** The date the price was read. */
  as_of: z.string(),
});

/** One offering a real create would try, in order. */
export const dryRunRouteSchema = z.object({
  provider: z.string(),
  /** `provider/model`. */
  offering: z.string(),
  upstream_model: z.string(),
  /** `false` when the provider's circuit is open (it is tried after healthy ones). */
  healthy: z.boolean(),
  quote: routeQuoteSchema.nullable(),
  /** Why there is no quote, when there is none. */
  quote_problem: z.string().nullable(),
  /** `WxH` that will be made. */
  size: z.string(),
  seconds: z.number(),
  audio: z.boolean(),
  normalization: z.array(normalizationEntrySchema),
  warnings: z.array(videoWarningSchema),
  /** Why it sits where it does in the order. */
  reason: z.string(),
});
export type DryRunRoute = z.infer<typeof dryRunRouteSchema>;

/** A deprecated or retired model's lifecycle, as the dry run and the `Deprecation`/`Sunset` headers report it. */
export const deprecationSchema = z.object({
  status: z.enum(['deprecated', 'retired']),
  /** The retirement date of a retired model, the deprecation date of a deprecated one. */
  date: z.string().optional(),
  deprecated_at: z.string().optional(),
  retired_at: z.string().optional(),
  successors: z.array(z.string()),
});
export type Deprecation = z.infer<typeof deprecationSchema>;

/** The answer of a dry run (`POST /v1/videos` with `dry_run: true`): route, normalization and price. */
export const dryRunResultSchema = z.object({
  object: z.literal('video.dry_run'),
  /** The catalog model id. */
  model: z.string(),
  /** The model as asked (`fal/sora-2-pro`). */
  requested_model: z.string(),
  n: z.number().int(),
  sandbox: z.boolean(),
  route: z.array(dryRunRouteSchema),
  /** The offering a real create would try first. */
  chosen: z.string(),
  /** Offerings of the model that cannot serve this request, and why. */
  skipped: z.array(z.object({ provider: z.string(), offering: z.string(), reason: z.string() })),
  allow_fallbacks: z.boolean(),
  /** The first route's quote × n. */
  cost_estimate: moneySchema.nullable(),
  warnings: z.array(videoWarningSchema),
  /** Present when the model is deprecated or retired. */
  deprecation: deprecationSchema.optional(),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;
