import { randomBytes } from 'node:crypto';
import { verifyStandardWebhook } from '@reelay/provider-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../engine-types';
import { openDatabase } from '../store';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { waitFor } from '../test-support/test-engine';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../test-support/webhook-receiver';

const open = { apiKeyId: null };
const secret = `whsec_${randomBytes(32).toString('base64')}`;

type Event = { id: string; object: string; type: string; created_at: number; data: Record<string, unknown> };

/** Verifies the signature as a receiver would, and returns the event. */
function verified(delivery: ReceivedWebhook): Event {
  verifyStandardWebhook({
    secret,
    headers: delivery.headers,
    rawBody: new Uint8Array(delivery.rawBody),
  });
  return delivery.json as Event;
}

function deliveryRows(dataDir: string) {
  const db = openDatabase(dataDir);
  try {
    return db
      .prepare('SELECT job_id, type, attempts, delivered_at, failed_at, last_error FROM webhook_deliveries')
      .all() as Array<{
      job_id: string;
      type: string;
      attempts: number;
      delivered_at: number | null;
      failed_at: number | null;
      last_error: string | null;
    }>;
  } finally {
    db.close();
  }
}

describe('webhook_url deliveries', () => {
  let setup: FakeSetup | undefined;
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await setup?.close();
    await receiver?.close();
    setup = undefined;
  });

  async function start(overrides: Partial<EngineOptions> = {}) {
    receiver = await startWebhookReceiver();
    setup = await startFakeSetup({
      trustedOrigins: [receiver.origin],
      webhookSecret: secret,
      webhookRetryDelaysMs: [20, 20, 20],
      ...overrides,
    });
    return { setup, receiver };
  }

  it('should POST one signed video.completed event with the video object when the job ends', async () => {
    const { setup, receiver } = await start();
    const { video } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'a fox', webhook_url: `${receiver.origin}/hooks/reelay?tenant=7` },
      open,
    );
    const [delivery] = await waitFor(async () => receiver.received.length > 0 && receiver.received);
    const event = verified(delivery!);
    expect(delivery!.path).toBe('/hooks/reelay?tenant=7');
    expect(delivery!.headers['webhook-id']).toBe(event.id);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['authorization']).toBeUndefined();
    expect(event).toMatchObject({ object: 'event', type: 'video.completed' });
    expect(event.id).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(event.data).toEqual(await setup.engine.getVideo(video.id, open));
    expect(event.data).toMatchObject({ id: video.id, status: 'completed', progress: 100 });

    await waitFor(async () => deliveryRows(setup.dataDir)[0]?.delivered_at);
    await setup.engine.stop();
    expect(receiver.received).toHaveLength(1);
    expect(deliveryRows(setup.dataDir)).toEqual([
      expect.objectContaining({ job_id: video.id, attempts: 1, delivered_at: expect.any(Number) }),
    ]);
  });

  it('should send video.failed for a failed job, and nothing for a job without webhook_url', async () => {
    const { setup, receiver } = await start();
    setup.alpha.outcome = 'fail';
    const { video: quiet } = await setup.engine.createVideo({ model: 'test-model', prompt: 'x' }, open);
    const { video } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'x', webhook_url: `${receiver.origin}/hook` },
      open,
    );
    const [delivery] = await waitFor(async () => receiver.received.length > 0 && receiver.received);
    expect(verified(delivery!)).toMatchObject({
      type: 'video.failed',
      data: { id: video.id, status: 'failed', error: { code: 'generation_failed' } },
    });
    await waitFor(async () => (await setup.engine.getVideo(quiet.id, open)).status === 'failed');
    await setup.engine.stop();
    expect(deliveryRows(setup.dataDir).map((row) => row.job_id)).toEqual([video.id]);
  });

  it('should send one event for an n > 1 request, about the parent, once every child ended', async () => {
    const { setup, receiver } = await start();
    const { video } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'x', n: 3, webhook_url: `${receiver.origin}/hook` },
      open,
    );
    const [delivery] = await waitFor(async () => receiver.received.length > 0 && receiver.received);
    const event = verified(delivery!);
    expect(event).toMatchObject({ type: 'video.completed', data: { id: video.id, status: 'completed' } });
    const children = (event.data['metadata'] as { children: Array<{ status: string }> }).children;
    expect(children.map((child) => child.status)).toEqual(['completed', 'completed', 'completed']);
    await waitFor(async () => deliveryRows(setup.dataDir)[0]?.delivered_at);
    await setup.engine.stop();
    expect(receiver.received).toHaveLength(1);
    expect(deliveryRows(setup.dataDir).map((row) => row.job_id)).toEqual([video.id]);
  });

  it('should retry after a 500 with the same webhook-id, and stop after the last retry', async () => {
    const { setup, receiver } = await start();
    receiver.answers.push(500);
    const { video: retried } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'x', webhook_url: `${receiver.origin}/flaky` },
      open,
    );
    await waitFor(async () => deliveryRows(setup.dataDir).some((row) => row.delivered_at !== null));
    const [first, second] = receiver.received;
    expect(receiver.received).toHaveLength(2);
    expect(verified(second!).id).toBe(verified(first!).id);
    expect(deliveryRows(setup.dataDir)[0]).toMatchObject({ job_id: retried.id, attempts: 2 });

    receiver.answers.push(500, 503, 500, 500, 500);
    const { video: refused } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'y', webhook_url: `${receiver.origin}/down` },
      open,
    );
    const gaveUp = await waitFor(async () =>
      deliveryRows(setup.dataDir).find((row) => row.job_id === refused.id && row.failed_at !== null),
    );
    expect(gaveUp).toMatchObject({ attempts: 4, last_error: 'the receiver answered HTTP 500' });
    expect(receiver.received.filter((delivery) => delivery.path === '/down')).toHaveLength(4);
  });

  it('should resume a pending delivery after a restart', async () => {
    const { setup, receiver } = await start({ webhookRetryDelaysMs: [60_000] });
    receiver.answers.push(500);
    const { video } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'x', webhook_url: `${receiver.origin}/hook` },
      open,
    );
    await waitFor(async () => deliveryRows(setup.dataDir).some((row) => row.attempts === 1));
    await setup.engine.stop();
    expect(receiver.received).toHaveLength(1);

    // A minute later: the retry is due as soon as the new engine starts.
    setup.restart({ now: () => Date.now() + 61_000 });
    await waitFor(async () => receiver.received.length === 2);
    const retry = receiver.received[1]!;
    verifyStandardWebhook({
      secret,
      headers: retry.headers,
      rawBody: new Uint8Array(retry.rawBody),
      now: Date.now() + 61_000,
    });
    expect((retry.json as Event).data['id']).toBe(video.id);
    expect(retry.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
  });

  it('should send again after a restart an attempt that stop() interrupted', async () => {
    const { setup, receiver } = await start();
    receiver.answers.push('hang');
    await setup.engine.createVideo(
      { model: 'test-model', prompt: 'x', webhook_url: `${receiver.origin}/hook` },
      open,
    );
    await waitFor(async () => receiver.received.length === 1);
    await setup.engine.stop();
    expect(deliveryRows(setup.dataDir)[0]).toMatchObject({ attempts: 0, delivered_at: null });

    setup.restart();
    await waitFor(async () => receiver.received.length === 2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    await waitFor(async () => deliveryRows(setup!.dataDir)[0]?.delivered_at);
  });

  it.each([
    ['plain http to an origin that is not trusted', 'http://127.0.0.1:9/hook', 'invalid_webhook_url'],
    ['a private address', 'https://10.0.0.1/hook', 'unsafe_url'],
    ['a cloud metadata address', 'https://169.254.169.254/latest', 'unsafe_url'],
    ['a name that resolves to loopback', 'https://localhost:8443/hook', 'unsafe_url'],
  ])('should refuse at create a webhook_url on %s, submitting nothing', async (_name, url, code) => {
    const { setup } = await start();
    const request = { model: 'test-model', prompt: 'x', webhook_url: url };
    const refusal = { status: 400, param: 'webhook_url', code };
    await expect(setup.engine.createVideo(request, open)).rejects.toMatchObject(refusal);
    await expect(setup.engine.dryRun(request, open)).rejects.toMatchObject(refusal);
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(0);
    expect((await setup.engine.listVideos(open, {})).data).toHaveLength(0);
  });
});
