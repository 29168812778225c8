import { type KlingSimulator, startKlingSimulator } from '@reelay/provider-kling/simulator';
import { type RunwaySimulator, startRunwaySimulator } from '@reelay/provider-runway/simulator';
import { readMp4Info, renderMp4, renderPng } from '@reelay/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

// Runway's and Kling's models and inputs beyond one image: in sandbox mode with no credential, and in live mode (the
// credential and base URL pointing at each provider's simulator) with first frames, last frames, reference images and
// edits.

const client = (gateway: TestGateway) =>
  new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });

describe('Runway and Kling input models in sandbox mode, with no credential', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.stop());

  it.each([
    ['runway/seedance-2.0', '1280x720', '4'],
    ['kling/kling-1.6', '720x1280', '5'],
  ])('serves %s from text, completed with a playable MP4', async (model, size, seconds) => {
    const openai = client(gateway);
    const created = await openai.videos.create({
      model,
      prompt: 'a lighthouse at dusk',
      size,
      seconds,
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    expect(done).toMatchObject({ status: 'completed', size, seconds });
    const info = readMp4Info(
      new Uint8Array(await (await openai.videos.downloadContent(created.id)).arrayBuffer()),
    );
    expect(info).toMatchObject({
      width: Number(size.split('x')[0]),
      height: Number(size.split('x')[1]),
      hasMoov: true,
    });
  });

  it('serves runway/runway-aleph-2 edits of an uploaded video', async () => {
    const openai = client(gateway);
    const source = renderMp4({ width: 320, height: 180, seconds: 2, seed: 'sandbox-source' });
    const edited = await openai.videos.edit({
      prompt: 'make it snow',
      video: await toFile(source, 'source.mp4', { type: 'video/mp4' }),
      model: 'runway/runway-aleph-2',
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(edited.id));
    expect(done.status).toBe('completed');
    const info = readMp4Info(
      new Uint8Array(await (await openai.videos.downloadContent(edited.id)).arrayBuffer()),
    );
    expect(info.durationSeconds).toBeCloseTo(2, 1);
  });

  it('lists the new models in /v1/models', async () => {
    const ids = (await client(gateway).models.list()).data.map((model) => model.id);
    for (const id of ['runway-aleph-2', 'kling-1.6', 'seedance-2.0']) expect(ids).toContain(id);
  });
});

const png = (seed: string, width = 64, height = 36) =>
  `data:image/png;base64,${Buffer.from(renderPng({ width, height, seed })).toString('base64')}`;

/** POST /v1/videos as JSON (data URIs for every image), then waits for the job to end. */
async function create(gateway: TestGateway, body: Record<string, unknown>) {
  const response = await fetch(`${gateway.url}/v1/videos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const created = (await response.json()) as { id: string; error?: { param?: string; message: string } };
  if (response.status !== 200) return { status: response.status, created, done: undefined };
  const done = await waitForVideo(() => client(gateway).videos.retrieve(created.id));
  return { status: response.status, created, done };
}

const liveGateway = (env: Record<string, string>) =>
  startTestGateway({ env: { REELAY_SANDBOX: '0', ...env } });

describe('Runway in live mode: first frame, first and last frame, reference images, edits', () => {
  let simulator: RunwaySimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startRunwaySimulator();
    gateway = await liveGateway({
      RUNWAYML_API_SECRET: simulator.apiKey,
      RUNWAY_BASE_URL: simulator.baseURL,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });
  beforeEach(() => simulator.configure({ queueMs: 20, runMs: 60 }));
  const creates = () => simulator.requests.filter((request) => request.method === 'POST');

  it('makes Gen-4 Turbo image-to-video from a first frame in promptImage', async () => {
    const first = png('first', 64, 36);
    const { done } = await create(gateway, {
      model: 'runway/runway-gen-4-turbo',
      prompt: 'the camera pulls back',
      size: '1280x720',
      seconds: 5,
      input_reference: first,
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/image_to_video',
      json: { model: 'gen4_turbo', promptImage: first },
    });
  });

  it('makes Veo 3.1 Fast from a first and a last frame (promptImage positions)', async () => {
    const first = png('first');
    const last = png('last');
    const { done } = await create(gateway, {
      model: 'runway/veo-3.1-fast',
      prompt: 'a door opens',
      size: '1280x720',
      seconds: 4,
      input_reference: first,
      last_frame: last,
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/image_to_video',
      json: {
        model: 'veo3.1_fast',
        promptImage: [
          { uri: first, position: 'first' },
          { uri: last, position: 'last' },
        ],
      },
    });
  });

  it('makes Seedance 2.0 from reference images (references)', async () => {
    const one = png('one');
    const two = png('two');
    const { done } = await create(gateway, {
      model: 'runway/seedance-2.0',
      prompt: 'two friends walk',
      size: '1280x720',
      seconds: 5,
      reference_images: [one, two],
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/text_to_video',
      json: { model: 'seedance2', references: [{ uri: one }, { uri: two }] },
    });
  });

  it('refuses a last frame on Gen-4.5 with a 400 naming last_frame', async () => {
    const { status, created } = await create(gateway, {
      model: 'runway/runway-gen-4.5',
      prompt: 'x',
      input_reference: png('a'),
      last_frame: png('b'),
    });
    expect(status).toBe(400);
    expect(created.error?.param).toBe('last_frame');
  });

  it('edits an uploaded video with Aleph 2: the output keeps its size and length', async () => {
    const source = renderMp4({ width: 320, height: 180, seconds: 3, seed: 'source' });
    const openai = client(gateway);
    const edited = await openai.videos.edit({
      prompt: 'make it snow',
      video: await toFile(source, 'source.mp4', { type: 'video/mp4' }),
      model: 'runway/runway-aleph-2',
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(edited.id));
    expect(done.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({ path: '/v1/video_to_video', json: { model: 'aleph2' } });
    const bytes = new Uint8Array(await (await openai.videos.downloadContent(edited.id)).arrayBuffer());
    const info = readMp4Info(bytes);
    expect(info.durationSeconds).toBeCloseTo(3, 1);
    expect([info.width, info.height]).toEqual([320, 180]);
  });

  it('edits a completed Reelay video by its id with Aleph 2', async () => {
    const openai = client(gateway);
    const { created: source, done: sourceDone } = await create(gateway, {
      model: 'runway/runway-gen-4.5',
      prompt: 'a lighthouse',
      size: '1280x720',
      seconds: 3,
    });
    expect(sourceDone?.status).toBe('completed');
    const edited = await openai.videos.edit({
      prompt: 'make it night',
      video: { id: source.id },
      model: 'runway/runway-aleph-2',
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(edited.id));
    expect(done.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({ path: '/v1/video_to_video', json: { model: 'aleph2' } });
    const bytes = new Uint8Array(await (await openai.videos.downloadContent(edited.id)).arrayBuffer());
    expect(readMp4Info(bytes)).toMatchObject({ width: 1280, height: 720 });
    expect(readMp4Info(bytes).durationSeconds).toBeCloseTo(3, 1);
  });
});

describe('Kling in live mode: first frame, first and last frame, reference images', () => {
  let simulator: KlingSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startKlingSimulator();
    gateway = await liveGateway({
      KLING_ACCESS_KEY: simulator.accessKey,
      KLING_SECRET_KEY: simulator.secretKey,
      KLING_BASE_URL: simulator.baseURL,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });
  beforeEach(() => simulator.configure({ queueMs: 20, runMs: 60 }));
  const creates = () => simulator.requests.filter((request) => request.method === 'POST');
  const bare = (uri: string) => uri.slice(uri.indexOf(',') + 1);

  it('makes Kling 3 image-to-video from a first frame, sent as bare base64', async () => {
    const first = png('first');
    const { done } = await create(gateway, {
      model: 'kling/kling-3',
      prompt: 'zoom out',
      size: '1920x1080',
      seconds: 5,
      input_reference: first,
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/videos/image2video',
      json: { model_name: 'kling-v3', image: bare(first), mode: 'pro' },
    });
  });

  it('makes Kling 3 from a first and a last frame (image_tail)', async () => {
    const first = png('first');
    const last = png('last');
    const { done } = await create(gateway, {
      model: 'kling/kling-3',
      prompt: 'the door closes',
      size: '1280x720',
      seconds: 5,
      input_reference: first,
      last_frame: last,
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/videos/image2video',
      json: { model_name: 'kling-v3', image: bare(first), image_tail: bare(last), mode: 'std' },
    });
  });

  it('makes Kling 1.6 from reference images through multi-image2video, as long as asked', async () => {
    const images = [png('one'), png('two'), png('three')];
    const { created, done } = await create(gateway, {
      model: 'kling/kling-1.6',
      prompt: 'the three of them dance',
      size: '1280x720',
      seconds: 10,
      reference_images: images,
    });
    expect(done?.status).toBe('completed');
    expect(creates().at(-1)).toMatchObject({
      path: '/v1/videos/multi-image2video',
      json: { model_name: 'kling-v1-6', image_list: images.map((image) => ({ image: bare(image) })) },
    });
    const bytes = new Uint8Array(
      await (await client(gateway).videos.downloadContent(created.id)).arrayBuffer(),
    );
    expect(readMp4Info(bytes).durationSeconds).toBeCloseTo(10, 1);
  });

  it('refuses five reference images with a 400 naming reference_images', async () => {
    const { status, created } = await create(gateway, {
      model: 'kling/kling-1.6',
      prompt: 'x',
      reference_images: Array.from({ length: 5 }, (_, index) => png(`r${index}`)),
    });
    expect(status).toBe(400);
    expect(created.error?.param).toBe('reference_images');
  });
});
