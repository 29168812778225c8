import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { verifyStandardWebhook } from './verify-standard-webhook';

const key = randomBytes(32);
const secret = `whsec_${key.toString('base64')}`;
const now = 1_790_000_000;
const body = JSON.stringify({ id: 'evt_1', type: 'video.completed', data: { id: 'video_1' } });

function sign(id: string, timestamp: number, payload: string, signingKey: Buffer = key): string {
  return createHmac('sha256', signingKey).update(`${id}.${timestamp}.${payload}`).digest('base64');
}

function headers(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(now),
    'webhook-signature': `v1,${sign('msg_1', now, body)}`,
    ...overrides,
  };
}

function verify(options: { headers?: Record<string, string>; rawBody?: string; nowSeconds?: number }) {
  verifyStandardWebhook({
    secret,
    headers: new Headers(options.headers ?? headers()),
    rawBody: new TextEncoder().encode(options.rawBody ?? body),
    now: (options.nowSeconds ?? now) * 1000,
  });
}

describe('verifyStandardWebhook', () => {
  it('accepts a correctly signed delivery', () => {
    expect(() => verify({})).not.toThrow();
  });

  it('accepts a plain header record and a string body', () => {
    expect(() =>
      verifyStandardWebhook({ secret, headers: headers(), rawBody: body, now: new Date(now * 1000) }),
    ).not.toThrow();
  });

  it('accepts when any of several signatures matches (key rotation)', () => {
    const signature = `v1,${sign('msg_1', now, body, randomBytes(32))} v2,abc v1,${sign('msg_1', now, body)}`;
    expect(() => verify({ headers: headers({ 'webhook-signature': signature }) })).not.toThrow();
  });

  it.each<[string, Parameters<typeof verify>[0], RegExp]>([
    [
      'a tampered body',
      { rawBody: body.replace('completed', 'failed') },
      /No webhook-signature entry matches/,
    ],
    [
      'another secret',
      { headers: headers({ 'webhook-signature': `v1,${sign('msg_1', now, body, randomBytes(32))}` }) },
      /matches/,
    ],
    ['a changed id', { headers: headers({ 'webhook-id': 'msg_2' }) }, /matches/],
    [
      'a non-v1 scheme',
      { headers: headers({ 'webhook-signature': `v2,${sign('msg_1', now, body)}` }) },
      /matches/,
    ],
    ['a timestamp too old', { nowSeconds: now + 301 }, /301 s old/],
    ['a timestamp in the future', { nowSeconds: now - 301 }, /in the future/],
    [
      'a non-numeric timestamp',
      { headers: headers({ 'webhook-timestamp': 'yesterday' }) },
      /not a unix timestamp/,
    ],
    [
      'no signature header',
      { headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now) } },
      /webhook-signature/,
    ],
    [
      'no id header',
      { headers: { 'webhook-timestamp': String(now), 'webhook-signature': 'v1,x' } },
      /webhook-id/,
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

  it('accepts a timestamp right at the tolerance', () => {
    expect(() => verify({ nowSeconds: now + 300 })).not.toThrow();
  });
});
