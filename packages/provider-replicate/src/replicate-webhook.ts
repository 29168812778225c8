import { InvalidRequestError, ReelayError, type WebhookEvent, type WebhookRequest } from '@reelay/core';
import { verifyStandardWebhook } from '@reelay/provider-utils';
import { replicatePredictionSchema } from './replicate-api';
import { toPollResult } from './replicate-status';

/**
 * Verifies a Replicate webhook (Standard Webhooks, keyed with the account's `whsec_…` secret) and maps the
 * Prediction it carries, which is the full object, to the job's new state.
 */
export function parseReplicateWebhook(request: WebhookRequest, secret: string | undefined): WebhookEvent {
  if (secret === undefined || secret.trim() === '') {
    throw new ReelayError({
      message:
        "Replicate webhook secret is missing. Pass it as the 'webhookSecret' setting or set the " +
        'REPLICATE_WEBHOOK_SECRET environment variable (GET /v1/webhooks/default/secret returns it).',
      type: 'configuration_error',
      status: 500,
      code: 'missing_webhook_secret',
    });
  }
  verifyStandardWebhook({ secret, headers: request.headers, rawBody: request.rawBody });

  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(request.rawBody));
  } catch {
    body = undefined;
  }
  const prediction = replicatePredictionSchema.safeParse(body);
  if (!prediction.success) {
    throw new InvalidRequestError({
      param: 'body',
      code: 'invalid_webhook_body',
      message: 'The Replicate webhook body is not a Prediction object (it needs at least id and status).',
    });
  }
  return { upstreamId: prediction.data.id, result: toPollResult(prediction.data) };
}
