import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateVideoRequest } from '@reelay/core';
import { renderMp4, renderPng } from '@reelay/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeDataUri } from '../images';
import { type FakeSetup, startFakeSetup } from '../test-support/fake-setup';
import { waitFor } from '../test-support/test-engine';
import { readVideoInfo } from '../videos';

const open = { apiKeyId: null };
const upload = (data: Uint8Array<ArrayBuffer>, mediaType: string, filename: string) => ({
  kind: 'upload' as const,
  data,
  mediaType,
  filename,
});
const png = (width: number, height: number) => new Uint8Array(renderPng({ width, height }));
const mp4 = new Uint8Array(renderMp4({ width: 320, height: 180, seconds: 3, seed: 'edit source' }));

/** Which provider's upstream got the job, and the body it got. */
function submitted(setup: FakeSetup): { provider: string; body: Record<string, unknown> } | undefined {
  for (const [provider, upstream] of [
    ['alpha', setup.alpha],
    ['beta', setup.beta],
  ] as const) {
    const job = [...upstream.jobs.values()].at(-1);
    if (job) return { provider, body: job.body };
  }
  return undefined;
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ status: number; param?: string; code?: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (error: unknown) => error as { status: number; param?: string; code?: string; message: string },
  );
}

describe('inputs beyond one image', () => {
  let setup: FakeSetup;
  // Both fake providers serve test-model; only those made with `inputs` take the new files and parameters.
  beforeEach(async () => {
    setup = await startFakeSetup({}, { inputs: true });
  });
  afterEach(() => setup.close());

  it('should send a first and last frame, reference images, a seed and a negative prompt where each goes', async () => {
    const { video } = await setup.engine.createVideo(
      {
        model: 'test-model',
        prompt: 'a fox turns into a heron',
        input_reference: upload(png(128, 72), 'image/png', 'first.png'),
        last_frame: upload(png(128, 72), 'image/png', 'last.png'),
        reference_images: [encodeDataUri(png(64, 64), 'image/png'), encodeDataUri(png(32, 32), 'image/png')],
        seed: 42,
        negative_prompt: 'blur',
      },
      open,
    );
    const sent = submitted(setup);
    expect(sent?.provider).toBe('alpha');
    expect(sent?.body).toMatchObject({
      model: 'fake-i2v',
      seed: 42,
      avoid: 'blur',
      last_image: { upload: { mediaType: 'image/png' } },
      references: [{ data_uri: 'data:image/png;base64' }, { data_uri: 'data:image/png;base64' }],
    });
    const report = video.metadata?.normalization ?? [];
    expect(report).toContainEqual(expect.objectContaining({ param: 'last_frame', action: 'renamed' }));
    expect(report).toContainEqual(
      expect.objectContaining({ param: 'negative_prompt', sent: { avoid: 'blur' }, action: 'renamed' }),
    );
    // Once submitted, no input file is kept.
    await waitFor(() => readdirSync(join(setup.dataDir, 'inputs')).length === 0);
  });

  it('should refuse with 400 naming the field when no offering can take it, sending nothing', async () => {
    const tooMany = await refusal(
      setup.engine.createVideo(
        {
          model: 'test-model',
          prompt: 'a fox',
          reference_images: [1, 2, 3].map(() => encodeDataUri(png(32, 32), 'image/png')),
        },
        open,
      ),
    );
    expect(tooMany).toMatchObject({ status: 400, param: 'reference_images' });
    expect(tooMany.message).toContain('at most 2');
    const badImage = await refusal(
      setup.engine.createVideo(
        { model: 'test-model', prompt: 'a fox', last_frame: 'data:image/png;base64,bm90IGFuIGltYWdl' },
        open,
      ),
    );
    expect(badImage).toMatchObject({ status: 400, param: 'last_frame', code: 'invalid_image' });
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(0);
  });

  it('should extend a completed video of the caller by id, sending its bytes and the segment length', async () => {
    const { video: first } = await setup.engine.createVideo(
      { model: 'test-model', prompt: 'a fox', seconds: 8 },
      open,
    );
    await waitFor(async () => (await setup.engine.getVideo(first.id, open)).status === 'completed');
    const { video } = await setup.engine.createVideo(
      {
        model: 'test-model',
        prompt: 'the fox runs on',
        seconds: 5,
        source: { operation: 'extend', video: { id: first.id } },
      },
      open,
    );
    const sent = submitted(setup);
    expect(sent?.body).toMatchObject({
      model: 'fake-extend',
      seconds: 6,
      video: { upload: { mediaType: 'video/mp4' }, seconds: 8 },
    });
    expect(sent?.body).not.toHaveProperty('size');
    expect(video.seconds).toBe('6');
    expect(video.metadata?.normalization).toContainEqual(
      expect.objectContaining({ param: 'seconds', requested: 5, action: 'snapped' }),
    );
  });

  it('should edit an uploaded MP4, keeping its size and length', async () => {
    const { video } = await setup.engine.createVideo(
      {
        model: 'test-model',
        prompt: 'make it snow',
        source: { operation: 'edit', video: upload(mp4, 'video/mp4', 'clip.mp4') },
      },
      open,
    );
    expect(submitted(setup)?.body).toMatchObject({
      model: 'fake-edit',
      video: { upload: { size: mp4.byteLength }, seconds: 3 },
    });
    expect(video.size).toBe('320x180');
    expect(video.seconds).toBe('3');
  });

  it('should refuse a source that is not a finished video of the caller, or not a video at all', async () => {
    const notVideo = await refusal(
      setup.engine.createVideo(
        {
          model: 'test-model',
          prompt: 'x',
          source: { operation: 'edit', video: upload(png(32, 32), 'video/mp4', 'a.mp4') },
        },
        open,
      ),
    );
    expect(notVideo).toMatchObject({ status: 400, param: 'video', code: 'invalid_video' });

    setup.alpha.outcome = 'never';
    const { video: running } = await setup.engine.createVideo({ model: 'test-model', prompt: 'a fox' }, open);
    const unfinished = await refusal(
      setup.engine.createVideo(
        { model: 'test-model', prompt: 'x', source: { operation: 'extend', video: { id: running.id } } },
        open,
      ),
    );
    expect(unfinished).toMatchObject({ status: 400, param: 'video', code: 'video_not_ready' });

    const otherKey = await refusal(
      setup.engine.createVideo(
        { model: 'test-model', prompt: 'x', source: { operation: 'extend', video: { id: running.id } } },
        { apiKeyId: 'key_other' },
      ),
    );
    expect(otherKey.status).toBe(404);
  });
});

