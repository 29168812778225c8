import {
  generateVideo,
  LoadApiKeyError,
  ReelayError,
  UpstreamError,
  type VideoOperation,
  type VideoOutputFile,
} from '@reelay/core';
import { type ReplicateSimulator, readMp4Info, startReplicateSimulator } from '@reelay/testing';
import { openOutput } from '@reelay/testing/contract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plugin } from './replicate-plugin';
import { createReplicate } from './replicate-provider';
import { submitRequest } from './replicate-test-support';

let simulator: ReplicateSimulator;
let provider: ReturnType<typeof createReplicate>;

beforeAll(async () => {
  simulator = await startReplicateSimulator();
  provider = createReplicate({
    apiKey: simulator.apiKey,
    baseURL: simulator.baseURL,
    webhookSecret: simulator.webhookSecret,
  });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0 });
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await caught(promise);
  if (!UpstreamError.isInstance(error)) throw error;
  return error;
}

describe('Replicate provider: lifecycle', () => {
  it('maps starting → queued and processing → in_progress with progress from the logs', async () => {
    // A queue of a whole second: a slow machine must not outlast it between the submit and the first poll.
    simulator.configure({ queueMs: 1000, runMs: 60_000 });
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    expect(await provider.poll(operation)).toEqual({ status: 'queued', progress: undefined });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const running = await provider.poll(operation);
    expect(running.status).toBe('in_progress');
    expect(running.status === 'in_progress' && running.progress).toEqual(expect.any(Number));
  });

  it('reports an in-band failure with Replicate’s own message', async () => {
    simulator.setNextOutcome('fail');
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const result = await provider.poll(operation);
    expect(result).toMatchObject({ status: 'failed', canceled: false, error: { code: 'prediction_failed' } });
    expect(result.status === 'failed' && result.error.message).toContain('flagged as sensitive');
  });

  it('reports aborted predictions as canceled', async () => {
    simulator.setNextOutcome('abort');
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    expect(await provider.poll(operation)).toMatchObject({
      status: 'failed',
      canceled: true,
      error: { code: 'aborted' },
    });
  });

  it('cancels a running prediction', async () => {
    simulator.configure({ runMs: 60_000 });
    const { operation } = await provider.submit(submitRequest('kling-3', 'x'));
    await provider.cancel?.(operation);
    expect(await provider.poll(operation)).toMatchObject({
      status: 'failed',
      canceled: true,
      error: { code: 'canceled' },
    });
  });

  it('keeps the operation usable after a JSON round-trip', async () => {
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const revived = JSON.parse(JSON.stringify(operation)) as VideoOperation;
    expect(await provider.poll(revived)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses an operation another provider made', async () => {
    const error = await caught(provider.poll({ id: 'video_123' }));
    expect(ReelayError.isInstance(error) && error.code).toBe('invalid_operation');
  });

  it('says so when the output was already deleted upstream', async () => {
    simulator.configure({ outputTtlMs: 20 });
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await provider.poll(operation)).toMatchObject({
      status: 'failed',
      error: { code: 'output_removed' },
    });
  });
});

