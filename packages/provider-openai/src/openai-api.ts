import { z } from 'zod';

/**
 * OpenAI's video object, read leniently: every field but `id` and `status` may be missing or null, and
 * unknown keys (the undeclared `quality`) are ignored. `status` stays an open string so that a new value
 * reaches the status mapping instead of failing the parse.
 */
export const openAIVideoSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  model: z.string().nullish(),
  prompt: z.string().nullish(),
  progress: z.number().nullish(),
  created_at: z.number().nullish(),
  completed_at: z.number().nullish(),
  expires_at: z.number().nullish(),
  size: z.string().nullish(),
  seconds: z.union([z.string(), z.number()]).nullish(),
  remixed_from_video_id: z.string().nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

export type OpenAIVideo = z.infer<typeof openAIVideoSchema>;

/** A page of `GET /videos`: `{ object: "list", data, first_id, last_id, has_more }`. */
export const openAIVideoListSchema = z.object({
  data: z.array(openAIVideoSchema),
  last_id: z.string().nullish(),
  has_more: z.boolean().nullish(),
});

export const openAIDeletedSchema = z.object({
  id: z.string().nullish(),
  deleted: z.boolean().nullish(),
});

/** A webhook event: `{ id: "evt_…", type: "video.completed", data: { id: "video_…" } }`. */
export const openAIWebhookEventSchema = z.object({
  id: z.string().nullish(),
  type: z.string(),
  data: z.object({ id: z.string().nullish() }).nullish(),
});
