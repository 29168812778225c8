import { readMp4Info, renderPng } from '@reelay/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

/** The official `openai` SDK, unmodified, against the running gateway in sandbox mode. */
describe('the official openai SDK against the gateway', () => {
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('creates (multipart), retrieves, downloads video and thumbnail, remixes, lists and deletes', async () => {
    const created = await client.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'a paper boat on a rainy street',
      seconds: '4',
      size: '1280x720',
    });
    expect(created).toMatchObject({ object: 'video', model: 'sora-2-pro', size: '1280x720', seconds: '4' });
    expect(created.id).toMatch(/^video_/);

    const done = await waitForVideo(() => client.videos.retrieve(created.id));
    expect(done.status).toBe('completed');
    expect(done.progress).toBe(100);

    const video = await client.videos.downloadContent(created.id);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const info = readMp4Info(new Uint8Array(await video.arrayBuffer()));
    expect(info).toMatchObject({ width: 1280, height: 720, hasMoov: true });
    expect(info.durationSeconds).toBeCloseTo(4, 0);

    const thumbnail = await client.videos.downloadContent(created.id, { variant: 'thumbnail' });
    const thumbnailBytes = new Uint8Array(await thumbnail.arrayBuffer());
    expect(thumbnailBytes.length).toBeGreaterThan(0);
    expect(thumbnail.headers.get('content-type')).toMatch(/^image\//);

    const remix = await client.videos.remix(created.id, { prompt: 'the same boat, at night' });
    expect(remix).toMatchObject({ object: 'video', remixed_from_video_id: created.id });
    const remixed = await waitForVideo(() => client.videos.retrieve(remix.id));
    expect(remixed.status).toBe('completed');

    const listed: string[] = [];
    for await (const item of client.videos.list({ limit: 1, order: 'asc' })) listed.push(item.id);
    expect(listed).toEqual([created.id, remix.id]);

    const deleted = await client.videos.delete(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'video.deleted', deleted: true });
    await expect(client.videos.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('uploads input_reference as a file part (image-to-video)', async () => {
    const image = await toFile(renderPng({ width: 1280, height: 720, seed: 'boat' }), 'frame.png', {
      type: 'image/png',
    });
    const created = await client.videos.create({
      model: 'openai/sora-2-pro',
      prompt: 'the boat starts to move',
      seconds: '4',
      size: '1280x720',
      input_reference: image,
    });
    const done = await waitForVideo(() => client.videos.retrieve(created.id));
    expect(done.status).toBe('completed');
    const submit = builtInSimulators(gateway).openai.requests.find(
      (request) =>
        request.method === 'POST' &&
        request.path === '/v1/videos' &&
        request.rawBody.includes('the boat starts to move'),
    );
    // the upload reached OpenAI as a file part of its own multipart create
    expect(submit?.form?.['input_reference']).toMatchObject({ contentType: 'image/png' });
  });

  it('routes a non-OpenAI model through the same SDK call', async () => {
    const created = await client.videos.create({ model: 'veo-3.1', prompt: 'a fox in snow', seconds: '8' });
    const done = await waitForVideo(() => client.videos.retrieve(created.id));
    expect(done.status).toBe('completed');
    expect((done as unknown as { metadata: { provider: string } }).metadata.provider).toBe('fal');
  });

  it("lists models in OpenAI's shape", async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.object).toBe('model');
      expect(typeof model.created).toBe('number');
      expect(typeof model.owned_by).toBe('string');
      ids.push(model.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['sora-2-pro', 'veo-3.1', 'kling-3', 'wan-2.7']));
    const model = await client.models.retrieve('sora-2-pro');
    expect(model).toMatchObject({ id: 'sora-2-pro', object: 'model' });
  });

  it("surfaces gateway errors as the SDK's typed errors", async () => {
    const error = await client.videos
      .create({ model: 'sora-2-pro', prompt: 'x', seconds: 'four' as '4' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('seconds');
  });
});
