import { createHash, createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readMp4Info } from '../../media';
import { type FalSimulator, startFalSimulator } from './index';

const fal: FalSimulator = await startFalSimulator({ behavior: { queueMs: 0, runMs: 0 } });
afterAll(() => fal.close());
beforeEach(() => {
  fal.reset();
  fal.configure({ queueMs: 0, runMs: 0, outputTtlMs: undefined });
});

const auth = () => ({ authorization: `Key ${fal.apiKey}`, 'content-type': 'application/json' });

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = auth()) {
  const response = await fetch(url.startsWith('http') ? url : `${fal.baseURL}${url}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json: json as Record<string, unknown> };
}

type Submitted = { request_id: string; status_url: string; response_url: string; cancel_url: string };

async function submit(endpoint: string, body: Record<string, unknown>, query = ''): Promise<Submitted> {
  const response = await call('POST', `/${endpoint}${query}`, body);
  expect(response.status).toBe(200);
  return response.json as Submitted;
}

describe('fal simulator', () => {
  describe('auth', () => {
    it.each([
      ['no header', {}, 'Missing authorization header'],
      ['a wrong key', { authorization: 'Key nope' }, 'No user found for Key ID and Secret'],
      ['the Bearer scheme', { authorization: `Bearer ${fal.apiKey}` }, 'No user found for Key ID and Secret'],
    ])('refuses %s with 401 and a detail', async (_name, headers, detail) => {
      const response = await call('POST', '/fal-ai/veo3.1', { prompt: 'a fox' }, headers);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ detail });
      expect(fal.requests).toHaveLength(1);
    });
  });

  describe('validation', () => {
    it.each([
      ['fal-ai/veo3.1', { prompt: 'p', duration: '8' }, 'duration', 'literal_error'],
      ['fal-ai/veo3.1', { prompt: 'p', resolution: '2160p' }, 'resolution', 'literal_error'],
      ['fal-ai/wan/v2.7/text-to-video', { prompt: 'p', duration: '8' }, 'duration', 'int_type'],
      ['fal-ai/wan/v2.7/text-to-video', { prompt: 'p', duration: 16 }, 'duration', 'less_than_equal'],
      ['fal-ai/sora-2/text-to-video/pro', { prompt: 'p', duration: 8 }, 'duration', 'literal_error'],
      ['fal-ai/sora-2/text-to-video/pro', { prompt: 'p', duration: '6' }, 'duration', 'literal_error'],
      [
        'fal-ai/sora-2/text-to-video/pro',
        { prompt: 'p', aspect_ratio: '1:1' },
        'aspect_ratio',
        'literal_error',
      ],
      ['fal-ai/kling-video/v3/pro/text-to-video', { prompt: 'p', duration: 5 }, 'duration', 'literal_error'],
      ['fal-ai/sora-2/image-to-video/pro', { prompt: 'p' }, 'image_url', 'missing'],
      [
        'fal-ai/kling-video/v3/pro/image-to-video',
        { prompt: 'p', image_url: 'x' },
        'start_image_url',
        'missing',
      ],
      [
        'bytedance/seedance-2.0/text-to-video',
        { prompt: 'p', generate_audio: 'yes' },
        'generate_audio',
        'bool_type',
      ],
      ['bytedance/seedance-2.0/text-to-video', {}, 'prompt', 'missing'],
    ])('%s %j → 422 naming %s', async (endpoint, body, field, type) => {
      const response = await call('POST', `/${endpoint}`, body);
      expect(response.status).toBe(422);
      expect(response.json.detail).toEqual([expect.objectContaining({ loc: ['body', field], type })]);
    });

    it('lists every bad field with pydantic wording', async () => {
      const response = await call('POST', '/fal-ai/veo3.1', { prompt: '', duration: 8, aspect_ratio: '4:3' });
      expect(response.status).toBe(422);
      expect(response.json.detail).toEqual([
        expect.objectContaining({ loc: ['body', 'prompt'], type: 'string_too_short' }),
        {
          loc: ['body', 'aspect_ratio'],
          msg: "Input should be '16:9' or '9:16'",
          type: 'literal_error',
          input: '4:3',
          ctx: { expected: "'16:9' or '9:16'" },
        },
        expect.objectContaining({ loc: ['body', 'duration'], msg: "Input should be '4s', '6s' or '8s'" }),
      ]);
    });

    it('ignores fields the model does not declare, as pydantic does', async () => {
      await submit('fal-ai/veo3.1', { prompt: 'p', some_new_flag: true });
    });

    it('answers 404 for endpoints it does not know', async () => {
      expect((await call('POST', '/fal-ai/nope', { prompt: 'p' })).json).toEqual({
        detail: "Application 'fal-ai/nope' not found",
      });
      expect((await call('POST', '/fal-ai/veo3.1/nope', { prompt: 'p' })).status).toBe(404);
    });
  });

  describe('lifecycle', () => {
    it('returns queue URLs on {owner}/{app} only, dropping the endpoint path', async () => {
      const cases = [
        ['fal-ai/sora-2/text-to-video/pro', 'fal-ai/sora-2'],
        ['bytedance/seedance-2.0/text-to-video', 'bytedance/seedance-2.0'],
        ['fal-ai/kling-video/v3/pro/text-to-video', 'fal-ai/kling-video'],
        ['fal-ai/veo3.1/image-to-video', 'fal-ai/veo3.1'],
      ] as const;
      for (const [endpoint, app] of cases) {
        const image = endpoint.includes('kling') ? {} : { image_url: 'https://example.com/a.png' };
        const response = await submit(endpoint, { prompt: 'p', ...image });
        const base = `${fal.origin}/${app}/requests/${response.request_id}`;
        expect(response).toMatchObject({
          status: 'IN_QUEUE',
          response_url: base,
          status_url: `${base}/status`,
          cancel_url: `${base}/cancel`,
          queue_position: 0,
        });
      }
    });

    it('runs a sora job to a real MP4 of the asked size and duration, with thumbnail and spritesheet', async () => {
      const job = await submit('fal-ai/sora-2/text-to-video/pro', {
        prompt: 'a fox',
        aspect_ratio: '9:16',
        resolution: '720p',
        duration: '8',
      });
      const status = await call('GET', `${job.status_url}?logs=1`);
      expect(status.status).toBe(200);
      expect(status.json).toMatchObject({ status: 'COMPLETED', metrics: { inference_time: 0 } });
      expect(status.json).not.toHaveProperty('error');

      const result = await call('GET', job.response_url);
      expect(result.status).toBe(200);
      expect(result.headers.get('x-fal-request-id')).toBe(job.request_id);
      expect(result.json).toMatchObject({
        video: { content_type: 'video/mp4', width: 720, height: 1280, duration: 8 },
        video_id: expect.stringMatching(/^video_/),
        thumbnail: { content_type: 'image/png', width: 720, height: 1280 },
        spritesheet: { content_type: 'image/png' },
      });
      const video = result.json.video as { url: string };
      expect(video.url.startsWith(`${fal.origin}/files/`)).toBe(true);

      const download = await fetch(video.url);
      expect(download.headers.get('content-type')).toBe('video/mp4');
      const info = readMp4Info(new Uint8Array(await download.arrayBuffer()));
      expect(info).toMatchObject({ width: 720, height: 1280, durationSeconds: 8 });

      const thumbnail = await fetch((result.json.thumbnail as { url: string }).url);
      expect(thumbnail.status).toBe(200);
      expect([...new Uint8Array(await thumbnail.arrayBuffer()).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    });

    it.each([
      ['fal-ai/veo3.1', { duration: '6s', resolution: '4k', aspect_ratio: '9:16' }, 2160, 3840, 6],
      ['fal-ai/kling-video/v3/pro/text-to-video', { duration: '12', aspect_ratio: '1:1' }, 1080, 1080, 12],
      [
        'fal-ai/wan/v2.7/text-to-video',
        { duration: 3, aspect_ratio: '4:3', resolution: '720p' },
        960,
        720,
        3,
      ],
      ['bytedance/seedance-2.0/text-to-video', { duration: '4', aspect_ratio: '21:9' }, 1680, 720, 4],
      ['fal-ai/veo3.1', {}, 1280, 720, 8],
    ])('%s %j describes a %ix%i %i s video', async (endpoint, fields, width, height, seconds) => {
      const job = await submit(endpoint, { prompt: 'p', ...fields });
      const result = await call('GET', job.response_url);
      expect(result.json.video).toMatchObject({ width, height, duration: seconds });
      expect(result.json).not.toHaveProperty('thumbnail');
    });

    it('reports IN_QUEUE with a queue position, then IN_PROGRESS with logs, and refuses the result meanwhile', async () => {
      fal.configure({ queueMs: 60_000 });
      await submit('fal-ai/veo3.1', { prompt: 'first' });
      const second = await submit('fal-ai/veo3.1', { prompt: 'second' });
      expect(second).toMatchObject({ queue_position: 1 });
      const queued = await call('GET', second.status_url);
      expect(queued.status).toBe(202);
      expect(queued.json).toMatchObject({ status: 'IN_QUEUE', queue_position: 1 });
      expect((await call('GET', second.response_url)).json).toEqual({
        detail: 'Request is still in progress',
      });

      fal.configure({ queueMs: 0, runMs: 60_000 });
      const running = await call('GET', `${second.status_url}?logs=1`);
      expect(running.status).toBe(202);
      expect(running.json).toMatchObject({ status: 'IN_PROGRESS' });
      expect(running.json.logs).toContainEqual(expect.objectContaining({ level: 'INFO' }));
      expect((await call('GET', second.status_url)).json).toMatchObject({ logs: null });
    });

    it('expires output URLs after outputTtlMs, as the CDN does', async () => {
      fal.configure({ outputTtlMs: 0 });
      const job = await submit('fal-ai/wan/v2.7/text-to-video', { prompt: 'p', duration: 2 });
      const result = await call('GET', job.response_url);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const download = await fetch((result.json.video as { url: string }).url);
      expect(download.status).toBe(404);
    });

    it('answers 404 for a request id under another app', async () => {
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      const response = await call('GET', `/fal-ai/sora-2/requests/${job.request_id}/status`);
      expect(response.status).toBe(404);
    });
  });

  describe('failures and cancel', () => {
    it('fails in-band: COMPLETED with error and error_type, result is a 422 detail[]', async () => {
      fal.setNextOutcome('fail');
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      const status = await call('GET', job.status_url);
      expect(status.status).toBe(200);
      expect(status.json).toMatchObject({
        status: 'COMPLETED',
        error: expect.stringContaining('content checker'),
        error_type: 'content_policy_violation',
      });
      const result = await call('GET', job.response_url);
      expect(result.status).toBe(422);
      expect(result.json.detail).toEqual([
        expect.objectContaining({ loc: ['body', 'prompt'], type: 'content_policy_violation' }),
      ]);
      const next = await submit('fal-ai/veo3.1', { prompt: 'p' });
      expect((await call('GET', next.status_url)).json).not.toHaveProperty('error');
    });

    it('treats abort as an in-band failure too', async () => {
      fal.setNextOutcome('abort');
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      expect((await call('GET', job.status_url)).json).toHaveProperty('error_type');
    });

    it('cancels a queued request, which then shows COMPLETED with an error', async () => {
      fal.configure({ queueMs: 60_000 });
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      const canceled = await call('PUT', job.cancel_url);
      expect(canceled.status).toBe(202);
      expect(canceled.json).toEqual({ status: 'CANCELLATION_REQUESTED' });
      expect((await call('GET', job.status_url)).json).toMatchObject({
        status: 'COMPLETED',
        error_type: 'request_cancelled',
      });
      const again = await call('PUT', job.cancel_url);
      expect(again.status).toBe(400);
      expect(again.json).toEqual({ status: 'ALREADY_COMPLETED' });
      const unknown = await call('PUT', '/fal-ai/veo3.1/requests/nope/cancel');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ status: 'NOT_FOUND' });
    });
  });

  describe('fault injection', () => {
    it('answers 429 with Retry-After in fal shape', async () => {
      fal.injectFault({ route: 'POST *', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
      const response = await call('POST', '/fal-ai/veo3.1', { prompt: 'p' });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.json).toHaveProperty('detail');
      expect((await call('POST', '/fal-ai/veo3.1', { prompt: 'p' })).status).toBe(200);
    });

    it('injects a flat infrastructure error', async () => {
      fal.injectFault({
        route: 'GET *',
        fault: {
          kind: 'status',
          status: 503,
          body: { detail: 'Runner scheduling failure', error_type: 'runner_scheduling_failure' },
          headers: { 'x-fal-error-type': 'runner_scheduling_failure' },
        },
      });
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      const response = await call('GET', job.status_url);
      expect(response.status).toBe(503);
      expect(response.headers.get('x-fal-error-type')).toBe('runner_scheduling_failure');
    });

    it('can hand out queue URLs on another origin', async () => {
      fal.setUrlOrigins({ queue: 'http://127.0.0.2:9' });
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      expect(job.status_url.startsWith('http://127.0.0.2:9/fal-ai/veo3.1/requests/')).toBe(true);
    });
  });

  describe('webhooks', () => {
    it('signs deliveries with Ed25519 over id, user, timestamp and body hash, verifiable with its JWKS', async () => {
      const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
      const receiver = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          received.push({ headers: request.headers, body });
          response.end('ok');
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      try {
        const job = await submit(
          'fal-ai/veo3.1',
          { prompt: 'p' },
          `?fal_webhook=${encodeURIComponent(hook)}`,
        );
        expect(fal.requests[0]?.query).toEqual({ fal_webhook: hook });
        expect(await fal.deliverWebhook(job.request_id)).toBe(200);
        const [delivery] = received;
        expect(JSON.parse(delivery!.body)).toMatchObject({ request_id: job.request_id, status: 'OK' });

        const jwks = (await (await fetch(fal.jwksUrl)).json()) as { keys: Array<{ x: string }> };
        const key = createPublicKey({
          key: { kty: 'OKP', crv: 'Ed25519', x: jwks.keys[0]!.x },
          format: 'jwk',
        });
        const header = (name: string) => String(delivery!.headers[name]);
        const message = [
          header('x-fal-webhook-request-id'),
          header('x-fal-webhook-user-id'),
          header('x-fal-webhook-timestamp'),
          createHash('sha256').update(delivery!.body).digest('hex'),
        ].join('\n');
        const signature = Buffer.from(header('x-fal-webhook-signature'), 'hex');
        expect(verify(null, Buffer.from(message), key, signature)).toBe(true);
        expect(verify(null, Buffer.from(`${message}x`), key, signature)).toBe(false);
      } finally {
        await new Promise((resolve) => receiver.close(resolve));
      }
    });

    it('reports failures as ERROR with the 422 payload', async () => {
      fal.setNextOutcome('fail');
      const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
      const delivery = fal.webhookDelivery(job.request_id);
      expect(JSON.parse(new TextDecoder().decode(delivery.rawBody))).toMatchObject({
        status: 'ERROR',
        error: 'Invalid status code: 422',
        payload: { detail: [expect.objectContaining({ type: 'content_policy_violation' })] },
      });
    });
  });

  it('reset forgets jobs, requests and faults', async () => {
    const job = await submit('fal-ai/veo3.1', { prompt: 'p' });
    fal.injectFault({ route: '*', fault: { kind: 'status', status: 500 } });
    fal.reset();
    expect(fal.requests).toHaveLength(0);
    expect((await call('GET', job.status_url)).status).toBe(404);
  });
});
