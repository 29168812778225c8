import { readMp4Info } from '@reelay/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

// Runway's and Kling's models added for inputs beyond one image, served in sandbox mode with no credential.

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

  it('lists the new models in /v1/models', async () => {
    const ids = (await client(gateway).models.list()).data.map((model) => model.id);
    for (const id of ['runway-aleph-2', 'kling-1.6', 'seedance-2.0']) expect(ids).toContain(id);
  });
});
