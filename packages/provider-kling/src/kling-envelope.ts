import { UpstreamError } from '@reelay/core';
import type { z } from 'zod';
import { isRetryableKlingCode } from './kling-error';

/**
 * The `data` of a Kling answer. A non-zero `code` inside an HTTP 200 is still a refusal: it becomes the same
 * `UpstreamError` an HTTP error would, with Kling's code and message.
 */
export function unwrapKlingData<T>(
  envelope: { code: number; message?: string | null | undefined; data?: unknown },
  schema: z.ZodType<T>,
  context: { status: number; url: string; submit: boolean },
): T {
  if (envelope.code !== 0) {
    throw new UpstreamError({
      provider: 'kling',
      message: `HTTP ${context.status} with code ${envelope.code}: ${envelope.message || 'no message'}`,
      statusCode: context.status,
      providerCode: String(envelope.code),
      isRetryable: isRetryableKlingCode(envelope.code),
      nothingCreated: true,
      url: context.url,
    });
  }
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) {
    throw new UpstreamError({
      provider: 'kling',
      message: 'Kling answered code 0 without the task it should describe.',
      statusCode: context.status,
      providerCode: 'invalid_response',
      isRetryable: !context.submit,
      // A create answer we cannot read may still have made a task.
      nothingCreated: !context.submit,
      url: context.url,
    });
  }
  return parsed.data;
}