describe('Replicate provider: errors', () => {
  it('turns 429 + Retry-After into a retryable UpstreamError with the wait', async () => {
    simulator.injectFault({
      route: 'POST /v1/models/*',
      fault: { kind: 'rate-limit', retryAfterSeconds: 30 },
    });
    const error = await upstreamError(provider.submit(submitRequest('sora-2-pro', 'x')));
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: 30_000,
      nothingCreated: true,
    });
    expect(error.message).toContain('Request was throttled');
  });

  it('treats a 5xx as retryable', async () => {
    simulator.injectFault({
      route: 'GET /v1/predictions/*',
      fault: {
        kind: 'status',
        status: 503,
        body: { title: 'Service Unavailable', detail: 'try later', status: 503 },
      },
    });
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const error = await upstreamError(provider.poll(operation));
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
  });

  it('explains a malformed JSON answer', async () => {
    simulator.injectFault({ route: 'GET /v1/predictions/*', fault: { kind: 'malformed-json' } });
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const error = await upstreamError(provider.poll(operation));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/not JSON/);
  });

  it('surfaces Replicate’s 422 naming the field, not retryable', async () => {
    const request = submitRequest('sora-2-pro', 'x');
    const error = await upstreamError(
      provider.submit({ ...request, body: { ...request.body, seconds: '8' } }),
    );
    expect(error).toMatchObject({ statusCode: 422, isRetryable: false });
    expect(error.message).toContain('input.seconds');
  });

  it('refuses a wrong token with Replicate’s 401 and never echoes the token', async () => {
    const wrong = createReplicate({ apiKey: 'r8_wrong_token_value', baseURL: simulator.baseURL });
    const error = await upstreamError(wrong.submit(submitRequest('sora-2-pro', 'x')));
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    expect(error.message).toContain('valid authentication token');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('r8_wrong_token_value');
  });

  it('keeps a bring-your-own OpenAI key out of errors, even when upstream echoes it', async () => {
    simulator.injectFault({
      route: 'POST /v1/models/*',
      fault: {
        kind: 'status',
        status: 422,
        body: {
          title: 'Input validation failed',
          detail: '- input.openai_api_key: sk-byok-secret-42 is revoked',
          status: 422,
        },
      },
    });
    const error = await upstreamError(
      provider.submit(submitRequest('sora-2-pro', 'x', { extra: { openai_api_key: 'sk-byok-secret-42' } })),
    );
    expect(error.message).toContain('input.openai_api_key');
    expect(`${error.message} ${error.responseBody}`).not.toContain('sk-byok-secret-42');
  });

  it('needs a token, naming REPLICATE_API_TOKEN', async () => {
    const saved = process.env['REPLICATE_API_TOKEN'];
    delete process.env['REPLICATE_API_TOKEN'];
    try {
      const keyless = createReplicate({ baseURL: simulator.baseURL });
      const error = await caught(keyless.submit(submitRequest('sora-2-pro', 'x')));
      expect(LoadApiKeyError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('REPLICATE_API_TOKEN');
      expect(simulator.requests).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env['REPLICATE_API_TOKEN'] = saved;
    }
  });

  it('honours an abort signal', async () => {
    simulator.injectFault({ route: 'POST /v1/models/*', fault: { kind: 'delay', ms: 5_000 } });
    const controller = new AbortController();
    const pending = provider.submit(submitRequest('sora-2-pro', 'x'), { abortSignal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop now')), 20);
    const error = await caught(pending);
    expect((error as Error).message).toBe('stop now');
  });
});

describe('Replicate provider: settings and environment', () => {
  const saved = { token: process.env['REPLICATE_API_TOKEN'], base: process.env['REPLICATE_BASE_URL'] };
  afterEach(() => {
    for (const [name, value] of [
      ['REPLICATE_API_TOKEN', saved.token],
      ['REPLICATE_BASE_URL', saved.base],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reads REPLICATE_BASE_URL and REPLICATE_API_TOKEN, the token at call time', async () => {
    process.env['REPLICATE_BASE_URL'] = `${simulator.baseURL}/`;
    delete process.env['REPLICATE_API_TOKEN'];
    const fromEnvironment = createReplicate();
    expect(fromEnvironment.baseURL).toBe(simulator.baseURL);
    process.env['REPLICATE_API_TOKEN'] = simulator.apiKey;
    const { operation } = await fromEnvironment.submit(submitRequest('sora-2-pro', 'x'));
    expect(await fromEnvironment.poll(operation)).toMatchObject({ status: 'succeeded' });
  });

  it('defaults to the real API', () => {
    delete process.env['REPLICATE_BASE_URL'];
    expect(createReplicate().baseURL).toBe('https://api.replicate.com/v1');
  });

  it('loads through the plugin descriptor and rejects unknown settings', () => {
    const created = plugin.create(
      plugin.settingsSchema.parse({ apiKey: 'r8_x', baseURL: simulator.baseURL }),
    );
    expect(created).toMatchObject({
      id: 'replicate',
      specificationVersion: 'v1',
      baseURL: simulator.baseURL,
    });
    expect(() => plugin.settingsSchema.parse({ apiKey: 'r8_x', region: 'eu' })).toThrow();
    expect(() => plugin.settingsSchema.parse({ webhookSecret: 'not-a-secret' })).toThrow();
  });
});

describe('Replicate provider: outputs', () => {
  const open = (operation: VideoOperation, outputs: VideoOutputFile[], variant: VideoOutputFile['variant']) =>
    openOutput({ provider, operation, outputs, variant, trustedOrigins: [simulator.origin] });

  it('leaves downloads to the engine: the output is a plain URL, fetched without credentials', async () => {
    // No `content` hook: the engine downloads the URL (within the hour Replicate keeps it) through the
    // operator's URL guard.
    expect(provider.content).toBeUndefined();
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const result = await provider.poll(operation);
    if (result.status !== 'succeeded') throw new Error(`unexpected ${result.status}`);
    const content = await open(operation, result.outputs, 'video');
    expect(content.contentType).toBe('video/mp4');
    expect((await readAll(content.body)).byteLength).toBeGreaterThan(1000);
    const download = simulator.requests.find((request) => request.path.startsWith('/files/'));
    expect(download?.headers['authorization']).toBeUndefined();
  });

  it('says there is no thumbnail', async () => {
    const { operation } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const result = await provider.poll(operation);
    if (result.status !== 'succeeded') throw new Error(`unexpected ${result.status}`);
    const error = await caught(open(operation, result.outputs, 'thumbnail'));
    expect(ReelayError.isInstance(error) && error.message).toMatch(/no 'thumbnail' output.*Available: video/);
  });
});

describe('Replicate provider: webhooks', () => {
  it('verifies a delivery and maps the full Prediction it carries', async () => {
    const { operation, upstreamId } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const delivery = simulator.webhookDelivery(upstreamId);
    const event = await provider.parseWebhook?.(delivery);
    expect(event?.upstreamId).toBe(upstreamId);
    expect(event?.result).toEqual(await provider.poll(operation));
  });

  it('refuses a tampered body', async () => {
    const { upstreamId } = await provider.submit(submitRequest('sora-2-pro', 'x'));
    const delivery = simulator.webhookDelivery(upstreamId);
    const rawBody = new TextEncoder().encode(
      new TextDecoder().decode(delivery.rawBody).replace('succeeded', 'failed'),
    );
    const error = await caught(
      provider.parseWebhook!({ headers: delivery.headers, rawBody }) as Promise<unknown>,
    );
    expect(ReelayError.isInstance(error)).toBe(true);
  });

  it('needs a webhook secret, naming REPLICATE_WEBHOOK_SECRET', async () => {
    const saved = process.env['REPLICATE_WEBHOOK_SECRET'];
    delete process.env['REPLICATE_WEBHOOK_SECRET'];
    try {
      const noSecret = createReplicate({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
      const { upstreamId } = await noSecret.submit(submitRequest('sora-2-pro', 'x'));
      const error = await caught(
        noSecret.parseWebhook!(simulator.webhookDelivery(upstreamId)) as Promise<unknown>,
      );
      expect((error as Error).message).toContain('REPLICATE_WEBHOOK_SECRET');
    } finally {
      if (saved !== undefined) process.env['REPLICATE_WEBHOOK_SECRET'] = saved;
    }
  });
});

describe('Replicate provider: end to end with generateVideo()', () => {
  it.each([
    ['sora-2-pro', { size: '1792x1024', seconds: 4 }, { width: 1792, height: 1024, seconds: 4 }],
    ['sora-2-pro', { size: '9:16', seconds: 8 }, { width: 720, height: 1280, seconds: 8 }],
    [
      'kling-3',
      { aspectRatio: '9:16', resolution: '1080p', seconds: 3 },
      { width: 1080, height: 1920, seconds: 3 },
    ],
    ['wan-2.7', { size: '1:1', seconds: 2 }, { width: 720, height: 720, seconds: 2 }],
  ])('makes a real %s MP4 of the asked size and length (%j)', async (model, ask, expected) => {
    simulator.configure({ queueMs: 20, runMs: 40 });
    const progress: string[] = [];
    const result = await generateVideo({
      provider,
      model,
      prompt: 'a paper boat on a pond',
      ...ask,
      pollBackoff: { initialMs: 10, maxMs: 20, jitter: 0 },
      onProgress: (update) => progress.push(update.status),
    });
    expect(result.normalized.dimensions).toEqual({ width: expected.width, height: expected.height });
    const info = readMp4Info(await readAll((await result.content()).body));
    expect(info).toMatchObject({ width: expected.width, height: expected.height });
    expect(info.durationSeconds).toBeCloseTo(expected.seconds, 2);
  });
});
