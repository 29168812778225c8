import { createHmac, randomBytes } from 'node:crypto';

/** A fresh Standard Webhooks secret, as `GET /v1/webhooks/default/secret` returns it. */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * Signs a delivery the way Replicate does (Standard Webhooks): HMAC-SHA256 over `${id}.${timestamp}.${body}`,
 * keyed with the base64-decoded part of the secret after `whsec_`, sent as `v1,<base64>`.
 */
export function signWebhook(options: {
  secret: string;
  webhookId: string;
  timestamp: number;
  body: string;
}): Record<string, string> {
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${options.webhookId}.${options.timestamp}.${options.body}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': options.webhookId,
    'webhook-timestamp': String(options.timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}
