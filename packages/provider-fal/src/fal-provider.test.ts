import {
  generateVideo,
  InvalidRequestError,
  LoadApiKeyError,
  type PollResult,
  UpstreamError,
  type VideoOperation,
  type VideoProvider,
} from '@reelay/core';
import { readMp4Info, startFalSimulator } from '@reelay/testing';
import { openOutput } from '@reelay/testing/contract';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFal } from './fal-provider';
import { falSubmitRequest } from './fal-test-helpers';

const simulator = await startFalSimulator({ behavior: { queueMs: 0, runMs: 0 } });
const elsewhere = await startFalSimulator({ apiKey: 'other-key' });
const provider = createFal({
  apiKey: simulator.apiKey,
  baseURL: simulator.baseURL,
  jwksUrl: simulator.jwksUrl,
});
afterAll(async () => {
  await simulator.close();
  await elsewhere.close();
});
beforeEach(() => {
  simulator.reset();
  elsewhere.reset();
  simulator.configure({ queueMs: 0, runMs: 0, outputTtlMs: undefined });
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await caught(promise);
  expect(UpstreamError.isInstance(error)).toBe(true);
  return error as UpstreamError;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const submitVeo = (target: VideoProvider = provider) =>
  target.submit(falSubmitRequest('veo-3.1', 'a fox', { seconds: 4 }));

describe('createFal', () => {
  describe('poll', () => {
    it('maps an in-band failure (COMPLETED + error) to failed with fal’s message', async () => {
      simulator.setNextOutcome('fail');
      const { operation } = await submitVeo();
      const result = await provider.poll(operation);
      expect(result).toEqual({
        status: 'failed',
        error: { code: 'content_policy_violation', message: expect.stringContaining('content checker') },
        canceled: false,
      });
    });

    it('maps a 422 from the result endpoint to failed with the detail message', async () => {
      simulator.setNextOutcome('fail');
      const { operation, upstreamId } = await submitVeo();
      // A status answer without `error` (as fal's JS types describe it): the failure shows on the result.
      simulator.injectFault({
        route: /^GET .*\/status$/,
        fault: { kind: 'status', status: 200, body: { status: 'COMPLETED', request_id: upstreamId } },
      });
      expect(await provider.poll(operation)).toEqual({
        status: 'failed',
        error: {
          code: 'content_policy_violation',
          message: expect.stringMatching(/^prompt: .*content checker/),
        },
        canceled: false,
      });
    });

    it('reports queued, then in progress, then succeeded with the outputs and duration', async () => {
      simulator.configure({ queueMs: 60_000 });
      const { operation } = await submitVeo();
      expect(await provider.poll(operation)).toEqual({ status: 'queued', progress: undefined });
      simulator.configure({ queueMs: 0, runMs: 60_000 });
      expect(await provider.poll(operation)).toEqual({ status: 'in_progress', progress: undefined });
      simulator.configure({ runMs: 0 });
      const done = await provider.poll(operation);
      expect(done).toMatchObject({
        status: 'succeeded',
        seconds: 4,
        outputs: [
          { variant: 'video', contentType: 'video/mp4', url: expect.stringContaining(simulator.origin) },
        ],
      });
    });

    it('survives a JSON round-trip of the operation, and refuses an operation that is not fal’s', async () => {
      const { operation } = await submitVeo();
      const revived = JSON.parse(JSON.stringify(operation)) as VideoOperation;
      expect((await provider.poll(revived)).status).toBe('succeeded');
      const error = await caught(provider.poll({ id: 'video_123' }));
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('requestId');
    });
  });

  describe('errors', () => {
    it('turns 429 + Retry-After into a retryable UpstreamError with retryAfterMs', async () => {
      simulator.injectFault({ route: 'POST *', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
      const error = await upstreamError(submitVeo());
      expect(error).toMatchObject({
        statusCode: 429,
        isRetryable: true,
        retryAfterMs: 7000,
        nothingCreated: true,
      });
    });

    it('turns a 5xx infrastructure error into a retryable UpstreamError with fal’s error type', async () => {
      const { operation } = await submitVeo();
      simulator.injectFault({
        route: 'GET *',
        fault: {
          kind: 'status',
          status: 503,
          body: { detail: 'Runner scheduling failure', error_type: 'runner_scheduling_failure' },
          headers: { 'x-fal-error-type': 'runner_scheduling_failure' },
        },
      });
      const error = await upstreamError(provider.poll(operation));
      expect(error).toMatchObject({
        statusCode: 503,
        isRetryable: true,
        providerCode: 'runner_scheduling_failure',
      });
      expect(error.message).toContain('Runner scheduling failure');
    });

    it('turns malformed JSON into a clear invalid_response error', async () => {
      simulator.injectFault({ route: 'POST *', fault: { kind: 'malformed-json' } });
      const error = await upstreamError(submitVeo());
      expect(error.providerCode).toBe('invalid_response');
      expect(error.message).toMatch(/not JSON/);
      expect(error.isRetryable).toBe(false);
    });

    it('surfaces a 422 naming the field when the body is in the wrong dialect', async () => {
      const request = falSubmitRequest('veo-3.1', 'a fox');
      const error = await upstreamError(
        provider.submit({ ...request, body: { ...request.body, duration: '8' } }),
      );
      expect(error).toMatchObject({ statusCode: 422, providerCode: 'literal_error', isRetryable: false });
      expect(error.message).toContain('body.duration');
    });

    it('refuses a wrong key with a non-retryable 401, and a missing key before any request', async () => {
      const wrong = createFal({ apiKey: 'nope', baseURL: simulator.baseURL });
      const error = await upstreamError(submitVeo(wrong));
      expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
      expect(error.message).not.toContain('nope');

      const saved = process.env['FAL_KEY'];
      delete process.env['FAL_KEY'];
      try {
        const missing = await caught(submitVeo(createFal({ baseURL: simulator.baseURL })));
        expect(LoadApiKeyError.isInstance(missing)).toBe(true);
        expect((missing as Error).message).toContain('FAL_KEY');
      } finally {
        if (saved !== undefined) process.env['FAL_KEY'] = saved;
      }
    });

    it('honours an abort signal', async () => {
      simulator.injectFault({ route: 'POST *', fault: { kind: 'delay', ms: 5_000 } });
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      const pending = provider.submit(falSubmitRequest('veo-3.1', 'a fox'), {
        abortSignal: controller.signal,
      });
      setTimeout(() => controller.abort(reason), 20);
      expect(await caught(pending)).toBe(reason);
    });
  });

  describe('configuration', () => {
    const saved = { key: process.env['FAL_KEY'], base: process.env['FAL_QUEUE_BASE_URL'] };
    afterEach(() => {
      for (const [name, value] of [
        ['FAL_KEY', saved.key],
        ['FAL_QUEUE_BASE_URL', saved.base],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('reads FAL_KEY at call time and FAL_QUEUE_BASE_URL at creation, defaulting to queue.fal.run', async () => {
      delete process.env['FAL_QUEUE_BASE_URL'];
      expect(createFal().baseURL).toBe('https://queue.fal.run');
      process.env['FAL_QUEUE_BASE_URL'] = `${simulator.baseURL}/`;
      const fromEnvironment = createFal();
      expect(fromEnvironment.baseURL).toBe(simulator.baseURL);
      process.env['FAL_KEY'] = simulator.apiKey;
      await submitVeo(fromEnvironment);
      expect(simulator.requests[0]!.headers['authorization']).toBe(`Key ${simulator.apiKey}`);
    });
  });

  describe('credentials', () => {
    it('refuses queue URLs on another origin at submit, sending nothing there', async () => {
      simulator.setUrlOrigins({ queue: elsewhere.origin });
      const error = await upstreamError(submitVeo());
      expect(error).toMatchObject({
        providerCode: 'untrusted_origin',
        nothingCreated: false,
        isRetryable: false,
      });
      expect(error.message).toContain('FAL_QUEUE_BASE_URL');
      expect(elsewhere.requests).toHaveLength(0);
    });

    it('polls and cancels a stored operation whose URLs name another origin on the configured queue instead', async () => {
      // The queue moved since the operation was stored (a sandbox restarted on another port, a new
      // FAL_QUEUE_BASE_URL): the request is still found, and the key still goes nowhere else.
      const { operation } = await submitVeo();
      const moved = (url: string) => url.replace(simulator.origin, elsewhere.origin);
      const stored = {
        ...operation,
        statusUrl: moved(String(operation['statusUrl'])),
        responseUrl: moved(String(operation['responseUrl'])),
        cancelUrl: moved(String(operation['cancelUrl'])),
      };
      expect((await provider.poll(stored)).status).not.toBe('failed');
      await provider.cancel!(stored);
      expect(elsewhere.requests).toHaveLength(0);
      expect(simulator.requests.filter((request) => request.path.endsWith('/cancel'))).toHaveLength(1);
    });

    it('leaves downloads to the engine: outputs are plain URLs on the CDN, fetched without the key', async () => {
      // No `content` hook: the engine downloads them through the operator's URL guard (allowPrivateOrigins).
      expect(provider.content).toBeUndefined();
      const { operation } = await submitVeo();
      const done = await provider.poll(operation);
      const outputs = done.status === 'succeeded' ? done.outputs : [];
      expect(outputs.map((output) => output.url)).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
      ]);
      const content = await openOutput({ provider, operation, outputs, trustedOrigins: [simulator.origin] });
      expect((await bytesOf(content.body)).byteLength).toBeGreaterThan(100);
      const download = simulator.requests.find((request) => request.path.startsWith('/files/'));
      expect(download?.headers['authorization']).toBeUndefined();
    });

    it('names the variants there are when asked for one that is missing', async () => {
      const { operation } = await submitVeo();
      const done = (await provider.poll(operation)) as Extract<PollResult, { status: 'succeeded' }>;
      const error = await caught(
        openOutput({
          provider,
          operation,
          outputs: done.outputs,
          variant: 'thumbnail',
          trustedOrigins: [simulator.origin],
        }),
      );
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('Available: video');
    });
  });

  describe('cancel', () => {
    it('cancels a queued request, which then polls as failed and canceled; a second cancel is a no-op', async () => {
      simulator.configure({ queueMs: 60_000 });
      const { operation } = await submitVeo();
      await provider.cancel!(operation);
      expect(await provider.poll(operation)).toMatchObject({ status: 'failed', canceled: true });
      await expect(provider.cancel!(operation)).resolves.toBeUndefined();
    });

    it('throws for a request fal does not know', async () => {
      const { operation } = await submitVeo();
      const unknown = { ...operation, cancelUrl: `${simulator.origin}/fal-ai/veo3.1/requests/nope/cancel` };
      expect((await upstreamError(provider.cancel!(unknown))).statusCode).toBe(404);
    });
  });

  it('passes unknown parameters through', async () => {
    await provider.submit(
      falSubmitRequest('veo-3.1', 'a fox', {
        extra: { seed: 42, negative_prompt: 'blur', new_flag: { a: 1 } },
      }),
    );
    expect(simulator.requests[0]!.json).toMatchObject({
      seed: 42,
      negative_prompt: 'blur',
      new_flag: { a: 1 },
    });
  });

  describe('generateVideo end to end', () => {
    it.each([
      ['wan-2.7', { size: '1280x720', seconds: 3 }, 1280, 720, 3],
      ['sora-2-pro', { aspectRatio: '9:16', seconds: 4 }, 720, 1280, 4],
      ['kling-3', { size: '1:1', seconds: 3 }, 1080, 1080, 3],
    ] as const)('%s %j → a %ix%i MP4 of %i s', async (model, asked, width, height, seconds) => {
      simulator.configure({ queueMs: 20, runMs: 40 });
      const result = await generateVideo({
        provider,
        model,
        prompt: 'a fox in the snow',
        ...asked,
        pollBackoff: { initialMs: 10, maxMs: 20 },
      });
      expect(result.seconds).toBe(seconds);
      const video = await result.content();
      expect(video.contentType).toBe('video/mp4');
      expect(readMp4Info(await bytesOf(video.body))).toMatchObject({
        width,
        height,
        durationSeconds: seconds,
      });
      if (model === 'sora-2-pro') {
        const thumbnail = await result.content('thumbnail');
        expect(thumbnail.contentType).toBe('image/png');
        expect((await bytesOf(thumbnail.body)).byteLength).toBeGreaterThan(100);
      }
    });
  });

  describe('parseWebhook', () => {
    it('verifies a delivery with fal’s JWKS and maps OK to succeeded', async () => {
      const { upstreamId } = await submitVeo();
      const delivery = simulator.webhookDelivery(upstreamId);
      const event = await provider.parseWebhook!({
        headers: new Headers(delivery.headers),
        rawBody: delivery.rawBody,
      });
      expect(event).toMatchObject({
        upstreamId,
        result: { status: 'succeeded', seconds: 4, outputs: [{ variant: 'video' }] },
      });
    });

    it('maps ERROR to failed with the detail message', async () => {
      simulator.setNextOutcome('fail');
      const { upstreamId } = await submitVeo();
      const delivery = simulator.webhookDelivery(upstreamId);
      const event = await provider.parseWebhook!({
        headers: new Headers(delivery.headers),
        rawBody: delivery.rawBody,
      });
      expect(event?.result).toMatchObject({
        status: 'failed',
        error: { code: 'content_policy_violation', message: expect.stringContaining('content checker') },
      });
    });

    it('refuses a tampered body', async () => {
      const { upstreamId } = await submitVeo();
      const delivery = simulator.webhookDelivery(upstreamId);
      const tampered = new TextEncoder().encode(
        new TextDecoder().decode(delivery.rawBody).replace('"OK"', '"ERROR"'),
      );
      const error = await caught(
        provider.parseWebhook!({ headers: new Headers(delivery.headers), rawBody: tampered }),
      );
      expect((error as { code?: string }).code).toBe('invalid_webhook_signature');
    });
  });
});
