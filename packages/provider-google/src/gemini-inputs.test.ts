import {
  type ImageInput,
  InvalidRequestError,
  type MatchInput,
  matchRequest,
  toSubmitRequest,
  UnsupportedCapabilityError,
  UpstreamError,
  type VideoInput,
} from '@reelay/core';
import { readMp4Info, renderPng } from '@reelay/testing';
import { pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { geminiOfferings } from './gemini-offerings';
import { createGoogle } from './gemini-provider';
import { type GeminiSimulator, startGeminiSimulator } from './simulator/gemini-simulator';

let simulator: GeminiSimulator;
beforeAll(async () => {
  simulator = await startGeminiSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const google = () =>
  createGoogle({
    apiKey: simulator.apiKey,
    baseURL: simulator.baseURL,
    downloadOrigins: [simulator.storageOrigin],
  });
const lastRequest = () => simulator.requests.at(-1)!;

const png = (seed: string): ImageInput => ({
  kind: 'upload',
  data: renderPng({ width: 64, height: 36, seed }),
  mediaType: 'image/png',
  filename: `${seed}.png`,
});
const inline = (image: ImageInput) => ({
  bytesBase64Encoded: Buffer.from((image as { data: Uint8Array }).data).toString('base64'),
  mimeType: 'image/png',
});

type Inputs = {
  image?: ImageInput;
  lastFrame?: ImageInput;
  referenceImages?: ImageInput[];
  video?: VideoInput;
};

function submitRequest(model: string, inputs: Inputs = {}, match: Partial<MatchInput> = {}) {
  const offering = geminiOfferings.find((candidate) => candidate.model === model)!;
  const normalized = matchRequest(offering, {
    extra: {},
    hasImage: inputs.image !== undefined,
    media: {
      lastFrame: inputs.lastFrame !== undefined,
      referenceImages: inputs.referenceImages?.length ?? 0,
    },
    ...(inputs.video ? { source: { operation: 'extend', dimensions: undefined, seconds: undefined } } : {}),
    ...match,
  });
  return toSubmitRequest({ offering, normalized, prompt: 'a lighthouse', image: inputs.image, ...inputs });
}

/** Posts a body as is, to see what the simulated API says about it. */
async function post(model: string, body: unknown) {
  const response = await fetch(`${simulator.baseURL}/models/${model}:predictLongRunning`, {
    method: 'POST',
    headers: { 'x-goog-api-key': simulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { error?: { message: string } } };
}

describe('Gemini API inputs', () => {
  it('sends a first and a last frame in instances[0] as inline bytes', async () => {
    const first = png('first');
    const last = png('last');
    await google().submit(submitRequest('veo-3.1-preview', { image: first, lastFrame: last }));
    expect(lastRequest().json).toMatchObject({
      instances: [{ prompt: 'a lighthouse', image: inline(first), lastFrame: inline(last) }],
    });
  });

  it('sends reference images as asset references with a negative prompt in parameters', async () => {
    const references = [png('a'), png('b'), png('c')];
    await google().submit(
      submitRequest('veo-3.1-fast-preview', { referenceImages: references }, { negativePrompt: 'text' }),
    );
    expect(lastRequest().json).toEqual({
      instances: [
        {
          prompt: 'a lighthouse',
          referenceImages: references.map((image) => ({ image: inline(image), referenceType: 'asset' })),
        },
      ],
      parameters: { aspectRatio: '16:9', resolution: '720p', durationSeconds: 8, negativePrompt: 'text' },
    });
  });

  it('declares three references at most, and none, no last frame and no extension on Lite', () => {
    const offering = (model: string) => geminiOfferings.find((candidate) => candidate.model === model)!;
    expect(offering('veo-3.1-preview').capabilities.referenceImages?.max).toBe(3);
    const lite = offering('veo-3.1-lite-preview').capabilities;
    expect([lite.lastFrame, lite.referenceImages, lite.video]).toEqual([undefined, undefined, undefined]);
    expect(() =>
      matchRequest(offering('veo-3.1-lite-preview'), {
        extra: {},
        hasImage: true,
        media: { lastFrame: true, referenceImages: 0 },
      }),
    ).toThrow(UnsupportedCapabilityError);
  });

  it('extends a video it made, by its uri, into the source plus a 7-second segment', async () => {
    const provider = google();
    const made = await provider.submit(submitRequest('veo-3.1-preview', {}, { seconds: 6 }));
    await pollUntilDone(provider, made.operation);
    const operation = await fetch(`${simulator.baseURL}/${made.upstreamId}`, {
      headers: { 'x-goog-api-key': simulator.apiKey },
    }).then(
      (response) =>
        response.json() as Promise<{
          response: { generateVideoResponse: { generatedSamples: Array<{ video: { uri: string } }> } };
        }>,
    );
    const uri = operation.response.generateVideoResponse.generatedSamples[0]!.video.uri;

    const extended = await provider.submit(
      submitRequest('veo-3.1-preview', { video: { kind: 'url', url: uri, seconds: 6 } }),
    );
    expect(lastRequest().json).toEqual({
      instances: [{ prompt: 'a lighthouse', video: { uri } }],
      parameters: { durationSeconds: 7 },
    });
    const { final } = await pollUntilDone(provider, extended.operation);
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll(
      (await provider.content!({ operation: extended.operation, outputs, variant: 'video' })).body,
    );
    expect(readMp4Info(bytes)).toMatchObject({ width: 1280, height: 720, durationSeconds: 13 });
  });

  it('refuses to extend a video Veo did not make here, before calling the API', async () => {
    const request = submitRequest('veo-3.1-preview', {
      video: { kind: 'url', url: 'https://cdn.example.com/clip.mp4', seconds: 5 },
    });
    const error = await google()
      .submit(request)
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ param: 'video', code: 'invalid_video' });
    expect(simulator.requests).toHaveLength(0);
  });

  it('answers 400 INVALID_ARGUMENT to combinations and counts the API refuses', async () => {
    const image = inline(png('x'));
    const reference = { image, referenceType: 'asset' };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['veo-3.1-generate-preview', { referenceImages: Array(4).fill(reference) }, 'At most 3'],
      ['veo-3.1-generate-preview', { image, referenceImages: [reference] }, 'can’t be combined'],
      ['veo-3.1-generate-preview', { lastFrame: image }, 'set image too'],
      ['veo-3.1-generate-preview', { referenceImages: [{ image, referenceType: 'style' }] }, 'asset'],
      ['veo-3.1-lite-generate-preview', { image, lastFrame: image }, "lastFrame isn't supported"],
      [
        'veo-3.1-generate-preview',
        { video: { uri: `${simulator.origin}/v1beta/files/nope:download` } },
        'generated by Veo',
      ],
    ];
    for (const [model, instance, message] of cases) {
      const answer = await post(model, { instances: [{ prompt: 'p', ...instance }] });
      expect(answer.status, message).toBe(400);
      expect(answer.json.error?.message).toContain(message);
    }
  });

  it('surfaces the API’s refusal as an upstream 400', async () => {
    const request = submitRequest('veo-3.1-preview', { image: png('a') });
    request.referenceImages = [png('b')];
    const error = await google()
      .submit(request)
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, providerCode: 'INVALID_ARGUMENT' });
  });
});
