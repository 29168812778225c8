import {
  type ImageInput,
  InvalidRequestError,
  type MatchInput,
  matchRequest,
  toSubmitRequest,
  UnsupportedCapabilityError,
  type VideoInput,
} from '@reelay/core';
import { readMp4Info, renderMp4, type VideoSimulator } from '@reelay/testing';
import { openOutput, pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startXaiSimulator } from './simulator/xai-simulator';
import { xaiOfferings } from './xai-offerings';
import { createXai } from './xai-provider';

let simulator: VideoSimulator;
beforeAll(async () => {
  simulator = await startXaiSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const xai = () => createXai({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;
const offering = (model: string) => xaiOfferings.find((candidate) => candidate.model === model)!;

const mp4Uri = (seconds: number) =>
  `data:video/mp4;base64,${Buffer.from(renderMp4({ width: 320, height: 180, seconds, seed: 'src' })).toString('base64')}`;

type Inputs = { image?: ImageInput; referenceImages?: ImageInput[]; video?: VideoInput };

function submitRequest(
  model: string,
  inputs: Inputs = {},
  match: Partial<MatchInput> = {},
  operation: 'extend' | 'edit' = 'extend',
) {
  const normalized = matchRequest(offering(model), {
    extra: {},
    hasImage: inputs.image !== undefined,
    media: { lastFrame: false, referenceImages: inputs.referenceImages?.length ?? 0 },
    ...(inputs.video ? { source: { operation, dimensions: undefined, seconds: inputs.video.seconds } } : {}),
    ...match,
  });
  return toSubmitRequest({
    offering: offering(model),
    normalized,
    prompt: 'a fox',
    image: inputs.image,
    ...inputs,
  });
}

async function post(path: string, body: Record<string, unknown>) {
  const response = await fetch(`${simulator.baseURL}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'grok-imagine-video', prompt: 'p', ...body }),
  });
  return { status: response.status, json: (await response.json()) as { error?: string } };
}

describe('xAI inputs', () => {
  it('sends reference images as reference_images [{url}], URLs and data URIs alike', async () => {
    const references: ImageInput[] = [
      { kind: 'url', url: 'https://example.com/a.png' },
      { kind: 'data-uri', uri: 'data:image/png;base64,iVBORw0KGgo=' },
    ];
    await xai().submit(
      submitRequest('grok-imagine-video-1.5', { referenceImages: references }, { seconds: 6 }),
    );
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/videos/generations' });
    expect(lastRequest().json).toEqual({
      model: 'grok-imagine-video-1.5',
      prompt: 'a fox',
      aspect_ratio: '16:9',
      resolution: '720p',
      duration: 6,
      reference_images: [{ url: 'https://example.com/a.png' }, { url: 'data:image/png;base64,iVBORw0KGgo=' }],
    });
  });

  it('takes seven references at most, and no seed, negative prompt or last frame', () => {
    const match = (input: Partial<MatchInput>) => () =>
      matchRequest(offering('grok-imagine-video'), { extra: {}, hasImage: false, ...input });
    expect(match({ media: { lastFrame: false, referenceImages: 7 } })).not.toThrow();
    expect(match({ media: { lastFrame: false, referenceImages: 8 } })).toThrow(UnsupportedCapabilityError);
    expect(match({ seed: 1 })).toThrow(UnsupportedCapabilityError);
    expect(match({ negativePrompt: 'x' })).toThrow(UnsupportedCapabilityError);
    expect(match({ hasImage: true, media: { lastFrame: true, referenceImages: 0 } })).toThrow(
      UnsupportedCapabilityError,
    );
  });

  it('extends a video at /videos/extensions: the source followed by the segment asked', async () => {
    const provider = xai();
    const made = await provider.submit(submitRequest('grok-imagine-video', {}, { seconds: 3 }));
    const first = (await pollUntilDone(provider, made.operation)).final;
    const url = first.status === 'succeeded' ? first.outputs[0]!.url! : '';

    const extended = await provider.submit(
      submitRequest('grok-imagine-video', { video: { kind: 'url', url, seconds: 3 } }, { seconds: 4 }),
    );
    // The simulator downloads the source, as xAI does: that GET is recorded after the POST.
    const post = simulator.requests.find((request) => request.path === '/v1/videos/extensions');
    expect(post).toMatchObject({ method: 'POST' });
    expect(post!.json).toEqual({
      model: 'grok-imagine-video',
      prompt: 'a fox',
      duration: 4,
      video: { url },
    });
    const { final } = await pollUntilDone(provider, extended.operation);
    expect(final).toMatchObject({ status: 'succeeded', seconds: 7 });
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll(
      (
        await openOutput({
          provider,
          operation: extended.operation,
          outputs,
          trustedOrigins: [simulator.origin],
        })
      ).body,
    );
    expect(readMp4Info(bytes)).toMatchObject({ width: 1280, height: 720, durationSeconds: 7 });
  });

  it('edits a video sent as a data URI at /videos/edits, keeping its length, with no duration', async () => {
    const provider = xai();
    const { operation } = await provider.submit(
      submitRequest(
        'grok-imagine-video',
        { video: { kind: 'data-uri', uri: mp4Uri(2), seconds: 2 } },
        {},
        'edit',
      ),
    );
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/videos/edits' });
    expect(lastRequest().json).toEqual({
      model: 'grok-imagine-video',
      prompt: 'a fox',
      video: { url: mp4Uri(2) },
    });
    expect((await pollUntilDone(provider, operation)).final).toMatchObject({
      status: 'succeeded',
      seconds: 2,
    });
  });

  it('refuses an edit of more than 8.7 s before calling xAI, and Grok 1.5 neither edits nor extends', async () => {
    const error = await xai()
      .submit(
        submitRequest(
          'grok-imagine-video',
          { video: { kind: 'url', url: 'https://example.com/long.mp4', seconds: 9 } },
          {},
          'edit',
        ),
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ param: 'video', code: 'video_too_long' });
    expect(simulator.requests).toHaveLength(0);
    expect(() =>
      matchRequest(offering('grok-imagine-video-1.5'), {
        extra: {},
        hasImage: false,
        source: { operation: 'edit', dimensions: undefined, seconds: 3 },
      }),
    ).toThrow(UnsupportedCapabilityError);
  });

  it('answers 422 like xAI to what it refuses', async () => {
    const reference = { url: 'https://example.com/a.png' };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['/videos/generations', { reference_images: Array(8).fill(reference) }, '1 to 7 images'],
      ['/videos/generations', { image: reference, reference_images: [reference] }, 'cannot be used together'],
      [
        '/videos/generations',
        { model: 'grok-imagine-video-1.5', resolution: '1080p', reference_images: [reference] },
        'up to 720p',
      ],
      ['/videos/generations', { duration: 12, reference_images: [reference] }, 'at most 10 seconds'],
      ['/videos/edits', { video: { url: mp4Uri(2) }, duration: 3 }, 'duration is not supported'],
      ['/videos/edits', { video: { url: mp4Uri(9) } }, 'at most 8.7 seconds'],
      ['/videos/extensions', { video: { url: mp4Uri(16) } }, 'between 2 and 15 seconds'],
      ['/videos/extensions', { video: { url: mp4Uri(3) }, duration: 11 }, 'between 2 and 10'],
      ['/videos/extensions', { video: { url: 'data:video/mp4;base64,AAAA' } }, '.mp4'],
    ];
    for (const [path, body, message] of cases) {
      const answer = await post(path, body);
      expect(answer.status, message).toBe(422);
      expect(answer.json.error).toContain(message);
    }
  });
});