describe('a Reelay video larger than the source limit', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup({ maxVideoBytes: 16 }, { inputs: true });
  });
  afterEach(() => setup.close());

  it('should be refused with 413 naming video before its file is read, as an upload of that size is', async () => {
    const { video: first } = await setup.engine.createVideo({ model: 'test-model', prompt: 'a fox' }, open);
    await waitFor(async () => (await setup.engine.getVideo(first.id, open)).status === 'completed');
    const error = await refusal(
      setup.engine.createVideo(
        { model: 'test-model', prompt: 'on', source: { operation: 'extend', video: { id: first.id } } },
        open,
      ),
    );
    expect(error).toMatchObject({ status: 413, param: 'video' });
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(1);
  });
});

describe('an adapter that refuses a request before calling its provider', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should answer its 400 with the field it names once every candidate refused, calling no provider', async () => {
    const error = await refusal(
      setup.engine.createVideo({ model: 'test-model', prompt: 'a fox', refuse_here: true }, open),
    );
    expect(error).toMatchObject({ status: 400, param: 'refuse_here' });
    expect(error.message).toContain('cannot take refuse_here');
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(0);
  });
});

describe('offerings without the new inputs', () => {
  let setup: FakeSetup;
  beforeEach(async () => {
    setup = await startFakeSetup();
  });
  afterEach(() => setup.close());

  it('should refuse seed, last_frame and extend with a 400 naming each, never dropping them', async () => {
    const cases: [Partial<CreateVideoRequest>, string][] = [
      [{ seed: 1 }, 'seed'],
      [{ last_frame: encodeDataUri(png(32, 32), 'image/png') }, 'last_frame'],
      [{ source: { operation: 'extend', video: upload(mp4, 'video/mp4', 'clip.mp4') } }, 'video'],
    ];
    for (const [fields, param] of cases) {
      const error = await refusal(
        setup.engine.createVideo({ model: 'test-model', prompt: 'a fox', ...fields }, open),
      );
      expect(error).toMatchObject({ status: 400, param });
    }
    expect(setup.alpha.submitRequests + setup.beta.submitRequests).toBe(0);
  });
});

describe('readVideoInfo', () => {
  it('should read an MP4 length and size, and refuse what is not a video', () => {
    expect(readVideoInfo(mp4)).toEqual({ mediaType: 'video/mp4', width: 320, height: 180, seconds: 3 });
    expect(readVideoInfo(png(16, 16))).toBeUndefined();
    // A box claiming to run past the end stops the walk instead of throwing.
    const cut = mp4.slice(0, 40);
    expect(readVideoInfo(cut)?.mediaType).toBe('video/mp4');
  });
});
