import { startFalSimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';
import { falSubmitRequest } from './fal-test-helpers';

const simulator = await startFalSimulator({ behavior: { queueMs: 0, runMs: 0 } });
const provider = createFal({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const image = { kind: 'url', url: 'https://example.com/frame.png' } as const;

describe('fal request shape', () => {
  it.each([
    {
      name: 'sora-2-pro text-to-video',
      request: falSubmitRequest('sora-2-pro', 'a fox', { size: '1280x720', seconds: 8 }),
      path: '/fal-ai/sora-2/text-to-video/pro',
      body: { prompt: 'a fox', aspect_ratio: '16:9', resolution: '720p', duration: '8' },
    },
    {
      name: 'sora-2-pro image-to-video with fal-only parameters',
      request: falSubmitRequest(
        'sora-2-pro',
        'a fox',
        {
          aspectRatio: '9:16',
          resolution: '1080p',
          seconds: 20,
          extra: { delete_video: false, character_ids: ['char_1'], detect_and_block_ip: true },
        },
        image,
      ),
      path: '/fal-ai/sora-2/image-to-video/pro',
      body: {
        prompt: 'a fox',
        aspect_ratio: '9:16',
        resolution: '1080p',
        duration: '20',
        delete_video: false,
        character_ids: ['char_1'],
        detect_and_block_ip: true,
        image_url: 'https://example.com/frame.png',
      },
    },
    {
      name: 'veo-3.1 text-to-video at 4K',
      request: falSubmitRequest('veo-3.1', 'a fox', { size: '3840x2160', seconds: 6 }),
      path: '/fal-ai/veo3.1',
      body: { prompt: 'a fox', aspect_ratio: '16:9', resolution: '4k', duration: '6s' },
    },
    {
      name: 'veo-3.1 image-to-video without audio',
      request: falSubmitRequest(
        'veo-3.1',
        'a fox',
        { size: '9:16', resolution: '1080p', seconds: 8, audio: false },
        image,
      ),
      path: '/fal-ai/veo3.1/image-to-video',
      body: {
        prompt: 'a fox',
        aspect_ratio: '9:16',
        resolution: '1080p',
        duration: '8s',
        generate_audio: false,
        image_url: 'https://example.com/frame.png',
      },
    },
    {
      name: 'kling-3 image-to-video (start_image_url, no resolution field)',
      request: falSubmitRequest('kling-3', 'a fox', { aspectRatio: '1:1', seconds: 12 }, image),
      path: '/fal-ai/kling-video/v3/pro/image-to-video',
      body: {
        prompt: 'a fox',
        aspect_ratio: '1:1',
        duration: '12',
        start_image_url: 'https://example.com/frame.png',
      },
    },
    {
      name: 'wan-2.7 text-to-video (duration as a number)',
      request: falSubmitRequest('wan-2.7', 'a fox', { size: '960x720', seconds: 8 }),
      path: '/fal-ai/wan/v2.7/text-to-video',
      body: { prompt: 'a fox', aspect_ratio: '4:3', resolution: '720p', duration: 8 },
    },
    {
      name: 'seedance-2.0 image-to-video from a data URI',
      request: falSubmitRequest(
        'seedance-2.0',
        'a fox',
        { aspectRatio: '21:9', seconds: 4 },
        { kind: 'data-uri', uri: 'data:image/png;base64,iVBORw0KGgo=' },
      ),
      path: '/bytedance/seedance-2.0/image-to-video',
      body: {
        prompt: 'a fox',
        aspect_ratio: '21:9',
        resolution: '720p',
        duration: '4',
        image_url: 'data:image/png;base64,iVBORw0KGgo=',
      },
    },
  ])('$name', async ({ request, path, body }) => {
    const { operation, upstreamId } = await provider.submit(request);
    const [sent] = simulator.requests;
    expect(simulator.requests).toHaveLength(1);
    expect(sent).toMatchObject({ method: 'POST', path, query: {} });
    expect(sent!.headers['authorization']).toBe(`Key ${simulator.apiKey}`);
    expect(sent!.contentType).toBe('application/json');
    expect(sent!.json).toStrictEqual(body);
    // Types matter on fal: '8' (Sora, Kling, Seedance), '8s' (Veo) and 8 (Wan) are not interchangeable.
    const sentDuration = (sent!.json as Record<string, unknown>)['duration'];
    expect(typeof sentDuration).toBe(typeof body.duration);
    expect(operation).toMatchObject({ requestId: upstreamId, endpoint: path.slice(1) });
  });

  it('sends an uploaded image as a data URI', async () => {
    const request = falSubmitRequest(
      'wan-2.7',
      'a fox',
      {},
      {
        kind: 'upload',
        data: new Uint8Array([1, 2, 3]),
        mediaType: 'image/png',
        filename: 'frame.png',
      },
    );
    await provider.submit(request);
    expect(simulator.requests[0]!.json).toMatchObject({ image_url: 'data:image/png;base64,AQID' });
  });

  it('polls, fetches and cancels on {owner}/{app} URLs returned by submit', async () => {
    simulator.configure({ queueMs: 60_000 });
    const { operation, upstreamId } = await provider.submit(
      falSubmitRequest('kling-3', 'a fox', { seconds: 5 }),
    );
    expect(operation).toMatchObject({
      statusUrl: `${simulator.origin}/fal-ai/kling-video/requests/${upstreamId}/status`,
      responseUrl: `${simulator.origin}/fal-ai/kling-video/requests/${upstreamId}`,
      cancelUrl: `${simulator.origin}/fal-ai/kling-video/requests/${upstreamId}/cancel`,
    });
    await provider.poll(operation);
    await provider.cancel!(operation);
    simulator.configure({ queueMs: 0 });
    const [, status, cancel] = simulator.requests;
    expect(status).toMatchObject({
      method: 'GET',
      path: `/fal-ai/kling-video/requests/${upstreamId}/status`,
      query: { logs: '1' },
    });
    expect(status!.headers['authorization']).toBe(`Key ${simulator.apiKey}`);
    expect(cancel).toMatchObject({
      method: 'PUT',
      path: `/fal-ai/kling-video/requests/${upstreamId}/cancel`,
    });
  });

  it('adds ?fal_webhook= when a webhook URL is configured', async () => {
    const withHook = createFal({
      apiKey: simulator.apiKey,
      baseURL: simulator.baseURL,
      webhookUrl: 'https://gateway.example/webhooks/fal?x=1',
    });
    await withHook.submit(falSubmitRequest('veo-3.1', 'a fox'));
    expect(simulator.requests[0]!.query).toEqual({ fal_webhook: 'https://gateway.example/webhooks/fal?x=1' });
  });
});
