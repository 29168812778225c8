import { type ImageInput, type MatchInput, matchRequest, toSubmitRequest, UpstreamError } from '@reelay/core';
import { pollUntilDone } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startXaiSimulator } from './simulator/xai-simulator';
import { xaiOfferings } from './xai-offerings';
import { createXai } from './xai-provider';

let simulator: Awaited<ReturnType<typeof startXaiSimulator>>;
beforeAll(async () => {
  simulator = await startXaiSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const xai = () => createXai({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;

function submitRequest(
  model: string,
  prompt: string,
  input: Partial<Omit<MatchInput, 'hasImage'>> = {},
  image?: ImageInput,
) {
  const offering = xaiOfferings.find((candidate) => candidate.model === model)!;
  const normalized = matchRequest(offering, { extra: {}, ...input, hasImage: image !== undefined });
  return toSubmitRequest({ offering, normalized, prompt, image });
}

describe('xAI request shape', () => {
  it('sends model, prompt, an integer duration, aspect_ratio, resolution and image as {url}', async () => {
    const { upstreamId } = await xai().submit(
      submitRequest(
        'grok-imagine-video',
        'a fox in snow',
        { size: '1280x720', seconds: 6, audio: false },
        {
          kind: 'url',
          url: 'https://example.com/first.jpg',
        },
      ),
    );
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/videos/generations' });
    expect(lastRequest().headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
    expect(lastRequest().json).toEqual({
      model: 'grok-imagine-video',
      prompt: 'a fox in snow',
      aspect_ratio: '16:9',
      resolution: '720p',
      duration: 6,
      generate_audio: false,
      image: { url: 'https://example.com/first.jpg' },
    });
    expect(upstreamId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves 1080p only on grok-imagine-video-1.5', async () => {
    await xai().submit(submitRequest('grok-imagine-video-1.5', 'city', { size: '1920x1080' }));
    expect(lastRequest().json).toMatchObject({ model: 'grok-imagine-video-1.5', resolution: '1080p' });
    const older = submitRequest('grok-imagine-video', 'city', { size: '1920x1080' });
    expect(older.body['resolution']).toBe('720p');
  });

  it('treats a done video that moderation blocked as a failure', async () => {
    simulator.setNextOutcome('fail');
    const provider = xai();
    const { operation } = await provider.submit(submitRequest('grok-imagine-video', 'blocked'));
    expect((await pollUntilDone(provider, operation)).final).toEqual({
      status: 'failed',
      error: { code: 'moderation_blocked', message: 'xAI moderation blocked the generated video.' },
      canceled: false,
    });
  });

  it('reports a failed request with xAI’s error, and a done one with its duration', async () => {
    simulator.setNextOutcome('abort');
    const provider = xai();
    const failed = await provider.submit(submitRequest('grok-imagine-video', 'broken'));
    expect((await pollUntilDone(provider, failed.operation)).final).toMatchObject({
      status: 'failed',
      error: { code: 'internal', message: 'Video generation failed.' },
    });
    const done = await provider.submit(submitRequest('grok-imagine-video', 'fine', { seconds: 3 }));
    const final = (await pollUntilDone(provider, done.operation)).final;
    expect(final).toMatchObject({ status: 'succeeded', seconds: 3 });
    // The simulator bills $0.07/s at 720p in ticks of 10⁻¹⁰ USD: 3 s is $0.21, 210,000 millionths.
    expect(final.status === 'succeeded' ? final.costMicros : undefined).toBe(210_000);
  });

  it('marks a wrong key (a 400 at xAI) as invalid_api_key without echoing it', async () => {
    const error = await createXai({ apiKey: 'xai-wrong-key', baseURL: simulator.baseURL })
      .submit(submitRequest('grok-imagine-video', 'x'))
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, providerCode: 'invalid_api_key', isRetryable: false });
    expect(JSON.stringify(error)).not.toContain('xai-wrong-key');
  });

  it('reads XAI_API_KEY and XAI_BASE_URL from the environment', async () => {
    process.env['XAI_API_KEY'] = simulator.apiKey;
    process.env['XAI_BASE_URL'] = simulator.baseURL;
    try {
      await createXai().submit(submitRequest('grok-imagine-video', 'env'));
      expect(lastRequest().headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
    } finally {
      delete process.env['XAI_API_KEY'];
      delete process.env['XAI_BASE_URL'];
    }
  });
});
