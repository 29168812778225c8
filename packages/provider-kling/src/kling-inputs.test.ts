import { UnsupportedCapabilityError } from '@reelay/core';
import { readMp4Info } from '@reelay/testing';
import { openOutput, pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKling } from './kling-provider';
import { klingSubmitRequest } from './kling-test-helpers';
import { type KlingSimulator, startKlingSimulator } from './simulator/kling-simulator';

let simulator: KlingSimulator;
beforeAll(async () => {
  simulator = await startKlingSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const kling = () => createKling({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;
const dataUri = (bytes: string) => ({ kind: 'data-uri' as const, uri: `data:image/png;base64,${bytes}` });
const post = (path: string, body: unknown) =>
  fetch(`${simulator.baseURL}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Kling first and last frame', () => {
  it('sends Kling 3’s last frame as image_tail, bare base64, to /image2video in std mode', async () => {
    await kling().submit(
      klingSubmitRequest('the door closes', { size: '1280x720', seconds: 5 }, dataUri('Rmlyc3Q='), {
        lastFrame: { kind: 'url', url: 'https://example.com/last.png' },
      }),
    );
    expect(lastRequest().path).toBe('/v1/videos/image2video');
    expect(lastRequest().json).toEqual({
      model_name: 'kling-v3',
      prompt: 'the door closes',
      mode: 'std',
      duration: '5',
      image: 'Rmlyc3Q=',
      image_tail: 'https://example.com/last.png',
    });
  });

  it('is not offered on Kling 1.6, whose end frame needs pro mode', () => {
    expect(() =>
      klingSubmitRequest('x', {}, dataUri('QQ=='), { model: 'kling-1.6', lastFrame: dataUri('Qg==') }),
    ).toThrow(UnsupportedCapabilityError);
  });

  it('simulates Kling’s refusals: an end frame with camera control, and in std mode on kling-v1-6', async () => {
    const withCamera = await post('/v1/videos/image2video', {
      model_name: 'kling-v3',
      prompt: 'x',
      image: 'QQ==',
      image_tail: 'Qg==',
      camera_control: { type: 'simple' },
    });
    expect(withCamera.status).toBe(400);
    expect(await withCamera.json()).toMatchObject({
      code: 1201,
      message: 'image_tail and camera_control cannot be used together',
    });
    const std = await post('/v1/videos/image2video', {
      model_name: 'kling-v1-6',
      prompt: 'x',
      image: 'QQ==',
      image_tail: 'Qg==',
      mode: 'std',
    });
    expect(await std.json()).toMatchObject({
      code: 1201,
      message: 'image_tail is only supported in pro mode for kling-v1-6',
    });
  });
});

describe('Kling reference images (multi-image2video)', () => {
  it('sends Kling 1.6 reference images as image_list and polls under /multi-image2video', async () => {
    const provider = kling();
    const { operation } = await provider.submit(
      klingSubmitRequest(
        'the two of them dance',
        { size: '1080x1920', seconds: 10, negativePrompt: 'blur' },
        undefined,
        {
          model: 'kling-1.6',
          referenceImages: [dataUri('T25l'), { kind: 'url', url: 'https://example.com/two.png' }],
        },
      ),
    );
    expect(lastRequest().path).toBe('/v1/videos/multi-image2video');
    expect(lastRequest().json).toEqual({
      model_name: 'kling-v1-6',
      prompt: 'the two of them dance',
      aspect_ratio: '9:16',
      mode: 'pro',
      duration: '10',
      negative_prompt: 'blur',
      image_list: [{ image: 'T25l' }, { image: 'https://example.com/two.png' }],
    });
    expect(operation).toMatchObject({ endpoint: 'multi-image2video' });
    const { final } = await pollUntilDone(provider, operation);
    expect(lastRequest().path).toBe(`/v1/videos/multi-image2video/${operation['taskId']}`);
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll(
      (await openOutput({ provider, operation, outputs, trustedOrigins: [simulator.origin] })).body,
    );
    const info = readMp4Info(bytes);
    expect(info.durationSeconds).toBeCloseTo(10, 1);
    expect(info.height).toBeGreaterThan(info.width);
  });

  it('declares at most four: matching refuses a fifth, and the simulator answers Kling’s 1201', async () => {
    const five = Array.from({ length: 5 }, () => dataUri('QQ=='));
    expect(() =>
      klingSubmitRequest('x', {}, undefined, { model: 'kling-1.6', referenceImages: five }),
    ).toThrow(/at most 4 reference images/);
    const response = await post('/v1/videos/multi-image2video', {
      model_name: 'kling-v1-6',
      prompt: 'x',
      image_list: five.map(() => ({ image: 'QQ==' })),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 1201,
      message: 'image_list supports at most 4 images, got 5',
    });
  });

  it('refuses reference images on Kling 3, and with a first frame, before calling Kling', async () => {
    expect(() => klingSubmitRequest('x', {}, undefined, { referenceImages: [dataUri('QQ==')] })).toThrow(
      UnsupportedCapabilityError,
    );
    // The offering says its reference images exclude frames, so matching refuses the mix.
    expect(() =>
      klingSubmitRequest('x', {}, dataUri('QQ=='), {
        model: 'kling-1.6',
        referenceImages: [dataUri('Qg==')],
      }),
    ).toThrow(/without a first or last frame/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('simulates Kling’s refusal of a model version multi-image2video does not serve', async () => {
    const response = await post('/v1/videos/multi-image2video', {
      model_name: 'kling-v3',
      prompt: 'x',
      image_list: [{ image: 'QQ==' }],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 1201,
      message: 'model_name kling-v3 is not supported by multi-image2video; use kling-v1-6',
    });
  });
});
