import { z } from 'zod';

/** Every create call (`/v1/text_to_video`, `/v1/image_to_video`, `/v1/video_to_video`) answers only the task id. */
export const runwayCreateResponseSchema = z.object({ id: z.string().min(1) });

/** `GET /v1/tasks/{id}`, discriminated by `status` (runwayml/sdk-node `TaskRetrieveResponse`). */
export const runwayTaskSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('PENDING') }),
  /** Queued because the organisation is at its concurrency limit; not an error. */
  z.object({ id: z.string(), status: z.literal('THROTTLED') }),
  /** `progress` is a fraction from 0 to 1. */
  z.object({ id: z.string(), status: z.literal('RUNNING'), progress: z.number().nullish() }),
  /** Signed URLs that expire 24–48 h later; a fresh GET of the task signs them again. */
  z.object({ id: z.string(), status: z.literal('SUCCEEDED'), output: z.array(z.string().min(1)).min(1) }),
  z.object({
    id: z.string(),
    status: z.literal('FAILED'),
    failure: z.string(),
    failureCode: z.string().nullish(),
  }),
  z.object({ id: z.string(), status: z.literal('CANCELLED') }),
]);

export type RunwayTask = z.infer<typeof runwayTaskSchema>;

/** What the store keeps for a Runway task: its id is all `GET` and `DELETE /v1/tasks/{id}` need. */
export const runwayOperationSchema = z.object({ taskId: z.string().min(1) });

export type RunwayOperation = z.infer<typeof runwayOperationSchema>;
