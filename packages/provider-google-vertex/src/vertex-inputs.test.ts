import {
  type ImageInput,
  InvalidRequestError,
  type MatchInput,
  matchRequest,
  toSubmitRequest,
  UnsupportedCapabilityError,
  type VideoInput,
} from '@reelay/core';
import { readMp4Info, renderMp4, renderPng } from '@reelay/testing';
import { pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVertexSimulator, type VertexSimulator } from './simulator/vertex-simulator';
import { vertexOfferings } from './vertex-offerings';
import { createGoogleVertex } from './vertex-provider';

let simulator: VertexSimulator;
beforeAll(async () => {
  simulator = await startVertexSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const vertex = () =>
  createGoogleVertex({
    baseURL: simulator.baseURL,
    project: simulator.project,
    location: simulator.location,
    credentials: simulator.credentialsFile,
  });
const lastRequest = () => simulator.requests.at(-1)!;
const offering = (model: string) => vertexOfferings.find((candidate) => candidate.model === model)!;

const png = (seed: string): ImageInput => ({
  kind: 'data-uri',
  uri: `data:image/png;base64,${Buffer.from(renderPng({ width: 64, height: 36, seed })).toString('base64')}`,
});
const inline = (image: ImageInput) => ({
  bytesBase64Encoded: (image as { uri: string }).uri.split(',')[1],
  mimeType: 'image/png',
});
const mp4 = (seconds: number, width = 320, height = 180, fps = 24): VideoInput => ({
  kind: 'upload',
  data: renderMp4({ width, height, seconds, seed: 'source', fps }),
  mediaType: 'video/mp4',
  filename: 'source.mp4',
  seconds,
});

type Inputs = {
  image?: ImageInput;
  lastFrame?: ImageInput;
  referenceImages?: ImageInput[];
  video?: VideoInput;
};

function submitRequest(model: string, inputs: Inputs = {}, match: Partial<MatchInput> = {}) {
  const normalized = matchRequest(offering(model), {
    extra: {},
    hasImage: inputs.image !== undefined,
    media: {
      lastFrame: inputs.lastFrame !== undefined,
      referenceImages: inputs.referenceImages?.length ?? 0,
    },
    ...(inputs.video
      ? { source: { operation: 'extend', dimensions: undefined, seconds: inputs.video.seconds } }
      : {}),
    ...match,
  });
  return toSubmitRequest({
    offering: offering(model),
    normalized,
    prompt: 'a lighthouse',
    image: inputs.image,
    ...inputs,
  });
}

describe('Vertex AI inputs', () => {
  it('sends a first and a last frame with seed and negative prompt in parameters', async () => {
    const first = png('first');
    const last = png('last');
    await vertex().submit(
      submitRequest('veo-3.1', { image: first, lastFrame: last }, { seed: 42, negativePrompt: 'rain' }),
    );
    expect(lastRequest().json).toEqual({
      instances: [{ prompt: 'a lighthouse', image: inline(first), lastFrame: inline(last) }],
      parameters: {
        aspectRatio: '16:9',
        resolution: '720p',
        durationSeconds: 8,
        seed: 42,
        negativePrompt: 'rain',
      },
    });
  });

  it('sends up to three asset reference images on 3.1 and 3.1 Fast, none on Lite', async () => {
    const references = [png('a'), png('b')];
    await vertex().submit(submitRequest('veo-3.1-fast', { referenceImages: references }));
    expect(lastRequest().json).toMatchObject({
      instances: [
        {
          prompt: 'a lighthouse',
          referenceImages: references.map((image) => ({ image: inline(image), referenceType: 'asset' })),
        },
      ],
    });
    expect(offering('veo-3.1').capabilities.referenceImages?.max).toBe(3);
    expect(() =>
      matchRequest(offering('veo-3.1-lite'), {
        extra: {},
        hasImage: false,
        media: { lastFrame: false, referenceImages: 1 },
      }),
    ).toThrow(UnsupportedCapabilityError);
  });

  it('extends an MP4 sent inline into the source plus a 7-second segment at 720p', async () => {
    const provider = vertex();
    const { operation } = await provider.submit(submitRequest('veo-3.1-lite', { video: mp4(3) }));
    const body = lastRequest().json as { instances: Array<{ video: Record<string, string> }> };
    expect(body).toMatchObject({ parameters: { durationSeconds: 7 } });
    expect(body.instances[0]!.video).toEqual({
      bytesBase64Encoded: expect.any(String),
      mimeType: 'video/mp4',
    });
    const { final } = await pollUntilDone(provider, operation);
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll((await provider.content!({ operation, outputs, variant: 'video' })).body);
    expect(readMp4Info(bytes)).toMatchObject({ width: 1280, height: 720, durationSeconds: 10 });
  });

  it('is no candidate for a source longer than 30 s, and refuses an https video before the call', async () => {
    expect(() =>
      matchRequest(offering('veo-3.1'), {
        extra: {},
        hasImage: false,
        source: { operation: 'extend', dimensions: undefined, seconds: 31 },
      }),
    ).toThrow(UnsupportedCapabilityError);
    const error = await vertex()
      .submit(
        submitRequest('veo-3.1', {
          video: { kind: 'url', url: 'https://cdn.example.com/a.mp4', seconds: 4 },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ param: 'video' });
  });

  it('answers 400 INVALID_ARGUMENT like Vertex to what it refuses', async () => {
    const image = inline(png('x'));
    const video = (seconds: number, width = 320, height = 180, fps = 24) => ({
      bytesBase64Encoded: Buffer.from(
        (mp4(seconds, width, height, fps) as { data: Uint8Array }).data,
      ).toString('base64'),
      mimeType: 'video/mp4',
    });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'veo-3.1-generate-001',
        { referenceImages: Array(4).fill({ image, referenceType: 'asset' }) },
        'At most 3',
      ],
      [
        'veo-3.1-lite-generate-001',
        { referenceImages: [{ image, referenceType: 'asset' }] },
        "isn't supported",
      ],
      ['veo-3.1-generate-001', { video: video(31) }, '1 to 30 seconds'],
      [
        'veo-3.1-generate-001',
        { video: { bytesBase64Encoded: 'AAAA', mimeType: 'video/mp4' } },
        'send an MP4',
      ],
      ['veo-3.1-generate-001', { image, video: video(2) }, 'can’t be combined'],
      ['veo-3.1-generate-001', { video: video(2, 240, 240) }, '16:9 or 9:16'],
      ['veo-3.1-generate-001', { video: video(2, 320, 180, 30) }, '24 frames per second'],
    ];
    const token = await (async () => {
      await vertex().submit(submitRequest('veo-3.1'));
      return lastRequest().headers['authorization']!;
    })();
    for (const [model, instance, message] of cases) {
      const response = await fetch(
        `${simulator.baseURL}/projects/${simulator.project}/locations/${simulator.location}/publishers/google/models/${model}:predictLongRunning`,
        {
          method: 'POST',
          headers: { authorization: token, 'content-type': 'application/json' },
          body: JSON.stringify({ instances: [{ prompt: 'p', ...instance }] }),
        },
      );
      expect(response.status, message).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(message);
    }
  });
});
