import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVideo, finalVideo, getVideo } from './fault-storm-client';
import { type Storm, type StormProvider, startStorm, submissionsOf } from './fault-storm-setup';

type Delivery = { headers: Headers | Record<string, string>; rawBody: Uint8Array };

/**
 * Provider webhooks in a storm, on the providers that send them (Replicate, fal, OpenAI): forged, replayed, duplicated and
 * out of order. The first poll is a minute away, so a job that ends during a test ended by a webhook; a delivery
 * that must change nothing is checked against a job still running.
 */
describe('fault storm: provider webhooks', { timeout: 90_000 }, () => {
  let storm: Storm;
  let url: string;
  let run = 0;

  beforeAll(async () => {
    storm = await startStorm({ firstPollMs: 60_000 });
    url = storm.gateway.url;
  });
  afterAll(() => storm?.close());

  const byId = (id: StormProvider['id']) => storm.providers.find((provider) => provider.id === id)!;
  const deliver = async (provider: string, delivery: Delivery) => {
    const response = await fetch(`${url}/v1/provider-webhooks/${provider}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.rawBody,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBeLessThan(500);
    return { status: response.status, body };
  };
  const started = async (provider: StormProvider) => {
    const answer = await createVideo(url, provider, `[webhook:${provider.id}:${run++}]`, 'fetch');
    expect(answer.status).toBe(200);
    const video = (await getVideo(url, answer.videoId!)) as unknown as { metadata: { upstream_id: string } };
    return { id: answer.videoId!, upstreamId: video.metadata.upstream_id, prompt: answer.prompt };
  };
  /** Retries `build` until the simulator has finished the job (it throws, or answers early, until then). */
  const whenFinished = async <T>(build: () => T): Promise<T> => {
    for (let attempt = 0; attempt < 400; attempt++) {
      try {
        return build();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    throw new Error('the simulator did not finish the job');
  };
  const expectRefused = (answer: { status: number; body: Record<string, unknown> }) => {
    expect(answer.status).toBe(401);
    expect(answer.body['error']).toMatchObject({
      code: 'invalid_webhook_signature',
      type: expect.any(String),
    });
  };
  /** The delivery with its outcome flipped to a failure, signature kept. */
  const tamper = (delivery: Delivery): Delivery => {
    const body = new TextDecoder().decode(delivery.rawBody);
    const forged = body.replace(/"(succeeded|COMPLETED|OK|video\.completed)"/, '"failed"');
    expect(forged).not.toBe(body);
    return { headers: delivery.headers, rawBody: new TextEncoder().encode(forged) };
  };

  it('Replicate: refuses forged and stale-replayed deliveries, takes out-of-order ones, ends the job once', async () => {
    const replicate = storm.replicate;
    const job = await started(byId('replicate'));
    const early = replicate.webhookDelivery(job.upstreamId); // 'starting', sent before the end, delivered late
    const done = await whenFinished(() => {
      if (replicate.prediction(job.upstreamId)?.status !== 'succeeded') throw new Error('running');
      return replicate.webhookDelivery(job.upstreamId);
    });

    expectRefused(await deliver('replicate', tamper(done)));
    expectRefused(
      await deliver('replicate', { headers: { 'content-type': 'application/json' }, rawBody: done.rawBody }),
    );
    const hourOld = replicate.webhookDelivery(job.upstreamId, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expectRefused(await deliver('replicate', hourOld));
    expect((await getVideo(url, job.id)).status).toBe('queued');

    // The end and a late 'starting' together, then the end again twice at once: completed once, from the webhook.
    const [end] = await Promise.all([deliver('replicate', done), deliver('replicate', early)]);
    expect(end.body).toMatchObject({ received: true, outcome: 'accepted', video_id: job.id });
    const duplicates = await Promise.all([deliver('replicate', done), deliver('replicate', done)]);
    for (const duplicate of duplicates) expect(duplicate.status).toBe(200);
    const video = await finalVideo(url, job.id, 10_000);
    expect(video.status).toBe('completed');
    expect(video.metadata.cost?.micros).toBeGreaterThan(0);
    expect((await deliver('replicate', early)).body).toMatchObject({ outcome: 'already_final' });
    expect((await deliver('replicate', done)).body).toMatchObject({ outcome: 'already_final' });
    const polls = replicate.requests.filter((request) =>
      request.path.endsWith(`/predictions/${job.upstreamId}`),
    );
    expect(polls).toHaveLength(0);
    expect(submissionsOf(byId('replicate'), job.prompt)).toBe(1);
  });

  it('fal: refuses forged deliveries, takes the signed one once, ignores its replays', async () => {
    const fal = storm.fal;
    const job = await started(byId('fal'));
    const done = await whenFinished(() => fal.webhookDelivery(job.upstreamId));

    expectRefused(await deliver('fal', tamper(done)));
    expectRefused(
      await deliver('fal', { headers: { 'content-type': 'application/json' }, rawBody: done.rawBody }),
    );
    const otherRequest = {
      ...(done.headers as Record<string, string>),
      'x-fal-webhook-request-id': 'someone-else',
    };
    expectRefused(await deliver('fal', { headers: otherRequest, rawBody: done.rawBody }));
    expect((await getVideo(url, job.id)).status).toBe('queued');

    const answers = await Promise.all([deliver('fal', done), deliver('fal', done), deliver('fal', done)]);
    expect(answers.map((answer) => answer.body['outcome'])).toContain('accepted');
    const video = await finalVideo(url, job.id, 10_000);
    expect(video.status).toBe('completed');
    expect((await deliver('fal', done)).body).toMatchObject({ outcome: 'already_final' });
    expect(submissionsOf(byId('fal'), job.prompt)).toBe(1);
  });

  it('OpenAI: refuses forged events; a signed one (an id only) polls the job once, its repeats change nothing', async () => {
    const openai = storm.openai;
    const job = await started(byId('openai'));
    const done = await whenFinished(() => openai.webhookFor(job.upstreamId));

    expectRefused(await deliver('openai', tamper(done)));
    expectRefused(
      await deliver('openai', { headers: { 'content-type': 'application/json' }, rawBody: done.rawBody }),
    );
    expect((await getVideo(url, job.id)).status).toBe('queued');

    const answers = await Promise.all([deliver('openai', done), deliver('openai', done)]);
    expect(answers.map((answer) => answer.body['outcome'])).toContain('poll_scheduled');
    expect((await finalVideo(url, job.id, 10_000)).status).toBe('completed');
    expect((await deliver('openai', done)).body).toMatchObject({ outcome: 'already_final' });
    const polls = openai.requests.filter(
      (request) => request.method === 'GET' && request.path === `/v1/videos/${job.upstreamId}`,
    );
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.length).toBeLessThanOrEqual(2);
    expect(submissionsOf(byId('openai'), job.prompt)).toBe(1);
  });

  it('a failure webhook fails the job with the reason, uncharged', async () => {
    storm.replicate.setNextOutcome('fail');
    const job = await started(byId('replicate'));
    const failed = await whenFinished(() => {
      if (storm.replicate.prediction(job.upstreamId)?.status !== 'failed') throw new Error('running');
      return storm.replicate.webhookDelivery(job.upstreamId);
    });
    expect((await deliver('replicate', failed)).body).toMatchObject({ outcome: 'accepted' });
    const video = await finalVideo(url, job.id, 10_000);
    expect(video).toMatchObject({ status: 'failed', error: { code: expect.any(String) } });
    expect(video.metadata.cost?.micros ?? 0).toBe(0);
  });
});
