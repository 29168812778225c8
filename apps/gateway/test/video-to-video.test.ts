import { readMp4Info, renderMp4, renderPng } from '@reelay/testing';
import OpenAI, { toFile } from 'openai';
import type { VideoEditParams, VideoExtendParams } from 'openai/resources/videos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type WithMetadata = { metadata: { provider: string; normalization: { param: string; action: string }[] } };

/** `videos.extend` and `videos.edit` of the official `openai` SDK against the gateway in sandbox mode. */
describe('extending and editing videos with the openai SDK', () => {
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('edits an uploaded clip with a model that edits videos, keeping its size and length', async () => {
    const clip = await toFile(
      renderMp4({ width: 1280, height: 720, seconds: 3, seed: 'street' }),
      'street.mp4',
      {
        type: 'video/mp4',
      },
    );
    // `model` is not in the SDK's edit params; an extra body field reaches the gateway as is.
    const params = { prompt: 'make it snow', video: clip, model: 'runway-aleph-2' } as VideoEditParams;
    const edit = await client.videos.edit(params);
    expect(edit).toMatchObject({ object: 'video', model: 'runway-aleph-2', size: '1280x720', seconds: '3' });
    const done = await waitForVideo(() => client.videos.retrieve(edit.id));
    expect(done.status).toBe('completed');
    expect((done as unknown as WithMetadata).metadata.provider).toBe('runway');
    const info = readMp4Info(
      new Uint8Array(await (await client.videos.downloadContent(edit.id)).arrayBuffer()),
    );
    expect(info.durationSeconds).toBeCloseTo(3, 0);
  });

  it('extends a finished video by its id with videos.extend, at a provider that extends', async () => {
    const first = await client.videos.create({
      model: 'grok-imagine-video',
      prompt: 'a kite over dunes',
      seconds: '8',
    });
    expect((await waitForVideo(() => client.videos.retrieve(first.id))).status).toBe('completed');
    const extended = await client.videos.extend({
      prompt: 'the kite climbs higher',
      seconds: '4',
      video: { id: first.id },
    });
    expect(extended).toMatchObject({ object: 'video', model: 'grok-imagine-video', seconds: '4' });
    const done = await waitForVideo(() => client.videos.retrieve(extended.id));
    expect(done.status).toBe('completed');
    expect((done as unknown as WithMetadata).metadata.provider).toBe('xai');
    // The provider returns the source followed by the new segment.
    const info = readMp4Info(
      new Uint8Array(await (await client.videos.downloadContent(extended.id)).arrayBuffer()),
    );
    expect(info.durationSeconds).toBeCloseTo(12, 0);
  });

  it('edits a finished video by its id, sending the stored bytes to the provider', async () => {
    const first = await client.videos.create({ model: 'veo-3.1', prompt: 'a street at dusk', seconds: '8' });
    expect((await waitForVideo(() => client.videos.retrieve(first.id))).status).toBe('completed');
    const params = {
      prompt: 'now at night',
      video: { id: first.id },
      model: 'runway-aleph-2',
    } as VideoEditParams;
    const edit = await client.videos.edit(params);
    const done = await waitForVideo(() => client.videos.retrieve(edit.id));
    expect(done.status).toBe('completed');
    expect(done.seconds).toBe('8');
  });

  it('answers 400 naming the field when no offering can do it, or the video is not a video', async () => {
    const first = await client.videos.create({ model: 'wan-2.7', prompt: 'a quiet lake', seconds: '4' });
    await waitForVideo(() => client.videos.retrieve(first.id));
    const extend: VideoExtendParams = { prompt: 'and then it rains', seconds: '4', video: { id: first.id } };
    const noExtend = await client.videos.extend(extend).catch((error: unknown) => error);
    expect(noExtend).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noExtend as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('video');

    const notVideo = await client.videos
      .edit({
        prompt: 'x',
        video: await toFile(new TextEncoder().encode('not a video'), 'x.mp4', { type: 'video/mp4' }),
        model: 'runway-aleph-2',
      } as VideoEditParams)
      .catch((error: unknown) => error);
    expect(notVideo).toMatchObject({ status: 400, param: 'video', code: 'invalid_video' });

    const noModel = await client.videos
      .edit({
        prompt: 'x',
        video: await toFile(renderMp4({ width: 320, height: 180, seconds: 1, seed: 'a' }), 'a.mp4'),
      })
      .catch((error: unknown) => error);
    expect(noModel).toMatchObject({ status: 400, param: 'model' });

    const missing = await client.videos
      .edit({ prompt: 'x', video: { id: 'video_000000000000000000000000' } })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('routes around inputs an offering cannot take together, and answers 400 naming them when none can', async () => {
    const image = `data:image/png;base64,${Buffer.from(renderPng({ width: 640, height: 360, seed: 'x' })).toString('base64')}`;
    const post = (body: Record<string, unknown>) =>
      fetch(`${gateway.url}/v1/videos?dry_run=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a fox', ...body }),
      });
    const both = await post({ model: 'kling/kling-1.6', input_reference: image, reference_images: [image] });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { param: string } }).error.param).toBe('reference_images');
    const alone = await post({ model: 'kling/kling-1.6', reference_images: [image] });
    expect(alone.status).toBe(200);
    const lastOnly = await post({ model: 'runway/veo-3.1', last_frame: image });
    expect(lastOnly.status).toBe(400);
    expect(((await lastOnly.json()) as { error: { param: string; message: string } }).error).toMatchObject({
      param: 'last_frame',
    });
  });
});
