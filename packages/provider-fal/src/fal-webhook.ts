import type { PollResult, WebhookEvent, WebhookRequest } from '@reelay/core';
import { type JwksCache, WebhookVerificationError } from '@reelay/provider-utils';
import { describeFalError, falErrorBodySchema, falVideoOutputSchema, falWebhookBodySchema } from './fal-api';
import { falFailure, falOutputToResult } from './fal-status';
import { verifyFalWebhook } from './fal-webhook-signature';

/** fal may rotate its keys; a signature that fits none is retried once with fresh keys, at most this often. */
const JWKS_REFRESH_INTERVAL_MS = 60_000;

/**
 * Verifies a fal webhook (Ed25519 against fal's JWKS) and maps `{request_id, status: OK|ERROR, payload}`
 * to the job's new state.
 */
export function createFalWebhookParser(jwks: JwksCache) {
  let lastRefreshAt = 0;

  async function verify(request: WebhookRequest): Promise<void> {
    try {
      verifyFalWebhook({ jwks: await jwks.get(), headers: request.headers, rawBody: request.rawBody });
    } catch (error) {
      const now = Date.now();
      if (!WebhookVerificationError.isInstance(error) || now - lastRefreshAt < JWKS_REFRESH_INTERVAL_MS)
        throw error;
      lastRefreshAt = now;
      verifyFalWebhook({ jwks: await jwks.refresh(), headers: request.headers, rawBody: request.rawBody });
    }
  }

  return async function parseWebhook(request: WebhookRequest): Promise<WebhookEvent | undefined> {
    await verify(request);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      throw new WebhookVerificationError('The fal webhook body is not JSON although its signature is valid.');
    }
    const body = falWebhookBodySchema.safeParse(json);
    if (!body.success) {
      throw new WebhookVerificationError(
        'The fal webhook body has no request_id or status; it was not from fal.',
      );
    }
    const { request_id: upstreamId, status, payload, error } = body.data;
    return { upstreamId, result: resultOf(status, payload, error) };
  };
}

function resultOf(
  status: string,
  payload: unknown,
  error: string | null | undefined,
): PollResult | undefined {
  if (status === 'OK') {
    const output = falVideoOutputSchema.safeParse(payload);
    // A payload fal could not serialise arrives as null: the result is read by polling instead.
    return output.success ? falOutputToResult(output.data) : undefined;
  }
  if (status === 'ERROR') {
    const parsed = falErrorBodySchema.safeParse(payload);
    const described = parsed.success ? describeFalError(parsed.data) : undefined;
    return falFailure(described?.message ?? error ?? 'fal reported an error.', described?.code);
  }
  return undefined;
}
