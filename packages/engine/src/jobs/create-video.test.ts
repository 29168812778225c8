import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-types';
import { createFakeProvider } from '../test-support/fake-provider';
import { type FakeUpstream, fakeVideoBytes, startFakeUpstream } from '../test-support/fake-upstream';
import {
  outputFilesOnDisk,
  readContent,
  tempDataDir,
  testEngine,
  waitFor,
} from '../test-support/test-engine';

describe('createVideo', () => {
  let alpha: FakeUpstream;
  let beta: FakeUpstream;
  let data: ReturnType<typeof tempDataDir>;
  let engine: Engine;
  const context = { apiKeyId: null };

  beforeEach(async () => {
    [alpha, beta] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
    data = tempDataDir();
    engine = testEngine(
      [
        createFakeProvider({ id: 'alpha', baseURL: alpha.origin }),
        createFakeProvider({ id: 'beta', baseURL: beta.origin }),
      ],
      data.dir,
    );
    engine.start();
  });

  afterEach(async () => {
    await engine.stop();
    await Promise.all([alpha.close(), beta.close()]);
    data.remove();
  });

  it('should run a job to completion, store the output and price it', async () => {
    const { video, replayed } = await engine.createVideo(
      { model: 'test-model', prompt: 'a fox', seconds: 8, size: '1280x720' },
      context,
    );
    expect(replayed).toBe(false);
    expect(video).toMatchObject({
      object: 'video',
      model: 'test-model',
      status: 'queued',
      size: '1280x720',
      seconds: '8',
    });
    expect(video.id).toMatch(/^video_[0-9a-f]{24}$/);
    expect(video.metadata).toMatchObject({
      sandbox: true,
      provider: 'alpha',
      cost_estimate: { usd: '0.80', micros: 800_000 },
      attempts: [{ provider: 'alpha', outcome: 'submitted' }],
    });

    const done = await waitFor(async () => {
      const current = await engine.getVideo(video.id, context);
      return current.status === 'completed' ? current : undefined;
    });
    expect(done.progress).toBe(100);
    expect(done.metadata['cost']).toEqual({ usd: '0.80', micros: 800_000 });
    expect(done.output).toEqual({
      url: `/v1/videos/${video.id}/content`,
      thumbnail_url: `/v1/videos/${video.id}/content?variant=thumbnail`,
      content_type: 'video/mp4',
    });
    expect(done.expires_at).toBe((done.completed_at ?? 0) + 7 * 24 * 3600);
    const file = await engine.openContent(video.id, 'video', context);
    expect(outputFilesOnDisk(data.dir, video.id)).toEqual([
      expect.stringMatching(/^thumbnail-[0-9a-f]{12}\.png$/),
      expect.stringMatching(/^video-[0-9a-f]{12}\.mp4$/),
    ]);
    expect(await readContent(file)).toEqual(fakeVideoBytes);
    expect((await engine.openContent(video.id, 'thumbnail', context)).contentType).toBe('image/png');
    expect(alpha.submitRequests).toBe(1);
    expect(beta.submitRequests).toBe(0);
  });

  it('should record what the provider says it billed as the final cost, instead of the catalog price', async () => {
    alpha.billedMicros = 512_345;
    const { video } = await engine.createVideo({ model: 'test-model', prompt: 'a fox', seconds: 8 }, context);
    expect(video.metadata['cost_estimate']).toEqual({ usd: '0.80', micros: 800_000 });
    const done = await waitFor(async () => {
      const current = await engine.getVideo(video.id, context);
      return current.status === 'completed' ? current : undefined;
    });
    expect(done.metadata['cost']).toMatchObject({ micros: 512_345 });
  });

  it('should fall back to the next provider on a 503 and say so in the attempt trail', async () => {
    alpha.failNextSubmits({ kind: 'status', status: 503 });
    const { video } = await engine.createVideo({ model: 'test-model', prompt: 'a fox', seconds: 4 }, context);
    expect(video.metadata['provider']).toBe('beta');
    expect(video.metadata['attempts']).toEqual([
      {
        provider: 'alpha',
        offering: 'alpha/test-model',
        outcome: 'failed',
        error: expect.objectContaining({ status: 503 }),
      },
      { provider: 'beta', offering: 'beta/test-model', outcome: 'submitted' },
    ]);
    expect(video.metadata['cost_estimate']).toEqual({ usd: '0.80', micros: 800_000 });
    expect([alpha.submitRequests, beta.submitRequests]).toEqual([1, 1]);
    expect(alpha.jobs.size).toBe(0);
    await waitFor(async () => (await engine.getVideo(video.id, context)).status === 'completed');
  });

  it('should list every attempt in one error when every provider fails', async () => {
    alpha.failNextSubmits({ kind: 'status', status: 503 });
    beta.failNextSubmits({ kind: 'status', status: 500 });
    const error = await engine.createVideo({ model: 'test-model', prompt: 'a fox' }, context).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'all_providers_failed' });
    expect(error.message).toMatch(
      /1\) alpha\/test-model: HTTP 503 .*\(nothing was created\); 2\) beta\/test-model: HTTP 500/,
    );
    // The caller got an error, not a video: the list leaves it out, the id named in the error still answers.
    expect((await engine.listVideos(context, {})).data).toEqual([]);
    const id = /video_\w+/.exec(error.message)![0];
    const failed = await engine.getVideo(id, context);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'all_providers_failed' } });
  });

  it('should answer with the last 4xx when every provider refuses the request', async () => {
    alpha.failNextSubmits({ kind: 'status', status: 503 });
    beta.failNextSubmits({ kind: 'status', status: 400 });
    const error = await engine.createVideo({ model: 'test-model', prompt: 'a fox' }, context).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'all_providers_failed' });
  });

  it('should not try another provider when allow_fallbacks is false', async () => {
    alpha.failNextSubmits({ kind: 'status', status: 503 });
    const error = await engine
      .createVideo({ model: 'test-model', prompt: 'a fox', provider: { allow_fallbacks: false } }, context)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'all_providers_failed' });
    expect(beta.submitRequests).toBe(0);
  });

  it('should honour provider.order, provider.only and provider.ignore', async () => {
    const ordered = await engine.createVideo(
      { model: 'test-model', prompt: 'x', provider: { order: ['beta'] } },
      context,
    );
    const only = await engine.createVideo(
      { model: 'test-model', prompt: 'x', provider: { only: ['beta'] } },
      context,
    );
    const ignored = await engine.createVideo(
      { model: 'test-model', prompt: 'x', provider: { ignore: ['alpha'] } },
      context,
    );
    const pinned = await engine.createVideo({ model: 'beta/test-model', prompt: 'x' }, context);
    for (const result of [ordered, only, ignored, pinned])
      expect(result.video.metadata['provider']).toBe('beta');
    const error = await engine
      .createVideo({ model: 'test-model', prompt: 'x', provider: { only: ['nope'] } }, context)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'provider_not_found', param: 'provider.only' });
  });

  it('should route a capability mismatch away and refuse when nothing fits, naming the field', async () => {
    const error = await engine
      .createVideo({ model: 'test-model', prompt: 'x', seconds: 4, strict: true, size: '640x480' }, context)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'no_capable_provider', param: 'size' });
    expect(error.message).toContain('alpha/test-model');
    expect(error.message).toContain('beta/test-model');
    const missing = await engine.createVideo({ model: 'nope', prompt: 'x' }, context).catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'model_not_found' });
  });
});

