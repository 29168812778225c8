import { InvalidRequestError, type VideoOperation } from '@reelay/core';
import { z } from 'zod';

/** The operation name Vertex returns: `projects/…/publishers/google/models/{model}/operations/{id}`. */
export const vertexOperationSchema = z.object({
  operationName: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/[^/]+\/operations\/[^/]+$/),
});

export type VertexOperation = z.infer<typeof vertexOperationSchema>;

export function parseVertexOperation(operation: VideoOperation): VertexOperation {
  const parsed = vertexOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not a Vertex AI operation (operationName missing or malformed). Pass the operation returned by submit() on the google-vertex provider.',
    });
  }
  return parsed.data;
}

/** Veo is polled on the model, not the operation: `POST {model}:fetchPredictOperation` (js-genai `operations.ts`). */
export function fetchOperationPath(operationName: string): string {
  return `/${operationName.split('/operations/')[0]}:fetchPredictOperation`;
}
