import { z } from 'zod';
import { jsonObjectSchema, jsonValueSchema } from '../spec/json-value';

/**
 * How a parameter was treated: sent as is, renamed, converted, done by the gateway, changed to the nearest
 * supported value, left out, or (`defaulted`) not asked, with the model's default sent.
 */
export const normalizationActionSchema = z.enum([
  'passthrough',
  'renamed',
  'converted',
  'emulated',
  'snapped',
  'dropped',
  'defaulted',
]);
export type NormalizationAction = z.infer<typeof normalizationActionSchema>;

/** One line of the normalization report: what was asked, what will be sent, and how. */
export const normalizationEntrySchema = z.object({
  /** The public parameter (`size`, `seconds`, `foo`). */
  param: z.string(),
  /** The value asked; `null` when not asked. */
  requested: jsonValueSchema,
  /**
   * Upstream values sent for this parameter, keyed by wire path (`duration`, `parameters.aspectRatio`,
   * `instances[0].image`); `null` when nothing is sent (dropped or emulated).
   */
  sent: jsonObjectSchema.nullable(),
  action: normalizationActionSchema,
  note: z.string().optional(),
});
export type NormalizationEntry = z.infer<typeof normalizationEntrySchema>;

/** What the normalization report, errors and answers show in place of a secret parameter's value. */
export const REDACTED = '[redacted]';
