import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnsupportedCapabilityError, UpstreamError } from '@reelay/core';
import { readMp4Info, renderMp4, renderPng } from '@reelay/testing';
import { openOutput, pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRunway } from './runway-provider';
import { runwaySubmitRequest } from './runway-test-helpers';
import { type RunwaySimulator, startRunwaySimulator } from './simulator/runway-simulator';

let simulator: RunwaySimulator;
/** A plain loopback file server: the source videos Runway fetches by URL. */
let files: Server;
let filesOrigin = '';
const clip = renderMp4({ width: 320, height: 180, seconds: 3, seed: 'source' });
const longClip = renderMp4({ width: 160, height: 90, seconds: 31, fps: 1, seed: 'long' });

beforeAll(async () => {
  simulator = await startRunwaySimulator({ behavior: { queueMs: 0, runMs: 0 } });
  files = createServer((request, response) => {
    const body = request.url === '/long.mp4' ? longClip : request.url === '/clip.mp4' ? clip : undefined;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.byteLength }).end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesOrigin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => files.close(resolve));
});
beforeEach(() => simulator.reset());

const runway = () => createRunway({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;
const png = (seed: string) =>
  `data:image/png;base64,${Buffer.from(renderPng({ width: 64, height: 36, seed })).toString('base64')}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('Runway first and last frame', () => {
  it('sends Veo 3.1 first and last frames as the promptImage array with positions', async () => {
    const first = png('first');
    const last = png('last');
    const request = runwaySubmitRequest(
      'veo-3.1',
      'a door opens',
      { size: '1280x720', seconds: 6 },
      { kind: 'data-uri', uri: first },
      { lastFrame: { kind: 'data-uri', uri: last } },
    );
    await runway().submit(request);
    expect(lastRequest().path).toBe('/v1/image_to_video');
    expect(lastRequest().json).toEqual({
      model: 'veo3.1',
      promptText: 'a door opens',
      ratio: '1280:720',
      duration: 6,
      promptImage: [
        { uri: first, position: 'first' },
        { uri: last, position: 'last' },
      ],
    });
  });

  it('keeps the plain string form when there is no last frame', async () => {
    const first = png('only');
    await runway().submit(
      runwaySubmitRequest('veo-3.1-fast', 'waves', { seconds: 4 }, { kind: 'data-uri', uri: first }),
    );
    expect(lastRequest().json).toMatchObject({ model: 'veo3.1_fast', promptImage: first });
  });

  it('is not offered on the Gen models: matching refuses a last frame there', () => {
    for (const model of ['runway-gen-4.5', 'runway-gen-4-turbo']) {
      let caught: unknown;
      try {
        runwaySubmitRequest(
          model,
          'x',
          {},
          { kind: 'data-uri', uri: png('a') },
          {
            lastFrame: { kind: 'data-uri', uri: png('b') },
          },
        );
      } catch (error) {
        caught = error;
      }
      expect(UnsupportedCapabilityError.isInstance(caught)).toBe(true);
      expect((caught as UnsupportedCapabilityError).param).toBe('last_frame');
    }
  });

  it('refuses a last frame without a first frame at matching (the offering says so), before calling Runway', () => {
    expect(() =>
      runwaySubmitRequest('veo-3.1', 'x', {}, undefined, { lastFrame: { kind: 'data-uri', uri: png('b') } }),
    ).toThrow(/only with a first frame/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('simulates Runway’s refusal of a last frame on a model that takes only a first one', async () => {
    const response = await fetch(`${simulator.baseURL}/v1/image_to_video`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${simulator.apiKey}`,
        'x-runway-version': '2024-11-06',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'gen4.5',
        promptText: 'x',
        ratio: '1280:720',
        duration: 5,
        promptImage: [
          { uri: png('a'), position: 'first' },
          { uri: png('b'), position: 'last' },
        ],
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "promptImage.position: Invalid enum value. Expected 'first'",
    });
  });
});

