import { InvalidRequestError, type OpenAIErrorBody, ReelayError, toOpenAIError } from '@reelay/core';
import { LimitExceededError } from '@reelay/engine';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { GatewayLogger } from '../logging/create-logger';
import type { GatewayEnv } from './gateway-env';

/**
 * The one error handler: any thrown value becomes OpenAI's `{error:{message,type,param,code}}`, plus the
 * request's `request_id` to quote in a support request. User mistakes are ReelayErrors with a 4xx; anything
 * else is logged in full (`http.error`, with the stack) and answered with a bare 500.
 */
export function errorResponse(error: unknown, c: Context<GatewayEnv>, logger: GatewayLogger): Response {
  const known = ReelayError.isInstance(error) ? error : fromHttpException(error);
  const { status, body } = safeToOpenAIError(known ?? error);
  const requestId = c.get('requestId');
  // An explained upstream failure (a 502 naming the provider) is not a gateway fault: its `http.request` line
  // records it, and a stack per failed create would bury real bugs during a provider outage.
  if (status >= 500 && (known === undefined || status === 500)) {
    logger.error(
      {
        event: 'http.error',
        request_id: requestId,
        method: c.req.method,
        path: c.req.path,
        status,
        stack: describe(error),
      },
      `${c.req.method} ${c.req.path} → ${status}`,
    );
  }
  const response = c.json(
    requestId === undefined ? body : { error: { ...body.error, request_id: requestId } },
    status as ContentfulStatusCode,
  );
  if (status === 401) response.headers.set('www-authenticate', 'Bearer realm="reelay"');
  // A key's own limit, or a provider's rate limit passed on: wait as long as asked.
  if (known?.retryAfterSeconds !== undefined) {
    response.headers.set('retry-after', String(known.retryAfterSeconds));
  }
  // The OpenAI SDKs retry a 429 unless told not to; a spent budget does not come back in seconds.
  if (LimitExceededError.isInstance(known) && !known.retryable)
    response.headers.set('x-should-retry', 'false');
  return response;
}

function fromHttpException(error: unknown): ReelayError | undefined {
  if (!(error instanceof HTTPException)) return undefined;
  if (error.status === 413) return payloadTooLarge();
  if (error.status >= 500) return undefined;
  return new InvalidRequestError({
    message: error.message || 'Bad request.',
    status: error.status,
    code: 'bad_request',
  });
}

export function payloadTooLarge(maxBytes?: number): InvalidRequestError {
  const limit = maxBytes === undefined ? '' : ` (the limit is ${Math.floor(maxBytes / 1024 / 1024)} MiB)`;
  return new InvalidRequestError({
    status: 413,
    code: 'request_too_large',
    message: `The request body is too large${limit}. Send input_reference as a URL instead of an upload, or a smaller image.`,
  });
}

function safeToOpenAIError(error: unknown): { status: number; body: OpenAIErrorBody } {
  try {
    const mapped = toOpenAIError(error);
    if (mapped.status >= 400 && mapped.status <= 599) return mapped;
  } catch {
    // an error whose getters throw must still produce an answer
  }
  return toOpenAIError(undefined);
}

function describe(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return 'unprintable error';
  }
}
