import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { standardWebhookKey } from './standard-webhook-key';
import { assertFreshTimestamp, requiredHeader, toBytes, type WebhookHeaders } from './webhook-headers';

export type VerifyStandardWebhookOptions = {
  /** The signing secret, `whsec_<base64>` (OpenAI project webhooks, Replicate `GET /webhooks/default/secret`). */
  secret: string;
  headers: WebhookHeaders;
  /** The body exactly as received; re-serialised JSON will not verify. */
  rawBody: Uint8Array | string;
  /** Largest accepted clock difference. Default 300 s. */
  toleranceSeconds?: number;
  /** The current time (Date or epoch ms). Default: now. */
  now?: Date | number;
};

/**
 * Verifies a Standard Webhooks delivery (OpenAI, Replicate): HMAC-SHA256 over `${id}.${timestamp}.${body}`,
 * keyed with the base64-decoded secret, against every `v1,<base64>` entry of `webhook-signature`.
 * Throws `WebhookVerificationError` unless one matches and the timestamp is fresh.
 */
export function verifyStandardWebhook(options: VerifyStandardWebhookOptions): void {
  const id = requiredHeader(options.headers, 'webhook-id');
  const timestamp = requiredHeader(options.headers, 'webhook-timestamp');
  const signatures = requiredHeader(options.headers, 'webhook-signature');
  assertFreshTimestamp(timestamp, 'webhook-timestamp', {
    toleranceSeconds: options.toleranceSeconds ?? 300,
    now: options.now,
  });

  const expected = createHmac('sha256', standardWebhookKey(options.secret))
    .update(`${id}.${timestamp}.`)
    .update(toBytes(options.rawBody))
    .digest();

  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) continue;
    const candidate = Buffer.from(signature, 'base64');
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return;
  }
  throw new WebhookVerificationError(
    'No webhook-signature entry matches the body; check the webhook secret and that the raw body is passed unmodified.',
  );
}
