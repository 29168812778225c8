import { generateVideo, LoadApiKeyError, ReelayError, UpstreamError } from '@reelay/core';
import { WebhookVerificationError } from '@reelay/provider-utils';
import { readMp4Info, renderPng, signOpenAIWebhook, startOpenAISimulator } from '@reelay/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll, submitRequestFor } from './__fixtures__/openai-fixtures';
import { plugin } from './index';
import { createOpenAI } from './openai-provider';

const simulator = await startOpenAISimulator();
/** Another origin, standing in for anywhere credentials must never go. */
const elsewhere = await startOpenAISimulator();
const provider = createOpenAI({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
const fast = { queueMs: 0, runMs: 0, outputTtlMs: undefined };

afterAll(async () => {
  await simulator.close();
  await elsewhere.close();
});
beforeEach(() => {
  simulator.reset();
  elsewhere.reset();
  simulator.configure(fast);
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('poll', () => {
  it('maps queued → in_progress → succeeded from the simulator clock', async () => {
    simulator.configure({ queueMs: 60_000, runMs: 60_000 });
    const { operation } = await provider.submit(submitRequestFor('sora-2', 'clock'));
    expect(await provider.poll(operation)).toEqual({ status: 'queued', progress: 0 });
    simulator.configure({ queueMs: 0, runMs: 3_600_000 });
    expect(await provider.poll(operation)).toMatchObject({ status: 'in_progress' });
    simulator.configure(fast);
    expect(await provider.poll(operation)).toMatchObject({ status: 'succeeded', seconds: 4 });
  });

  it('reports an in-band failure as failed with the provider code and message', async () => {
    simulator.setNextOutcome('fail');
    const { operation, upstreamId } = await provider.submit(submitRequestFor('sora-2', 'will fail'));
    const upstream = simulator.video(upstreamId)?.error;
    expect(upstream).toBeTruthy();
    expect(await provider.poll(operation)).toEqual({ status: 'failed', error: upstream, canceled: false });
  });

  it('keeps working after the operation goes through JSON', async () => {
    const { operation } = await provider.submit(submitRequestFor('sora-2', 'round trip'));
    const stored = JSON.parse(JSON.stringify(operation)) as typeof operation;
    expect(await provider.poll(stored)).toMatchObject({ status: 'succeeded' });
    const content = await provider.content!({ operation: stored, outputs: [], variant: 'video' });
    expect(content.contentType).toBe('video/mp4');
    await readAll(content.body);
  });

  it('refuses an operation that is not its own, without calling upstream', async () => {
    const error = await failure(provider.poll({ request_id: 'fal-123' }));
    expect(ReelayError.isInstance(error) && error.code).toBe('invalid_operation');
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('upstream errors', () => {
  it('turns a 429 with Retry-After into a retryable UpstreamError with retryAfterMs', async () => {
    simulator.injectFault({ route: 'POST /v1/videos', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
    const error = await failure(provider.submit(submitRequestFor('sora-2', 'limited')));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: 7000,
      nothingCreated: true,
      providerCode: 'rate_limit_exceeded',
    });
  });

  it.each([500, 502, 503])('treats a %i as retryable', async (status) => {
    simulator.injectFault({
      route: 'GET *',
      fault: {
        kind: 'status',
        status,
        body: {
          error: { message: 'The server had an error', type: 'server_error', param: null, code: null },
        },
      },
    });
    const { operation } = await provider.submit(submitRequestFor('sora-2', 'flaky'));
    const error = await failure(provider.poll(operation));
    expect(error).toMatchObject({ statusCode: status, isRetryable: true });
    expect((error as Error).message).toContain('The server had an error');
  });

  it('turns a 2xx body that is not JSON into a clear invalid_response error', async () => {
    const { operation } = await provider.submit(submitRequestFor('sora-2', 'garbled'));
    simulator.injectFault({ route: 'GET *', fault: { kind: 'malformed-json' } });
    const error = await failure(provider.poll(operation));
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect((error as Error).message).toMatch(/not JSON/);
  });

  it('surfaces a validation error naming the field, not retryable, nothing created', async () => {
    const error = await failure(
      provider.submit(submitRequestFor('sora-2', 'too big', { extra: { size: '1920x1080' } })),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      isRetryable: false,
      nothingCreated: true,
      providerCode: 'invalid_value',
    });
    expect((error as Error).message).toContain("'1920x1080'");
  });

  it('never puts the key in an error', async () => {
    const wrong = createOpenAI({ baseURL: simulator.baseURL, apiKey: 'sk-not-the-right-key-0000' });
    const error = await failure(wrong.submit(submitRequestFor('sora-2', 'wrong key')));
    expect(error).toMatchObject({ statusCode: 401, providerCode: 'invalid_api_key', isRetryable: false });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      'sk-not-the-right-key',
    );
  });

  it('honours an abort signal', async () => {
    simulator.injectFault({ route: 'POST /v1/videos', fault: { kind: 'delay', ms: 10_000 } });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = provider.submit(submitRequestFor('sora-2', 'aborted'), {
      abortSignal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 20);
    expect(await failure(pending)).toBe(reason);
  });
});

describe('unknown parameters', () => {
  it('passes them through; OpenAI refuses them with unknown_parameter', async () => {
    const error = await failure(
      provider.submit(submitRequestFor('sora-2', 'extra', { extra: { style: 'noir' } })),
    );
    expect(simulator.requests.at(-1)?.json).toMatchObject({ style: 'noir' });
    expect(error).toMatchObject({ statusCode: 400, providerCode: 'unknown_parameter', nothingCreated: true });
    expect((error as Error).message).toContain("Unknown parameter: 'style'");
  });
});

describe('credentials', () => {
  it('never sends the key to another origin', async () => {
    const { operation, upstreamId } = await provider.submit(submitRequestFor('sora-2', 'origin'));
    const foreign = `${elsewhere.baseURL}/videos/${upstreamId}/content`;
    const content = await provider.content!({
      operation,
      outputs: [{ variant: 'video', url: foreign, contentType: 'video/mp4' }],
      variant: 'video',
    });
    await readAll(content.body);
    await failure(provider.poll({ videoId: `${elsewhere.origin}/v1/videos/x` }));

    expect(elsewhere.requests).toHaveLength(0);
    const polled = simulator.requests.at(-1);
    expect(polled?.path).toBe(`/v1/videos/${encodeURIComponent(`${elsewhere.origin}/v1/videos/x`)}`);
  });

  describe('from the environment', () => {
    const saved = { key: process.env['OPENAI_API_KEY'], url: process.env['OPENAI_BASE_URL'] };
    afterEach(() => {
      for (const [name, value] of [
        ['OPENAI_API_KEY', saved.key],
        ['OPENAI_BASE_URL', saved.url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('reads OPENAI_API_KEY at call time and OPENAI_BASE_URL at creation', async () => {
      delete process.env['OPENAI_API_KEY'];
      process.env['OPENAI_BASE_URL'] = `${simulator.baseURL}/`;
      const fromEnv = createOpenAI();
      expect(fromEnv.baseURL).toBe(simulator.baseURL);
      const missing = await failure(fromEnv.submit(submitRequestFor('sora-2', 'no key')));
      expect(LoadApiKeyError.isInstance(missing)).toBe(true);
      expect((missing as Error).message).toContain('OPENAI_API_KEY');
      expect(simulator.requests).toHaveLength(0);

      process.env['OPENAI_API_KEY'] = simulator.apiKey;
      await expect(fromEnv.submit(submitRequestFor('sora-2', 'key later'))).resolves.toMatchObject({
        upstreamId: expect.stringMatching(/^video_/),
      });
    });

    it('defaults to https://api.openai.com/v1', () => {
      delete process.env['OPENAI_BASE_URL'];
      expect(createOpenAI().baseURL).toBe('https://api.openai.com/v1');
    });
  });
});

describe('remix and delete', () => {
  it('remixes a finished video into a new job and deletes finished ones', async () => {
    const { operation, upstreamId } = await provider.submit(
      submitRequestFor('sora-2-pro', 'source', { size: '1792x1024' }),
    );
    const remixed = await provider.remix(operation, 'remixed');
    expect(remixed.upstreamId).not.toBe(upstreamId);
    expect(simulator.video(remixed.upstreamId)).toMatchObject({
      remixed_from_video_id: upstreamId,
      size: '1792x1024',
    });
    await provider.delete(operation);
    expect(simulator.video(upstreamId)).toBeUndefined();
  });

  it('surfaces OpenAI refusing to delete a running video', async () => {
    simulator.configure({ queueMs: 60_000 });
    const { operation } = await provider.submit(submitRequestFor('sora-2', 'running'));
    expect(await failure(provider.delete(operation))).toMatchObject({ statusCode: 400, isRetryable: false });
  });
});

describe('parseWebhook', () => {
  const secret = simulator.webhookSecret;
  const withSecret = createOpenAI({
    baseURL: simulator.baseURL,
    apiKey: simulator.apiKey,
    webhookSecret: secret,
  });

  it('verifies a video event and returns the video id without a result', async () => {
    const { upstreamId } = await provider.submit(submitRequestFor('sora-2', 'hooked'));
    const delivery = simulator.webhookFor(upstreamId);
    const event = await withSecret.parseWebhook({
      headers: new Headers(delivery.headers),
      rawBody: delivery.rawBody,
    });
    expect(event).toEqual({ upstreamId, result: undefined });
  });

  it('ignores events that are not about videos', async () => {
    const delivery = signOpenAIWebhook({ secret, type: 'batch.completed', videoId: 'batch_1' });
    expect(
      await withSecret.parseWebhook({ headers: new Headers(delivery.headers), rawBody: delivery.rawBody }),
    ).toBeUndefined();
  });

  it('refuses a tampered body', async () => {
    const delivery = signOpenAIWebhook({ secret, type: 'video.completed', videoId: 'video_a' });
    const tampered = new TextEncoder().encode(
      new TextDecoder().decode(delivery.rawBody).replace('video_a', 'video_b'),
    );
    const error = await failure(
      withSecret.parseWebhook({ headers: new Headers(delivery.headers), rawBody: tampered }),
    );
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
  });

  it('says where to put the secret when there is none', async () => {
    const saved = process.env['OPENAI_WEBHOOK_SECRET'];
    delete process.env['OPENAI_WEBHOOK_SECRET'];
    const delivery = signOpenAIWebhook({ secret, type: 'video.completed', videoId: 'video_a' });
    const error = await failure(
      provider.parseWebhook({ headers: new Headers(delivery.headers), rawBody: delivery.rawBody }),
    );
    if (saved !== undefined) process.env['OPENAI_WEBHOOK_SECRET'] = saved;
    expect(error).toMatchObject({ code: 'missing_webhook_secret' });
    expect((error as Error).message).toContain('OPENAI_WEBHOOK_SECRET');
  });
});

describe('plugin', () => {
  it('validates settings and creates the provider', () => {
    const settings = plugin.settingsSchema.parse({ apiKey: 'k', baseURL: simulator.baseURL });
    expect(plugin.id).toBe('openai');
    expect(plugin.create(settings).baseURL).toBe(simulator.baseURL);
    expect(() => plugin.settingsSchema.parse({ apiKey: 'k', baseUrl: 'typo' })).toThrow();
  });
});

describe('generateVideo end to end', () => {
  it.each([
    [{ size: '16:9', resolution: '1080p', seconds: 8 }, 1920, 1080, 8],
    [{ size: '1024x1792', seconds: 12 }, 1024, 1792, 12],
  ])('makes an MP4 of the asked size and duration (%j)', async (asked, width, height, seconds) => {
    simulator.configure({ queueMs: 20, runMs: 40 });
    const result = await generateVideo({
      provider,
      model: 'sora-2-pro',
      prompt: 'end to end',
      ...asked,
      pollBackoff: { initialMs: 10, maxMs: 20 },
    });
    expect(result.seconds).toBe(seconds);
    const { body, contentType } = await result.content();
    expect(contentType).toBe('video/mp4');
    const info = readMp4Info(await readAll(body));
    expect(info).toMatchObject({ width, height });
    expect(info.durationSeconds).toBeCloseTo(seconds, 2);
  });

  it('animates an uploaded first frame', async () => {
    const result = await generateVideo({
      provider,
      model: 'sora-2',
      prompt: 'image to video',
      size: '1280x720',
      image: {
        kind: 'upload',
        data: renderPng({ width: 1280, height: 720 }),
        mediaType: 'image/png',
        filename: 'f.png',
      },
      pollBackoff: { initialMs: 10, maxMs: 20 },
    });
    const info = readMp4Info(await readAll((await result.content()).body));
    expect(info).toMatchObject({ width: 1280, height: 720 });
    const thumbnail = await result.content('thumbnail');
    expect(thumbnail.contentType).toBe('image/png');
    await readAll(thumbnail.body);
  });
});
