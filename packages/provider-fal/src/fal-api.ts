import { z } from 'zod';

/** The submit answer: fal's `InQueueQueueStatus` with the URLs to use from now on. */
export const falSubmitResponseSchema = z.object({
  request_id: z.string().min(1),
  status_url: z.string().min(1),
  response_url: z.string().min(1),
  cancel_url: z.string().min(1),
  status: z.string().nullish(),
  queue_position: z.number().nullish(),
});

/** `GET …/requests/{id}/status`. A failure is `COMPLETED` with `error` (there is no `FAILED`). */
export const falStatusResponseSchema = z.object({
  status: z.string(),
  queue_position: z.number().nullish(),
  logs: z.array(z.object({ message: z.string().nullish(), level: z.string().nullish() })).nullish(),
  error: z.string().nullish(),
  error_type: z.string().nullish(),
});

export type FalStatusResponse = z.infer<typeof falStatusResponseSchema>;

const falFileSchema = z.object({
  url: z.string().min(1),
  content_type: z.string().nullish(),
  duration: z.number().nullish(),
});

/** The model output of every video endpoint served here; thumbnail and spritesheet come from Sora only. */
export const falVideoOutputSchema = z.object({
  video: falFileSchema,
  video_id: z.string().nullish(),
  thumbnail: falFileSchema.nullish(),
  spritesheet: falFileSchema.nullish(),
});

export type FalVideoOutput = z.infer<typeof falVideoOutputSchema>;

export const falCancelResponseSchema = z.object({ status: z.string().nullish() });

/** Validation errors are `detail: [{loc, msg, type}]`; infrastructure errors a flat `detail` string. */
export const falErrorBodySchema = z.object({
  detail: z
    .union([
      z.string(),
      z.array(
        z.object({
          loc: z.array(z.union([z.string(), z.number()])).nullish(),
          msg: z.string().nullish(),
          type: z.string().nullish(),
        }),
      ),
    ])
    .nullish(),
  error_type: z.string().nullish(),
  status: z.string().nullish(),
});

export type FalErrorBody = z.infer<typeof falErrorBodySchema>;

/** The POST fal sends to `fal_webhook`. On `ERROR`, `payload` holds the error body. */
export const falWebhookBodySchema = z.object({
  request_id: z.string().min(1),
  gateway_request_id: z.string().nullish(),
  status: z.string(),
  payload: z.unknown().nullish(),
  error: z.string().nullish(),
  payload_error: z.string().nullish(),
});

/** `{ message, code }` from a fal error body: the first `detail[]` entry, or the flat `detail`. */
export function describeFalError(body: FalErrorBody): { message: string; code: string } | undefined {
  const { detail } = body;
  if (typeof detail === 'string') return { message: detail, code: body.error_type ?? 'upstream_error' };
  const first = detail?.[0];
  if (!first?.msg) return undefined;
  const field = first.loc?.filter((part) => part !== 'body').join('.');
  return {
    message: field ? `${field}: ${first.msg}` : first.msg,
    code: first.type ?? 'upstream_error',
  };
}
