import type { RecordedRequest } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Video = { id: string; status: string; metadata: { upstream_id: string } };
type Delivery = { headers: Headers | Record<string, string>; rawBody: Uint8Array };

/**
 * Provider webhooks over real HTTP, in sandbox mode: the simulators sign deliveries exactly as the providers
 * do. The first poll is a minute away, so a job that completes during a test was completed by its webhook.
 * An API key exists, and the deliveries carry none.
 */
describe('POST /v1/provider-webhooks/:provider', () => {
  let gateway: TestGateway;
  let key: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      configure: (config) => {
        config.pollBackoff = { initialMs: 60_000, maxMs: 60_000, factor: 1, jitter: 0 };
      },
    });
    key = (await gateway.engine.apiKeys.create('client')).key;
  });
  afterAll(() => gateway?.stop());

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  const deliver = (provider: string, delivery: Delivery) =>
    fetch(`${gateway.url}/v1/provider-webhooks/${provider}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.rawBody,
    });

  /** Retries `build` until the simulator has finished the job (it throws until then). */
  async function whenFinished<T>(build: () => T): Promise<T> {
    for (let attempt = 0; attempt < 400; attempt++) {
      try {
        return build();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    throw new Error('the simulator did not finish the job');
  }

  const simulators = () => builtInSimulators(gateway);
  const cases: Array<{
    provider: 'openai' | 'fal' | 'replicate';
    model: string;
    delivery: (upstreamId: string) => Delivery;
    isStatusPoll: (request: RecordedRequest, upstreamId: string) => boolean;
    outcome: string;
    polls: number;
  }> = [
    {
      provider: 'replicate',
      model: 'replicate/kling-3',
      delivery: (id) => {
        if (simulators().replicate.prediction(id)?.status !== 'succeeded') throw new Error('running');
        return simulators().replicate.webhookDelivery(id);
      },
      isStatusPoll: (request, id) => request.method === 'GET' && request.path.endsWith(`/predictions/${id}`),
      outcome: 'accepted',
      polls: 0,
    },
    {
      provider: 'fal',
      model: 'fal/veo-3.1',
      delivery: (id) => simulators().fal.webhookDelivery(id),
      isStatusPoll: (request, id) =>
        request.method === 'GET' && request.path.endsWith(`/requests/${id}/status`),
      outcome: 'accepted',
      polls: 0,
    },
    {
      // OpenAI's events carry the id only: the job is polled once, at once.
      provider: 'openai',
      model: 'openai/sora-2-pro',
      delivery: (id) => simulators().openai.webhookFor(id),
      isStatusPoll: (request, id) => request.method === 'GET' && request.path.endsWith(`/videos/${id}`),
      outcome: 'poll_scheduled',
      polls: 1,
    },
  ];

  it.each(cases)(
    'completes a $provider job from its signed webhook without waiting for a poll, once',
    async ({ provider, model, delivery, isStatusPoll, outcome, polls }) => {
      const video = await api<Video>('/v1/videos', { model, prompt: 'a fox in the snow', seconds: 4 });
      const upstreamId = video.metadata.upstream_id;
      const signed = await whenFinished(() => delivery(upstreamId));

      const response = await deliver(provider, signed);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome, video_id: video.id });
      const done = await waitForVideo(() => api<Video>(`/v1/videos/${video.id}`));
      expect(done.status).toBe('completed');
      const recorded = simulators()[provider].requests;
      expect(recorded.filter((request) => isStatusPoll(request, upstreamId))).toHaveLength(polls);

      const repeat = await deliver(provider, signed);
      expect(await repeat.json()).toEqual({ received: true, outcome: 'already_final', video_id: video.id });
    },
  );

  it('refuses a delivery whose signature does not match with a 401 in the error shape', async () => {
    const video = await api<Video>('/v1/videos', { model: 'replicate/kling-3', prompt: 'x', seconds: 5 });
    const signed = await whenFinished(() => cases[0]!.delivery(video.metadata.upstream_id));
    const tampered = new TextEncoder().encode(
      new TextDecoder().decode(signed.rawBody).replace('"succeeded"', '"failed"'),
    );
    const response = await deliver('replicate', { headers: signed.headers, rawBody: tampered });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('webhook-signature'),
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_webhook_signature',
        request_id: response.headers.get('x-request-id'),
      },
    });
    const unsigned = await deliver('fal', {
      headers: { 'content-type': 'application/json' },
      rawBody: signed.rawBody,
    });
    expect(unsigned.status).toBe(401);
    expect((await api<Video>(`/v1/videos/${video.id}`)).status).not.toBe('completed');
  });

  it('answers 200 for a job it does not know, and logs it', async () => {
    // A video made at the provider directly, not through this gateway.
    const openai = simulators().openai;
    const created = await fetch(`${openai.baseURL}/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${openai.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sora-2', prompt: 'elsewhere', seconds: '4', size: '1280x720' }),
    });
    const { id } = (await created.json()) as { id: string };
    const response = await deliver('openai', await whenFinished(() => openai.webhookFor(id)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'unknown_job', video_id: null });
    const lines = gateway.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: 'provider_webhook.received',
        provider: 'openai',
        upstream_id: id,
        outcome: 'unknown_job',
      }),
    );
  });

  it('answers 404 for a provider that is not configured', async () => {
    const response = await deliver('acme', { headers: {}, rawBody: new Uint8Array() });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unknown_provider');
  });
});
