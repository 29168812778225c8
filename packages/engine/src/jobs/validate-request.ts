import { type CreateVideoRequest, createVideoRequestSchema, InvalidRequestError } from '@reelay/core';

/**
 * Re-checks a request against the public schema, so library callers get the same 400s as HTTP clients.
 * Parsing an already parsed request yields the same request.
 */
export function validateRequest(request: CreateVideoRequest): CreateVideoRequest {
  const result = createVideoRequestSchema.safeParse(request);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.map(String).join('.') || undefined;
  throw new InvalidRequestError({
    param,
    message: `${param ?? 'body'} ${issue?.message ?? 'is not valid'}`,
  });
}
