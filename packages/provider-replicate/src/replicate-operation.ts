import { InvalidRequestError, type VideoOperation } from '@reelay/core';
import { z } from 'zod';

/**
 * What the job store keeps for a Replicate job. URLs are rebuilt from the configured base URL rather than
 * stored, so a changed base URL (or a tampered record) can never point credentials elsewhere.
 */
const replicateOperationSchema = z.object({
  provider: z.literal('replicate'),
  predictionId: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** `owner/name` of the model, for logs. */
  model: z.string(),
});

export type ReplicateOperation = z.infer<typeof replicateOperationSchema>;

export function toOperation(operation: ReplicateOperation): VideoOperation {
  return { provider: operation.provider, predictionId: operation.predictionId, model: operation.model };
}

export function parseOperation(operation: VideoOperation): ReplicateOperation {
  const result = replicateOperationSchema.safeParse(operation);
  if (!result.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'This operation was not made by the Replicate provider (it needs provider "replicate" and a ' +
        'predictionId). Pass the operation Replicate returned from submit, unchanged.',
    });
  }
  return result.data;
}
