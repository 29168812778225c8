import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWebhook } from '../test-support/fake-provider';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { waitFor } from '../test-support/test-engine';

const open = { apiKeyId: null };

describe('provider webhooks', () => {
  let setup: FakeSetup | undefined;
  afterEach(() => setup?.close());

  /** An engine whose first poll is a minute away, so only a webhook can end a job during a test. */
  async function startedJob() {
    setup = await startFakeSetup({ pollBackoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 } });
    const { video } = await setup.engine.createVideo({ model: 'test-model', prompt: 'a fox' }, open);
    const upstreamId = video.metadata['upstream_id'] as string;
    return { setup, video, upstreamId, upstream: setup.alpha.jobs.get(upstreamId)! };
  }

  it('should complete a job from the state a webhook carries, without polling, once', async () => {
    const { setup, video, upstreamId, upstream } = await startedJob();
    const delivery = fakeWebhook({ id: upstreamId, status: 'succeeded', seconds: 8 });
    await expect(setup.engine.receiveProviderWebhook('alpha', delivery)).resolves.toEqual({
      outcome: 'accepted',
      provider: 'alpha',
      upstreamId,
      videoId: video.id,
    });
    const done = await waitFor(async () => {
      const current = await setup.engine.getVideo(video.id, open);
      return current.status === 'completed' ? current : undefined;
    });
    expect(done.output).not.toBeNull();
    expect(upstream.polls).toBe(0);
    await expect(setup.engine.receiveProviderWebhook('alpha', delivery)).resolves.toMatchObject({
      outcome: 'already_final',
      videoId: video.id,
    });
    expect(setup.engine.metricsText()).toMatch(
      /reelay_provider_webhooks_total\{provider="alpha",outcome="accepted"\} 1/,
    );
  });

  it('should keep a pushed end over a stale delivery that arrives after it (out of order)', async () => {
    const { setup, video, upstreamId, upstream } = await startedJob();
    // Both land before the tracker runs: the late 'running' must not hide the 'succeeded' until the next poll.
    await setup.engine.receiveProviderWebhook('alpha', fakeWebhook({ id: upstreamId, status: 'succeeded' }));
    await setup.engine.receiveProviderWebhook('alpha', fakeWebhook({ id: upstreamId, status: 'running' }));
    await waitFor(async () => (await setup.engine.getVideo(video.id, open)).status === 'completed');
    expect(upstream.polls).toBe(0);
  });

  it('should fail a job from a failure webhook', async () => {
    const { setup, video, upstreamId, upstream } = await startedJob();
    await setup.engine.receiveProviderWebhook(
      'alpha',
      fakeWebhook({ id: upstreamId, status: 'failed', error: 'nsfw' }),
    );
    const failed = await waitFor(async () => {
      const current = await setup.engine.getVideo(video.id, open);
      return current.status === 'failed' ? current : undefined;
    });
    expect(failed.error).toEqual({ code: 'generation_failed', message: 'Fake alpha: nsfw' });
    expect(upstream.polls).toBe(0);
  });

  it('should poll at once when the webhook names the job but carries no state', async () => {
    const { setup, video, upstreamId, upstream } = await startedJob();
    setup.alpha.pollsToFinish = 1;
    await expect(
      setup.engine.receiveProviderWebhook('alpha', fakeWebhook({ id: upstreamId })),
    ).resolves.toMatchObject({ outcome: 'poll_scheduled', videoId: video.id });
    await waitFor(async () => (await setup.engine.getVideo(video.id, open)).status === 'completed');
    expect(upstream.polls).toBe(1);
  });

  it.each([
    ['an unknown job', fakeWebhook({ id: 'job_elsewhere', status: 'succeeded' }), 'unknown_job'],
    ['an event with nothing to act on', fakeWebhook({ id: 'x', type: 'ping' }), 'ignored'],
  ])('should accept and ignore %s', async (_name, delivery, outcome) => {
    const { setup, video } = await startedJob();
    await expect(setup.engine.receiveProviderWebhook('alpha', delivery)).resolves.toMatchObject({
      outcome,
      videoId: null,
    });
    expect((await setup.engine.getVideo(video.id, open)).status).toBe('queued');
  });

  it('should refuse a bad signature with a 401, changing nothing', async () => {
    const { setup, video, upstreamId } = await startedJob();
    const forged = fakeWebhook(
      { id: upstreamId, status: 'succeeded' },
      `whsec_${randomBytes(32).toString('base64')}`,
    );
    await expect(setup.engine.receiveProviderWebhook('alpha', forged)).rejects.toMatchObject({
      status: 401,
      code: 'invalid_webhook_signature',
    });
    expect((await setup.engine.getVideo(video.id, open)).status).toBe('queued');
  });

  it('should answer 404 for a provider that is not configured', async () => {
    const { setup } = await startedJob();
    await expect(
      setup.engine.receiveProviderWebhook('gamma', fakeWebhook({ id: 'x' })),
    ).rejects.toMatchObject({ status: 404, code: 'unknown_provider', param: 'provider' });
  });
});
