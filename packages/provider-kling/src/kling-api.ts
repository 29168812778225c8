import { z } from 'zod';

/** Every Kling answer is wrapped in `{code, message, request_id, data}`; `code` 0 is success, even in an HTTP 200. */
export const klingEnvelopeSchema = z.object({
  code: z.number(),
  message: z.string().nullish(),
  request_id: z.string().nullish(),
  data: z.unknown().optional(),
});

export const klingTaskSchema = z.object({
  task_id: z.string().min(1),
  /** `submitted`, `processing`, `succeed` (sic) or `failed`. */
  task_status: z.string(),
  task_status_msg: z.string().nullish(),
  task_result: z
    .object({
      videos: z
        .array(z.object({ id: z.string().nullish(), url: z.string().min(1), duration: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
  final_unit_deduction: z.string().nullish(),
});

export type KlingTask = z.infer<typeof klingTaskSchema>;

/** The create route a task was made on; Kling answers a task only under the same path family. */
export const klingEndpointSchema = z.enum(['text2video', 'image2video', 'multi-image2video']);
export type KlingEndpoint = z.infer<typeof klingEndpointSchema>;

export const klingOperationSchema = z.object({ taskId: z.string().min(1), endpoint: klingEndpointSchema });

export type KlingOperation = z.infer<typeof klingOperationSchema>;
