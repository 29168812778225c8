import { z } from 'zod';

/**
 * Replicate's Prediction object, as far as the adapter reads it. Lenient on purpose: `status` stays a string
 * (the SDKs disagree on `aborted`, and new values must not break parsing) and `output` is any JSON.
 */
export const replicatePredictionSchema = z.object({
  id: z.string().min(1),
  model: z.string().nullish(),
  status: z.string(),
  output: z.unknown().nullish(),
  error: z.unknown().nullish(),
  logs: z.string().nullish(),
  data_removed: z.boolean().nullish(),
  created_at: z.string().nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  metrics: z.object({ predict_time: z.number().nullish(), total_time: z.number().nullish() }).nullish(),
  urls: z
    .object({ get: z.string().nullish(), cancel: z.string().nullish(), web: z.string().nullish() })
    .nullish(),
});

export type ReplicatePrediction = z.infer<typeof replicatePredictionSchema>;
