import { z } from 'zod';

/** Every create route (`/videos/generations`, `/videos/edits`, `/videos/extensions`) answers only this. */
export const xaiCreateResponseSchema = z.object({ request_id: z.string().min(1) });

/** `GET /videos/{request_id}` (xai-sdk-python `DeferredStatus`, vercel/ai `xaiVideoStatusResponseSchema`). */
export const xaiVideoStatusSchema = z.object({
  /** `pending`, `done`, `expired` or `failed`; vercel/ai also reads a body with a video URL and no status as done. */
  status: z.string().nullish(),
  progress: z.number().nullish(),
  model: z.string().nullish(),
  video: z
    .object({
      url: z.string().nullish(),
      duration: z.number().nullish(),
      /** `false`: moderation blocked the video, and the URL is not usable. */
      respect_moderation: z.boolean().nullish(),
    })
    .nullish(),
  error: z
    .object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() })
    .nullish(),
  /** 1 tick is 1e-10 USD (xai-sdk-python `cost.py`). */
  usage: z.object({ cost_in_usd_ticks: z.number().nullish() }).nullish(),
});

export type XaiVideoStatus = z.infer<typeof xaiVideoStatusSchema>;

export const xaiOperationSchema = z.object({ requestId: z.string().min(1) });

export type XaiOperation = z.infer<typeof xaiOperationSchema>;
