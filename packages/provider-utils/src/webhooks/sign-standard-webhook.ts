import { createHmac } from 'node:crypto';
import { standardWebhookKey } from './standard-webhook-key';
import { toBytes } from './webhook-headers';

export type SignStandardWebhookOptions = {
  /** The signing secret, `whsec_<base64>`. */
  secret: string;
  /** The message id (`evt_…`): the same on every retry of one event, so receivers can deduplicate. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The body exactly as it will be sent. */
  body: Uint8Array | string;
};

/** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers of a Standard Webhooks delivery. */
export type StandardWebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs a Standard Webhooks delivery: HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the
 * base64-decoded secret, sent as `v1,<base64>`. `verifyStandardWebhook` (and the `standardwebhooks`, OpenAI
 * and Replicate verifiers) accept it.
 */
export function signStandardWebhook(options: SignStandardWebhookOptions): StandardWebhookHeaders {
  const timestamp = String(Math.floor(options.timestamp));
  const signature = createHmac('sha256', standardWebhookKey(options.secret))
    .update(`${options.id}.${timestamp}.`)
    .update(toBytes(options.body))
    .digest('base64');
  return { 'webhook-id': options.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