describe('Runway Aleph 2 edits (video_to_video)', () => {
  const edit = (video: string, extra: Record<string, number> = {}) =>
    runwaySubmitRequest(
      'runway-aleph-2',
      'make it snow',
      {
        source: { operation: 'edit', dimensions: { width: 320, height: 180 }, seconds: 3 },
        extra,
      },
      undefined,
      {
        video: video.startsWith('data:')
          ? { kind: 'data-uri', uri: video, seconds: 3 }
          : { kind: 'url', url: video, seconds: 3 },
      },
    );

  it('posts videoUri, promptText and seed to /v1/video_to_video and returns a video as long as the source', async () => {
    const provider = runway();
    const { operation } = await provider.submit(edit(`${filesOrigin}/clip.mp4`, { seed: 7 }));
    expect(lastRequest().path).toBe('/v1/video_to_video');
    expect(lastRequest().json).toEqual({
      model: 'aleph2',
      promptText: 'make it snow',
      videoUri: `${filesOrigin}/clip.mp4`,
      seed: 7,
    });
    const { final } = await pollUntilDone(provider, operation);
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll(
      (await openOutput({ provider, operation, outputs, trustedOrigins: [simulator.origin] })).body,
    );
    const info = readMp4Info(bytes);
    expect(info.durationSeconds).toBeCloseTo(3, 1);
    expect([info.width, info.height]).toEqual([320, 180]);
  });

  it('takes the source video as a data URI', async () => {
    const uri = `data:video/mp4;base64,${Buffer.from(clip).toString('base64')}`;
    await runway().submit(edit(uri));
    expect(lastRequest().json).toMatchObject({ model: 'aleph2', videoUri: uri });
  });

  it('refuses a source longer than 30 s with Runway’s 400', async () => {
    const error = await failure(runway().submit(edit(`${filesOrigin}/long.mp4`)));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400 });
    expect((error as UpstreamError).message).toContain('2 to 30 seconds');
  });

  it('refuses a data URI that is not a video, and a retired model by name', async () => {
    const notVideo = await failure(runway().submit(edit(png('x'))));
    expect((notVideo as UpstreamError).message).toContain('videoUri: data URIs must be base64');
    const response = await fetch(`${simulator.baseURL}/v1/video_to_video`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${simulator.apiKey}`,
        'x-runway-version': '2024-11-06',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'gen4_aleph', promptText: 'x', videoUri: `${filesOrigin}/clip.mp4` }),
    });
    expect(await response.json()).toEqual({ error: 'Model gen4_aleph is no longer available.' });
  });

  it('declares the edit with the source video’s limits, and matching refuses a longer one', () => {
    expect(() =>
      runwaySubmitRequest('runway-aleph-2', 'x', {
        source: { operation: 'edit', dimensions: undefined, seconds: 45 },
      }),
    ).toThrow(/up to 30 s/);
  });
});

describe('Runway Seedance 2.0 reference images and frames', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${simulator.baseURL}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${simulator.apiKey}`,
        'x-runway-version': '2024-11-06',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('sends reference images as references [{uri}] on /v1/text_to_video', async () => {
    const one = png('one');
    await runway().submit(
      runwaySubmitRequest('seedance-2.0', 'two friends walk', { size: '1280x720', seconds: 6 }, undefined, {
        referenceImages: [
          { kind: 'data-uri', uri: one },
          { kind: 'url', url: 'https://example.com/two.png' },
        ],
      }),
    );
    expect(lastRequest().path).toBe('/v1/text_to_video');
    expect(lastRequest().json).toEqual({
      model: 'seedance2',
      promptText: 'two friends walk',
      ratio: '1280:720',
      duration: 6,
      references: [{ uri: one }, { uri: 'https://example.com/two.png' }],
    });
  });

  it('sends first and last frames as promptImage positions on /v1/image_to_video', async () => {
    const first = png('f');
    const last = png('l');
    await runway().submit(
      runwaySubmitRequest(
        'seedance-2.0',
        'x',
        { seconds: 4 },
        { kind: 'data-uri', uri: first },
        {
          lastFrame: { kind: 'data-uri', uri: last },
        },
      ),
    );
    expect(lastRequest()).toMatchObject({
      path: '/v1/image_to_video',
      json: {
        model: 'seedance2',
        promptImage: [
          { uri: first, position: 'first' },
          { uri: last, position: 'last' },
        ],
      },
    });
  });

  it('refuses references with a frame, and a tenth reference, at matching, before calling Runway', () => {
    expect(() =>
      runwaySubmitRequest(
        'seedance-2.0',
        'x',
        {},
        { kind: 'data-uri', uri: png('f') },
        { referenceImages: [{ kind: 'data-uri', uri: png('r') }] },
      ),
    ).toThrow(/without a first or last frame/);
    expect(simulator.requests).toHaveLength(0);
    const ten = Array.from({ length: 10 }, () => ({ kind: 'data-uri' as const, uri: png('r') }));
    expect(() => runwaySubmitRequest('seedance-2.0', 'x', {}, undefined, { referenceImages: ten })).toThrow(
      /at most 9 reference images/,
    );
  });

  it('simulates Runway’s refusals: ten references, frames mixed with references, references on Gen-4.5', async () => {
    const uri = png('r');
    const tooMany = await post('/v1/text_to_video', {
      model: 'seedance2',
      promptText: 'x',
      ratio: '1280:720',
      references: Array.from({ length: 10 }, () => ({ uri })),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({ error: 'references: Array must contain at most 9 element(s)' });
    const mixed = await post('/v1/image_to_video', {
      model: 'seedance2',
      ratio: '1280:720',
      promptImage: [{ uri, position: 'first' }, { uri }],
    });
    expect(await mixed.json()).toEqual({
      error:
        'promptImage: Use position first/last for keyframe mode, or omit position for reference images. The two modes cannot be mixed.',
    });
    const gen = await post('/v1/text_to_video', {
      model: 'gen4.5',
      promptText: 'x',
      ratio: '1280:720',
      duration: 5,
      references: [{ uri }],
    });
    expect(await gen.json()).toEqual({ error: 'references: Unrecognized key for this model' });
  });
});
