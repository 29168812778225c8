import { InvalidRequestError, ReelayError, type WebhookEvent, type WebhookRequest } from '@reelay/core';
import { verifyStandardWebhook } from '@reelay/provider-utils';
import { openAIWebhookEventSchema } from './openai-api';

const VIDEO_EVENTS = new Set(['video.completed', 'video.failed']);

/**
 * Verifies an OpenAI webhook (Standard Webhooks, `whsec_…` secret) and names the video it is about.
 * Video events carry the id only, so `result` is undefined: the caller polls for the state.
 */
export function parseOpenAIWebhook(
  request: WebhookRequest,
  secret: string | undefined,
): WebhookEvent | undefined {
  if (secret === undefined || secret === '') {
    throw new ReelayError({
      message:
        "OpenAI webhook secret is missing. Pass it as the 'webhookSecret' setting or set the " +
        'OPENAI_WEBHOOK_SECRET environment variable (the whsec_… secret shown when the webhook was created).',
      type: 'configuration_error',
      status: 500,
      code: 'missing_webhook_secret',
    });
  }
  verifyStandardWebhook({ secret, headers: request.headers, rawBody: request.rawBody });

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(request.rawBody));
  } catch {
    throw new InvalidRequestError({ param: 'body', message: 'The OpenAI webhook body is not JSON.' });
  }
  const event = openAIWebhookEventSchema.safeParse(json);
  if (!event.success) {
    throw new InvalidRequestError({
      param: 'body',
      message: 'The OpenAI webhook body is not an event ({ type, data: { id } }).',
    });
  }
  const videoId = event.data.data?.id;
  if (!VIDEO_EVENTS.has(event.data.type) || videoId === null || videoId === undefined) return undefined;
  return { upstreamId: videoId, result: undefined };
}
