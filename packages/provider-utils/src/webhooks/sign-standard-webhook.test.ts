import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { signStandardWebhook } from './sign-standard-webhook';
import { verifyStandardWebhook } from './verify-standard-webhook';

const key = randomBytes(32);
const secret = `whsec_${key.toString('base64')}`;
const now = 1_790_000_000;
const body = JSON.stringify({
  id: 'evt_1',
  object: 'event',
  type: 'video.completed',
  data: { id: 'video_1' },
});

describe('signStandardWebhook', () => {
  it('signs what verifyStandardWebhook accepts', () => {
    const headers = signStandardWebhook({ secret, id: 'evt_1', timestamp: now, body });
    expect(() =>
      verifyStandardWebhook({ secret, headers, rawBody: new TextEncoder().encode(body), now: now * 1000 }),
    ).not.toThrow();
  });

  it('follows the Standard Webhooks recipe exactly', () => {
    const headers = signStandardWebhook({ secret, id: 'evt_1', timestamp: now + 0.9, body });
    const expected = createHmac('sha256', key).update(`evt_1.${now}.${body}`).digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(now),
      'webhook-signature': `v1,${expected}`,
    });
  });

  it.each<[string, { secret?: string; body?: string }]>([
    ['another secret', { secret: `whsec_${randomBytes(32).toString('base64')}` }],
    ['another body', { body: body.replace('completed', 'failed') }],
  ])('does not verify with %s', (_name, change) => {
    const headers = signStandardWebhook({
      secret: change.secret ?? secret,
      id: 'evt_1',
      timestamp: now,
      body,
    });
    expect(() =>
      verifyStandardWebhook({ secret, headers, rawBody: change.body ?? body, now: now * 1000 }),
    ).toThrow(WebhookVerificationError);
  });

  it('refuses an empty secret', () => {
    expect(() => signStandardWebhook({ secret: 'whsec_', id: 'evt_1', timestamp: now, body })).toThrow(
      /whsec_/,
    );
  });
});
