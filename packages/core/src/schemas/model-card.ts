import { z } from 'zod';
import { videoCapabilitiesSchema, videoModeSchema } from '../spec/capabilities';
import { lifecycleStatusSchema } from '../spec/catalog-model';

/** One provider serving a model, as `GET /v1/models/{id}` lists it. */
export const modelProviderCardSchema = z.object({
  provider: z.string(),
  /** `provider/model`, usable as `model` to pin this provider. */
  id: z.string(),
  upstream: z.partialRecord(videoModeSchema, z.string()),
  price: z
    .object({
      /** Cheapest rate, e.g. `"from $0.30/s"`. */
      display: z.string(),
      from_usd_per_second: z.string(),
      to_usd_per_second: z.string(),
      unit: z.enum(['per_second', 'per_video']),
      as_of: z.string(),
      estimated: z.boolean(),
    })
    .nullable(),
  capabilities: videoCapabilitiesSchema,
  provider_parameters: z.array(z.string()),
});
export type ModelProviderCard = z.infer<typeof modelProviderCardSchema>;

/** OpenAI's model object (`client.models.list()` works) plus what Reelay knows about the model. */
export const modelCardSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  /** Unix seconds: the earliest catalog price date, or 0 when unknown. */
  created: z.number().int(),
  owned_by: z.string(),
  name: z.string(),
  family: z.string().nullable(),
  tags: z.array(z.string()),
  modes: z.array(videoModeSchema),
  max_duration_seconds: z.number(),
  lifecycle: z.object({
    status: lifecycleStatusSchema,
    deprecated_at: z.string().nullable(),
    retired_at: z.string().nullable(),
    successors: z.array(z.string()),
    note: z.string().nullable(),
  }),
  /** The cheapest provider's rate, e.g. `"from $0.10/s"`; `null` when unpriced. */
  price: z.string().nullable(),
  providers: z.array(modelProviderCardSchema),
});
export type ModelCard = z.infer<typeof modelCardSchema>;

export const modelListSchema = z.object({ object: z.literal('list'), data: z.array(modelCardSchema) });
