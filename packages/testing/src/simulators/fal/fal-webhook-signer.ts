import { createHash, generateKeyPairSync, sign } from 'node:crypto';

export type SignedDelivery = { headers: Record<string, string>; rawBody: Uint8Array };

/**
 * Signs webhook deliveries the way fal does: Ed25519 over
 * `request_id \n user_id \n timestamp \n sha256_hex(body)`, hex signature, public key published as a JWKS.
 */
export function createFalWebhookSigner(userId = 'sim-user') {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), use: 'sig', alg: 'EdDSA' }] };

  return {
    jwks,
    sign(requestId: string, body: unknown, now = Date.now()): SignedDelivery {
      const rawBody = new TextEncoder().encode(JSON.stringify(body));
      const timestamp = String(Math.floor(now / 1000));
      const digest = createHash('sha256').update(rawBody).digest('hex');
      const message = Buffer.from([requestId, userId, timestamp, digest].join('\n'), 'utf8');
      const signature = sign(null, message, privateKey).toString('hex');
      return {
        rawBody,
        headers: {
          'content-type': 'application/json',
          'x-fal-webhook-request-id': requestId,
          'x-fal-webhook-user-id': userId,
          'x-fal-webhook-timestamp': timestamp,
          'x-fal-webhook-signature': signature,
        },
      };
    },
  };
}
