import { createHash } from 'node:crypto';
import {
  assertFreshTimestamp,
  type Jwks,
  requiredHeader,
  toBytes,
  verifyEd25519Signature,
  type WebhookHeaders,
  WebhookVerificationError,
} from '@reelay/provider-utils';

/** Where fal publishes its webhook signing keys. */
export const FAL_JWKS_URL = 'https://rest.fal.ai/.well-known/jwks.json';

export type VerifyFalWebhookOptions = {
  /** fal's public keys (`createJwksCache({ url: FAL_JWKS_URL }).get()`). */
  jwks: Jwks;
  headers: WebhookHeaders;
  /** The body exactly as received. */
  rawBody: Uint8Array | string;
  /** Largest accepted clock difference. Default 300 s. */
  toleranceSeconds?: number;
  /** The current time (Date or epoch ms). Default: now. */
  now?: Date | number;
};

/**
 * Verifies a fal webhook: an Ed25519 signature (hex, `X-Fal-Webhook-Signature`) over
 * `request_id\nuser_id\ntimestamp\nsha256_hex(body)`, accepted if any JWKS key verifies it.
 * Throws `WebhookVerificationError` otherwise, or when the timestamp is outside the tolerance.
 */
export function verifyFalWebhook(options: VerifyFalWebhookOptions): void {
  const requestId = requiredHeader(options.headers, 'x-fal-webhook-request-id');
  const userId = requiredHeader(options.headers, 'x-fal-webhook-user-id');
  const timestamp = requiredHeader(options.headers, 'x-fal-webhook-timestamp');
  const signatureHex = requiredHeader(options.headers, 'x-fal-webhook-signature');
  assertFreshTimestamp(timestamp, 'X-Fal-Webhook-Timestamp', {
    toleranceSeconds: options.toleranceSeconds ?? 300,
    now: options.now,
  });
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) {
    throw new WebhookVerificationError(
      'The X-Fal-Webhook-Signature header is not a 64-byte hex Ed25519 signature.',
    );
  }

  const bodyHash = createHash('sha256').update(toBytes(options.rawBody)).digest('hex');
  const message = Buffer.from(`${requestId}\n${userId}\n${timestamp}\n${bodyHash}`, 'utf8');
  const signature = Buffer.from(signatureHex, 'hex');

  if (verifyEd25519Signature({ jwks: options.jwks, message, signature })) return;
  throw new WebhookVerificationError(
    'The fal webhook signature matches none of the JWKS keys; refresh the keys, and pass the raw body unmodified.',
  );
}
