import type { OpenAIErrorBody } from './openai-error-body';
import { ReelayError } from './reelay-error';

/**
 * Any thrown value as an HTTP status and OpenAI's error body. Unknown errors become a 500 whose message
 * says nothing internal; the caller logs the original.
 */
export function toOpenAIError(error: unknown): { status: number; body: OpenAIErrorBody } {
  if (ReelayError.isInstance(error)) return { status: error.status, body: error.toJSON() };
  return {
    status: 500,
    body: {
      error: {
        message:
          'Internal error. The request may be retried; if it keeps failing, report it with the x-request-id.',
        type: 'server_error',
        param: null,
        code: 'internal_error',
      },
    },
  };
}
