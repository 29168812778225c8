import { createHmac, randomBytes } from 'node:crypto';

export type OpenAIWebhookType = 'video.completed' | 'video.failed';

/** A signed delivery, ready to hand to a `parseWebhook` or to POST somewhere. */
export type SignedWebhook = {
  headers: Record<string, string>;
  rawBody: Uint8Array;
  payload: { id: string; object: 'event'; created_at: number; type: string; data: { id: string } };
};

/**
 * Signs an OpenAI video event with Standard Webhooks: HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed
 * with the base64-decoded part of the `whsec_…` secret.
 */
export function signOpenAIWebhook(options: {
  secret: string;
  /** `video.completed` or `video.failed`; any other string signs an event a receiver should ignore. */
  type: OpenAIWebhookType | (string & {});
  videoId: string;
  /** Epoch ms; default now. */
  now?: number;
  eventId?: string;
}): SignedWebhook {
  const timestamp = Math.floor((options.now ?? Date.now()) / 1000);
  const eventId = options.eventId ?? `evt_${randomBytes(16).toString('hex')}`;
  const payload = {
    id: eventId,
    object: 'event' as const,
    created_at: timestamp,
    type: options.type,
    data: { id: options.videoId },
  };
  const body = JSON.stringify(payload);
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${eventId}.${timestamp}.${body}`).digest('base64');
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${signature}`,
    },
    rawBody: new TextEncoder().encode(body),
    payload,
  };
}

/** A fresh `whsec_…` secret, as the OpenAI dashboard issues. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
