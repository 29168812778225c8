import { z } from 'zod';
import { normalizationEntrySchema } from '../matching/normalization-entry';
import { videoWarningSchema } from '../spec/warning';
import { moneySchema } from './money';

export const videoStatusSchema = z.enum(['queued', 'in_progress', 'completed', 'failed']);
export type VideoStatus = z.infer<typeof videoStatusSchema>;

export const videoErrorSchema = z.object({ code: z.string(), message: z.string() });
export type VideoError = z.infer<typeof videoErrorSchema>;

export const videoOutputSchema = z.object({
  /** Where the stored video is served (`/v1/videos/{id}/content`). */
  url: z.string(),
  thumbnail_url: z.string().nullable(),
  content_type: z.string(),
});
export type VideoOutput = z.infer<typeof videoOutputSchema>;

/** One video of an `n > 1` request, as its parent lists it. */
export const videoChildSchema = z.object({
  id: z.string(),
  index: z.number().int().nullable(),
  status: videoStatusSchema,
  progress: z.number().int(),
  provider: z.string().nullable(),
  upstream_id: z.string().nullable(),
  cost: moneySchema.nullable(),
  error: videoErrorSchema.nullable(),
  output: videoOutputSchema.nullable(),
});

/** One try at one provider, in the order tried (`metadata.attempts`). */
export const videoAttemptSchema = z.object({
  provider: z.string(),
  offering: z.string(),
  outcome: z.enum(['submitted', 'failed', 'unknown', 'interrupted']),
  error: z
    .object({ status: z.number().nullable(), code: z.string().nullable(), message: z.string() })
    .optional(),
});
export type VideoAttempt = z.infer<typeof videoAttemptSchema>;

/** Reelay's `metadata` block. Loose: clients must ignore fields they do not know. */
export const videoMetadataSchema = z.looseObject({
  /** The answer came from a simulator, not a real provider. */
  sandbox: z.boolean().optional(),
  /** The model as the client wrote it (`fal/sora-2-pro`). */
  requested_model: z.string().optional(),
  /** The provider that serves it; a list for an `n > 1` request split across providers. */
  provider: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  /** `provider/model`. */
  offering: z.string().nullable().optional(),
  provider_model: z.string().nullable().optional(),
  upstream_id: z.string().nullable().optional(),
  cost_estimate: moneySchema.nullable().optional(),
  cost: moneySchema.nullable().optional(),
  normalization: z.array(normalizationEntrySchema).optional(),
  warnings: z.array(videoWarningSchema).optional(),
  attempts: z.array(videoAttemptSchema).optional(),
  request_metadata: z.record(z.string(), z.string()).nullable().optional(),
  parent_id: z.string().optional(),
  child_index: z.number().int().nullable().optional(),
  output_expired: z.boolean().optional(),
  n: z.number().int().optional(),
  children: z.array(videoChildSchema).optional(),
});
export type VideoMetadata = z.infer<typeof videoMetadataSchema>;

/** OpenAI's video object, plus `output` and Reelay's `metadata`. */
export const videoObjectSchema = z.object({
  id: z.string(),
  object: z.literal('video'),
  model: z.string(),
  status: videoStatusSchema,
  progress: z.number().int().min(0).max(100),
  /** Unix seconds. */
  created_at: z.number().int(),
  completed_at: z.number().int().nullable(),
  /** When the stored output is removed, Unix seconds. */
  expires_at: z.number().int().nullable(),
  prompt: z.string().nullable(),
  size: z.string(),
  seconds: z.string(),
  remixed_from_video_id: z.string().nullable(),
  error: videoErrorSchema.nullable(),
  output: videoOutputSchema.nullable(),
  metadata: videoMetadataSchema,
});
export type VideoObject = z.infer<typeof videoObjectSchema>;

export const videoListSchema = z.object({
  object: z.literal('list'),
  data: z.array(videoObjectSchema),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
  has_more: z.boolean(),
});
export type VideoList = z.infer<typeof videoListSchema>;

export const videoDeletedSchema = z.object({
  id: z.string(),
  object: z.literal('video.deleted'),
  deleted: z.literal(true),
});
export type VideoDeleted = z.infer<typeof videoDeletedSchema>;
