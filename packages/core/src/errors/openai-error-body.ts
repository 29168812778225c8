import { z } from 'zod';

/** OpenAI's error body, the one error shape Reelay answers with. */
export const openAIErrorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    /** `invalid_request_error`, `not_found_error`, `upstream_error`, … */
    type: z.string(),
    /** The request field at fault, dotted (`provider.order`). */
    param: z.string().nullable(),
    code: z.string().nullable(),
    /** The gateway's `x-request-id` of the failed request, to quote in a support request. */
    request_id: z.string().optional(),
  }),
});
export type OpenAIErrorBody = z.infer<typeof openAIErrorBodySchema>;
