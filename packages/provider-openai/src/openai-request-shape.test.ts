import { renderPng, startOpenAISimulator } from '@reelay/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readAll, submitRequestFor } from './__fixtures__/openai-fixtures';
import { createOpenAI } from './openai-provider';

const simulator = await startOpenAISimulator({ behavior: { queueMs: 0, runMs: 0 } });
const provider = createOpenAI({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
const bearer = `Bearer ${simulator.apiKey}`;

afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const lastRequest = () => {
  const request = simulator.requests.at(-1);
  if (!request) throw new Error('no request recorded');
  return request;
};

describe('POST /v1/videos', () => {
  it('sends text-to-video as JSON with seconds and size as strings', async () => {
    const request = submitRequestFor('sora-2-pro', 'a red fox in snow', { size: '1920x1080', seconds: 8 });
    const { upstreamId } = await provider.submit(request);

    const sent = lastRequest();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/videos');
    expect(sent.headers['authorization']).toBe(bearer);
    expect(sent.contentType).toBe('application/json');
    expect(sent.json).toEqual({
      model: 'sora-2-pro',
      prompt: 'a red fox in snow',
      size: '1920x1080',
      seconds: '8',
    });
    expect(typeof (sent.json as { seconds: unknown }).seconds).toBe('string');
    expect(upstreamId).toMatch(/^video_/);
  });

  it('sends the model default size and duration when nothing is asked', async () => {
    await provider.submit(submitRequestFor('sora-2', 'defaults'));
    expect(lastRequest().json).toEqual({
      model: 'sora-2',
      prompt: 'defaults',
      size: '720x1280',
      seconds: '4',
    });
  });

  it('sends an uploaded first frame as multipart with an input_reference file part', async () => {
    const png = renderPng({ width: 1280, height: 720 });
    const request = submitRequestFor(
      'sora-2',
      'the frame comes alive',
      { size: '16:9', seconds: 12 },
      { kind: 'upload', data: png, mediaType: 'image/png', filename: 'frame.png' },
    );
    await provider.submit(request);

    const sent = lastRequest();
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/videos');
    expect(sent.headers['authorization']).toBe(bearer);
    expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.json).toBeUndefined();
    expect(sent.form).toEqual({
      model: 'sora-2',
      prompt: 'the frame comes alive',
      size: '1280x720',
      seconds: '12',
      input_reference: { filename: 'frame.png', contentType: 'image/png', size: png.byteLength },
    });
  });

  it.each([
    [
      'url',
      { kind: 'url', url: 'https://images.example.com/frame.png' } as const,
      'https://images.example.com/frame.png',
    ],
    [
      'data URI',
      {
        kind: 'data-uri',
        uri: `data:image/png;base64,${Buffer.from(renderPng({ width: 720, height: 1280 })).toString('base64')}`,
      } as const,
      expect.stringMatching(/^data:image\/png;base64,/),
    ],
  ])('sends a %s first frame as JSON input_reference.image_url', async (_name, image, expected) => {
    await provider.submit(submitRequestFor('sora-2', 'from a link', { seconds: 4 }, image));
    const sent = lastRequest();
    expect(sent.contentType).toBe('application/json');
    expect(sent.json).toEqual({
      model: 'sora-2',
      prompt: 'from a link',
      size: '720x1280',
      seconds: '4',
      input_reference: { image_url: expected },
    });
  });
});

describe('follow-up calls', () => {
  it('polls, downloads, remixes and deletes on the documented paths with Bearer auth', async () => {
    const { operation, upstreamId } = await provider.submit(submitRequestFor('sora-2', 'paths'));
    await provider.poll(operation);
    expect(lastRequest()).toMatchObject({ method: 'GET', path: `/v1/videos/${upstreamId}` });

    const content = await provider.content!({ operation, outputs: [], variant: 'thumbnail' });
    await readAll(content.body);
    expect(lastRequest()).toMatchObject({
      method: 'GET',
      path: `/v1/videos/${upstreamId}/content`,
      query: { variant: 'thumbnail' },
      headers: { authorization: bearer, accept: 'application/binary' },
    });

    await provider.remix(operation, 'now at night');
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: `/v1/videos/${upstreamId}/remix`,
      contentType: 'application/json',
      json: { prompt: 'now at night' },
    });

    await provider.delete(operation);
    expect(lastRequest()).toMatchObject({ method: 'DELETE', path: `/v1/videos/${upstreamId}` });
    for (const request of simulator.requests) expect(request.headers['authorization']).toBe(bearer);
  });
});
