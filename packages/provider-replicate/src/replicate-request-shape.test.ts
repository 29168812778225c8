import { type ReplicateSimulator, startReplicateSimulator } from '@reelay/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReplicate } from './replicate-provider';
import { submitRequest } from './replicate-test-support';

let simulator: ReplicateSimulator;
let provider: ReturnType<typeof createReplicate>;

beforeAll(async () => {
  simulator = await startReplicateSimulator({ behavior: { queueMs: 0, runMs: 0 } });
  provider = createReplicate({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function lastCreate() {
  const request = simulator.requests.findLast((recorded) => recorded.method === 'POST');
  if (!request) throw new Error('no POST recorded');
  return request;
}

describe('Replicate request shape', () => {
  it('sends text-to-video Sora 2 Pro to the official-model route with integer seconds', async () => {
    const { upstreamId } = await provider.submit(
      submitRequest('sora-2-pro', 'a lighthouse at dusk', { size: '1280x720', seconds: 8 }),
    );
    const request = lastCreate();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/models/openai/sora-2-pro/predictions');
    expect(request.headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.json).toEqual({
      input: {
        prompt: 'a lighthouse at dusk',
        seconds: 8,
        aspect_ratio: 'landscape',
        resolution: 'standard',
      },
    });
    const input = (request.json as { input: Record<string, unknown> }).input;
    expect(Number.isInteger(input['seconds'])).toBe(true);
    expect(upstreamId).toMatch(/^[a-z0-9]{26}$/);
  });

  it.each([
    ['720x1280', { aspect_ratio: 'portrait', resolution: 'standard' }],
    ['1792x1024', { aspect_ratio: 'landscape', resolution: 'high' }],
    ['1024x1792', { aspect_ratio: 'portrait', resolution: 'high' }],
    ['1920x1080', { aspect_ratio: 'landscape', resolution: 'high' }],
  ])('asks Sora for %s as %j', async (size, wire) => {
    await provider.submit(submitRequest('sora-2-pro', 'x', { size, seconds: 4 }));
    expect(lastCreate().json).toMatchObject({ input: wire });
  });

  it('sends image-to-video with the image URL as input_reference, a URI string', async () => {
    await provider.submit(
      submitRequest('sora-2-pro', 'make it move', {
        size: '9:16',
        seconds: 12,
        image: { kind: 'url', url: 'https://example.com/first-frame.png' },
      }),
    );
    const request = lastCreate();
    expect(request.path).toBe('/v1/models/openai/sora-2-pro/predictions');
    expect(request.json).toEqual({
      input: {
        prompt: 'make it move',
        seconds: 12,
        aspect_ratio: 'portrait',
        resolution: 'standard',
        input_reference: 'https://example.com/first-frame.png',
      },
    });
  });

  it('sends an uploaded image as a data URI under the model’s own image field', async () => {
    const data = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    await provider.submit(
      submitRequest('kling-3', 'waves', {
        aspectRatio: '9:16',
        resolution: '1080p',
        seconds: 7,
        audio: true,
        image: { kind: 'upload', data, mediaType: 'image/png', filename: 'frame.png' },
      }),
    );
    const request = lastCreate();
    expect(request.path).toBe('/v1/models/kwaivgi/kling-v3-video/predictions');
    expect(request.json).toEqual({
      input: {
        prompt: 'waves',
        aspect_ratio: '9:16',
        resolution: '1080p',
        duration: 7,
        generate_audio: true,
        start_image: `data:image/png;base64,${Buffer.from(data).toString('base64')}`,
      },
    });
  });

  it.each([
    [
      'wan-2.7',
      'wan-video/wan-2.7-t2v',
      { size: '1:1', seconds: 2 },
      { aspect_ratio: '1:1', resolution: '720p', duration: 2 },
    ],
    [
      'seedance-2.0-fast',
      'bytedance/seedance-2.0-fast',
      { resolution: '480p' },
      { aspect_ratio: '16:9', resolution: '480p', duration: 5 },
    ],
    [
      'hailuo-2.3',
      'minimax/hailuo-2.3',
      { size: '1920x1080', seconds: 6 },
      { resolution: '1080p', duration: 6 },
    ],
    ['luma-ray-2', 'luma/ray-2-720p', { size: '21:9', seconds: 9 }, { aspect_ratio: '21:9', duration: 9 }],
    [
      'runway-gen-4.5',
      'runwayml/gen-4.5',
      { size: '9:16', seconds: 10 },
      { aspect_ratio: '9:16', duration: 10 },
    ],
  ])('sends %s to %s with %j', async (model, upstream, input, wire) => {
    await provider.submit(submitRequest(model, 'p', input));
    const request = lastCreate();
    expect(request.path).toBe(`/v1/models/${upstream}/predictions`);
    expect(request.json).toEqual({ input: { prompt: 'p', ...wire } });
  });

  it('passes unknown and provider-only parameters through inside input', async () => {
    await provider.submit(
      submitRequest('sora-2-pro', 'x', { extra: { openai_api_key: 'sk-byok-123456', some_new_flag: true } }),
    );
    expect(lastCreate().json).toMatchObject({
      input: { openai_api_key: 'sk-byok-123456', some_new_flag: true },
    });
  });

  it('registers the webhook when one is configured', async () => {
    const withHook = createReplicate({
      apiKey: simulator.apiKey,
      baseURL: simulator.baseURL,
      webhookUrl: 'https://gateway.example.com/webhooks/replicate',
    });
    await withHook.submit(submitRequest('sora-2-pro', 'x'));
    expect(lastCreate().json).toMatchObject({
      webhook: 'https://gateway.example.com/webhooks/replicate',
      webhook_events_filter: ['completed'],
    });
  });

  it('polls and cancels by prediction id with Bearer auth', async () => {
    simulator.configure({ runMs: 60_000 });
    const { operation, upstreamId } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    await provider.poll(operation);
    await provider.cancel?.(operation);
    const [poll, cancel] = simulator.requests.slice(-2);
    expect(poll).toMatchObject({ method: 'GET', path: `/v1/predictions/${upstreamId}` });
    expect(cancel).toMatchObject({ method: 'POST', path: `/v1/predictions/${upstreamId}/cancel` });
    expect(cancel?.headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
  });
});
