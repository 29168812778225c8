import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { type Ed25519Jwk, type Jwks, WebhookVerificationError } from '@reelay/provider-utils';
import { describe, expect, it } from 'vitest';
import { verifyFalWebhook } from './fal-webhook-signature';

function keyPair(): { privateKey: KeyObject; jwk: Ed25519Jwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const exported = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: exported.x ?? '' } };
}

const signer = keyPair();
const other = keyPair();
const jwks: Jwks = { keys: [other.jwk, signer.jwk] };
const now = 1_790_000_000;
const body = JSON.stringify({
  request_id: 'req_1',
  status: 'OK',
  payload: { video: { url: 'https://v3.fal.media/x.mp4' } },
});

function signature(
  fields: { requestId: string; userId: string; timestamp: string; rawBody: string },
  key = signer.privateKey,
) {
  const hash = createHash('sha256').update(fields.rawBody).digest('hex');
  const message = `${fields.requestId}\n${fields.userId}\n${fields.timestamp}\n${hash}`;
  return sign(null, Buffer.from(message), key).toString('hex');
}

function headers(overrides: Record<string, string> = {}): Headers {
  return new Headers({
    'X-Fal-Webhook-Request-Id': 'req_1',
    'X-Fal-Webhook-User-Id': 'user_1',
    'X-Fal-Webhook-Timestamp': String(now),
    'X-Fal-Webhook-Signature': signature({
      requestId: 'req_1',
      userId: 'user_1',
      timestamp: String(now),
      rawBody: body,
    }),
    ...overrides,
  });
}

function verify(options: { headers?: Headers; rawBody?: string; nowSeconds?: number; keys?: Jwks }) {
  verifyFalWebhook({
    jwks: options.keys ?? jwks,
    headers: options.headers ?? headers(),
    rawBody: new TextEncoder().encode(options.rawBody ?? body),
    now: (options.nowSeconds ?? now) * 1000,
  });
}

describe('verifyFalWebhook', () => {
  it('accepts a delivery signed by any key of the set', () => {
    expect(() => verify({})).not.toThrow();
  });

  it('skips a malformed key and still tries the others', () => {
    expect(() =>
      verify({ keys: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: '!!!' }, signer.jwk] } }),
    ).not.toThrow();
  });

  it.each<[string, Parameters<typeof verify>[0], RegExp]>([
    ['a tampered body', { rawBody: body.replace('OK', 'ERROR') }, /matches none/],
    ['another request id', { headers: headers({ 'X-Fal-Webhook-Request-Id': 'req_2' }) }, /matches none/],
    ['another user id', { headers: headers({ 'X-Fal-Webhook-User-Id': 'user_2' }) }, /matches none/],
    ['a key not in the set', { keys: { keys: [other.jwk] } }, /matches none/],
    ['an expired timestamp', { nowSeconds: now + 301 }, /old/],
    ['a future timestamp', { nowSeconds: now - 301 }, /future/],
    ['a signature that is not hex', { headers: headers({ 'X-Fal-Webhook-Signature': 'zz' }) }, /hex Ed25519/],
    [
      'a missing signature',
      {
        headers: new Headers({
          'X-Fal-Webhook-Request-Id': 'r',
          'X-Fal-Webhook-User-Id': 'u',
          'X-Fal-Webhook-Timestamp': String(now),
        }),
      },
      /X-Fal-Webhook-Signature/i,
    ],
  ])('rejects %s', (_name, options, message) => {
    let thrown: unknown;
    try {
      verify(options);
    } catch (error) {
      thrown = error;
    }
    expect(WebhookVerificationError.isInstance(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});
