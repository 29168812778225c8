import { moneySchema } from '@reelay/core';
import { z } from 'zod';
import { usageGroups } from '../store/usage-query';

/** The numbers of one group (or of everything, in `totals`). */
export const usageMetricsSchema = z.object({
  /** Requests (`POST /v1/videos` and the like) with a video in the group; an `n` > 1 request counts once. */
  jobs: z.number().int(),
  /** Videos asked for: a single request's one, or each of an `n` > 1 request's. */
  videos: z.number().int(),
  videos_completed: z.number().int(),
  videos_failed: z.number().int(),
  /** Completed videos without a known price: `cost` leaves them out, so it is a lower bound when this is > 0. */
  videos_unpriced: z.number().int(),
  /** Seconds of completed video. */
  seconds: z.number(),
  /** Final cost of the completed videos. */
  cost: moneySchema,
  /** Quoted cost of the videos still running. */
  cost_estimate: moneySchema,
});
export type UsageMetrics = z.infer<typeof usageMetricsSchema>;

/** One row: the values of the grouped fields (only those), then the numbers. */
export const usageRowSchema = z.object({
  /** UTC day of creation, `YYYY-MM-DD`. With `group_by=day`. */
  day: z.string().optional(),
  /** The API key; `null` for jobs made while the gateway had no keys. With `group_by=key`. */
  key_id: z.string().nullable().optional(),
  /** The key's name; `null` when it has none on record. With `group_by=key`. */
  key_name: z.string().nullable().optional(),
  /** The catalog model. With `group_by=model`. */
  model: z.string().optional(),
  /** The provider that took the video; `null` when none did. With `group_by=provider`. */
  provider: z.string().nullable().optional(),
  ...usageMetricsSchema.shape,
});
export type UsageReportRow = z.infer<typeof usageRowSchema>;

export const usageReportSchema = z.object({
  object: z.literal('usage'),
  /** Jobs created at or after this time (unix seconds). */
  start_time: z.number().int(),
  /** Jobs created before this time (unix seconds). */
  end_time: z.number().int(),
  group_by: z.array(z.enum(usageGroups)),
  /** `all_keys` for the operator (a gateway without keys), `own_key` for an API key: only its own jobs. */
  visibility: z.enum(['all_keys', 'own_key']),
  data: z.array(usageRowSchema),
  totals: usageMetricsSchema,
});
export type UsageReport = z.infer<typeof usageReportSchema>;