describe('createVideo with an ambiguous failure', () => {
  it('should fail the job and never resubmit when the submit timed out after the body was sent', async () => {
    const [alpha, beta] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
    const data = tempDataDir();
    const engine = testEngine(
      [
        createFakeProvider({ id: 'alpha', baseURL: alpha.origin, headersTimeoutMs: 200 }),
        createFakeProvider({ id: 'beta', baseURL: beta.origin }),
      ],
      data.dir,
    );
    engine.start();
    try {
      alpha.failNextSubmits({ kind: 'hang' });
      const error = await engine
        .createVideo({ model: 'test-model', prompt: 'a fox' }, { apiKeyId: null })
        .catch((e) => e);
      expect(error).toMatchObject({ status: 502, code: 'upstream_outcome_unknown' });
      expect(error.message).toMatch(/may have been created upstream; it was not resubmitted/);
      expect(alpha.jobs.size).toBe(1); // the job exists upstream...
      expect(beta.submitRequests).toBe(0); // ...and nobody was asked to make a second one
      const [failed] = (await engine.listVideos({ apiKeyId: null }, {})).data;
      expect(failed?.metadata['attempts']).toEqual([
        expect.objectContaining({ provider: 'alpha', outcome: 'unknown' }),
      ]);
    } finally {
      await engine.stop();
      await Promise.all([alpha.close(), beta.close()]);
      data.remove();
    }
  });
});
