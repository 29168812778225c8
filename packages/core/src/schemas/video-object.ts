import { z } from 'zod';

export const videoStatusSchema = z.enum(['queued', 'in_progress', 'completed', 'failed']);
export type VideoStatus = z.infer<typeof videoStatusSchema>;

export const normalizationEntrySchema = z.object({
  param: z.string(),
  requested: z.unknown(),
  sent: z.record(z.string(), z.unknown()).nullable(),
  action: z.enum(['passthrough', 'renamed', 'converted', 'emulated', 'snapped', 'dropped', 'defaulted']),
  note: z.string().optional(),
});

export const videoErrorSchema = z.object({ code: z.string(), message: z.string() });

/** OpenAI's video object, plus `output` and Reelay's `metadata`. */
export const videoObjectSchema = z.object({
  id: z.string(),
  object: z.literal('video'),
  model: z.string(),
  status: videoStatusSchema,
  progress: z.number().int().min(0).max(100),
  created_at: z.number().int(),
  completed_at: z.number().int().nullable(),
  expires_at: z.number().int().nullable(),
  prompt: z.string().nullable(),
  size: z.string(),
  seconds: z.string(),
  remixed_from_video_id: z.string().nullable(),
  error: videoErrorSchema.nullable(),
  output: z
    .object({ url: z.string(), thumbnail_url: z.string().nullable(), content_type: z.string() })
    .nullable(),
  metadata: z.record(z.string(), z.unknown()),
});

export type VideoObject = z.infer<typeof videoObjectSchema>;
