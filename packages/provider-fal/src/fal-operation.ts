import type { VideoOperation } from '@reelay/core';
import { InvalidRequestError } from '@reelay/core';
import { z } from 'zod';

/**
 * What the job store keeps for a fal request. fal's status, result and cancel URLs drop the endpoint's
 * sub-path, so their paths are stored as fal returned them rather than rebuilt; their origin is not trusted
 * (the provider re-points them at its configured queue origin).
 */
export const falOperationSchema = z.object({
  requestId: z.string().min(1),
  /** The endpoint the request was submitted to (`fal-ai/veo3.1`). */
  endpoint: z.string().min(1),
  statusUrl: z.string().min(1),
  responseUrl: z.string().min(1),
  cancelUrl: z.string().min(1),
});

export type FalOperation = z.infer<typeof falOperationSchema>;

export function parseFalOperation(operation: VideoOperation): FalOperation {
  const parsed = falOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        `Not a fal operation (${parsed.error.issues.map((issue) => issue.path.join('.') || 'value').join(', ')} ` +
        'invalid). Pass the operation returned by submit() on the fal provider.',
    });
  }
  return parsed.data;
}
