import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readMp4Info, renderPng } from '../../media';
import { imageDimensions } from './image-dimensions';
import { startOpenAISimulator } from './index';

const simulator = await startOpenAISimulator({ behavior: { queueMs: 0, runMs: 0 } });
const auth = { authorization: `Bearer ${simulator.apiKey}` };

afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0, outputTtlMs: undefined });
});

/** Loose view of any answer: a video, a list, a deletion or an error. */
type Body = Record<string, unknown> & { id: string; data: Array<{ id: string }> };

async function call(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers = new Headers({ ...auth, ...(rest.headers as Record<string, string>) });
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${simulator.baseURL}${path}`, {
    ...rest,
    headers,
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
  return response;
}

async function callJson(path: string, init: RequestInit & { json?: unknown } = {}) {
  const response = await call(path, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Body,
  };
}

describe('authentication', () => {
  it.each([
    ['missing', undefined, null],
    ['wrong key', 'Bearer sk-wrong-key-1234', 'invalid_api_key'],
    ['wrong scheme', `Key ${simulator.apiKey}`, 'invalid_api_key'],
  ])('refuses a %s credential with 401 in OpenAI shape', async (_name, header, code) => {
    const response = await fetch(`${simulator.baseURL}/videos`, {
      headers: header === undefined ? {} : { authorization: header },
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: null, code });
    expect(JSON.stringify(body)).not.toContain(simulator.apiKey);
  });
});

describe('create validation', () => {
  it.each([
    [{}, 'prompt', 'missing_required_parameter'],
    [{ prompt: '' }, 'prompt', 'empty_string'],
    [{ prompt: 'x'.repeat(32_001) }, 'prompt', 'string_above_max_length'],
    [{ prompt: 'a', seconds: 8 }, 'seconds', 'invalid_type'],
    [{ prompt: 'a', seconds: '6' }, 'seconds', 'invalid_value'],
    [{ prompt: 'a', size: '1920x1080' }, 'size', 'invalid_value'],
    [{ prompt: 'a', model: 'sora-2-pro', size: '1000x1000' }, 'size', 'invalid_value'],
    [{ prompt: 'a', model: 'sora-3' }, 'model', 'invalid_value'],
    [{ prompt: 'a', style: 'noir' }, 'style', 'unknown_parameter'],
    [
      { prompt: 'a', input_reference: { image_url: 'ftp://x/y.png' } },
      'input_reference.image_url',
      'invalid_value',
    ],
    [{ prompt: 'a', input_reference: {} }, 'input_reference', 'invalid_value'],
    [{ prompt: 'a', input_reference: 'https://x/y.png' }, 'input_reference', 'invalid_type'],
  ])('%j → 400 naming %s', async (body, param, code) => {
    const { status, body: error } = await callJson('/videos', { method: 'POST', json: body });
    expect(status).toBe(400);
    expect(error).toEqual({
      error: { message: expect.any(String), type: 'invalid_request_error', param, code },
    });
  });

  it('lists the allowed values in the message', async () => {
    const { body } = await callJson('/videos', { method: 'POST', json: { prompt: 'a', seconds: '5' } });
    expect(body.error).toMatchObject({
      message: "Invalid value: '5'. Supported values are: '4', '8', '12', '16', and '20'.",
    });
  });

  it('refuses a JSON body that does not parse', async () => {
    const response = await call('/videos', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'could not parse',
    );
  });

  it('refuses an image whose size differs from size', async () => {
    const form = new FormData();
    form.set('prompt', 'a');
    form.set('size', '1280x720');
    form.set(
      'input_reference',
      new Blob([renderPng({ width: 720, height: 1280 })], { type: 'image/png' }),
      'f.png',
    );
    const { status, body } = await callJson('/videos', { method: 'POST', body: form });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message: 'Inpaint image must match the requested width and height' });
  });

  it('answers an unknown path with Invalid URL', async () => {
    const { status, body } = await callJson('/videos/x/extend', { method: 'POST', json: {} });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ message: 'Invalid URL (POST /v1/videos/x/extend)' });
  });
});

describe('lifecycle', () => {
  it('queues, runs with climbing progress, then completes with unix-second timestamps', async () => {
    simulator.configure({ queueMs: 60_000, runMs: 60_000 });
    const created = await callJson('/videos', {
      method: 'POST',
      json: { prompt: 'a fox', model: 'sora-2-pro', size: '1792x1024', seconds: '8' },
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('x-request-id')).toMatch(/^req_/);
    expect(created.headers.get('x-ratelimit-remaining-requests')).toMatch(/^\d+$/);
    expect(created.body).toMatchObject({
      object: 'video',
      model: 'sora-2-pro',
      status: 'queued',
      progress: 0,
      completed_at: null,
      expires_at: null,
      size: '1792x1024',
      seconds: '8',
      prompt: 'a fox',
      remixed_from_video_id: null,
      error: null,
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^video_[0-9a-f]+$/);
    const createdAt = created.body.created_at as number;
    expect(Number.isInteger(createdAt)).toBe(true);
    expect(Math.abs(createdAt - Date.now() / 1000)).toBeLessThan(5);

    simulator.configure({ queueMs: 0, runMs: 3_600_000 });
    const running = await callJson(`/videos/${id}`);
    expect(running.body).toMatchObject({ status: 'in_progress' });
    expect(running.body.progress).toBeGreaterThanOrEqual(0);
    expect(running.body.progress).toBeLessThan(100);

    simulator.configure({ queueMs: 0, runMs: 0, outputTtlMs: 3_600_000 });
    const done = await callJson(`/videos/${id}`);
    expect(done.body).toMatchObject({ status: 'completed', progress: 100, error: null });
    expect(Number.isInteger(done.body.completed_at)).toBe(true);
    expect(done.body.expires_at).toBe((done.body.completed_at as number) + 3600);
  });

  it('serves a real MP4 of the asked size and duration, and PNG stills labelled as PNG', async () => {
    const { body } = await callJson('/videos', {
      method: 'POST',
      json: { prompt: 'a fox', model: 'sora-2', size: '1280x720', seconds: '12' },
    });
    const video = await call(`/videos/${body.id}/content`);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    const info = readMp4Info(new Uint8Array(await video.arrayBuffer()));
    expect(info).toMatchObject({ width: 1280, height: 720, hasMoov: true });
    expect(info.durationSeconds).toBeCloseTo(12, 2);

    const thumbnail = await call(`/videos/${body.id}/content?variant=thumbnail`);
    expect(thumbnail.headers.get('content-type')).toBe('image/png');
    expect(imageDimensions(new Uint8Array(await thumbnail.arrayBuffer()))).toEqual({
      width: 1280,
      height: 720,
    });
    const sprites = await call(`/videos/${body.id}/content?variant=spritesheet`);
    expect(sprites.status).toBe(200);
    expect(sprites.headers.get('content-type')).toBe('image/png');

    const bad = await callJson(`/videos/${body.id}/content?variant=gif`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'variant', code: 'invalid_value' });
  });

  it('refuses content before completion and after expiry', async () => {
    simulator.configure({ queueMs: 60_000 });
    const { body } = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    const early = await callJson(`/videos/${body.id}/content`);
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'video_not_ready' });

    simulator.configure({ queueMs: 0, outputTtlMs: 0 });
    const late = await callJson(`/videos/${body.id}/content`);
    expect(late.status).toBe(404);
    expect(late.body.error).toMatchObject({ code: 'video_expired' });
  });

  it('accepts multipart with an uploaded first frame and JSON with an image_url data URI', async () => {
    const png = renderPng({ width: 720, height: 1280 });
    const form = new FormData();
    form.set('prompt', 'a');
    form.set('seconds', '4');
    form.set('input_reference', new Blob([png], { type: 'image/png' }), 'frame.png');
    expect((await callJson('/videos', { method: 'POST', body: form })).status).toBe(200);

    const dataUri = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    const json = await callJson('/videos', {
      method: 'POST',
      json: { prompt: 'a', input_reference: { image_url: dataUri } },
    });
    expect(json.status).toBe(200);
  });
});

describe('in-band failure and fault injection', () => {
  it('fails the next job in-band with {code, message}, then succeeds again', async () => {
    simulator.setNextOutcome('fail');
    const failed = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    const polled = await callJson(`/videos/${failed.body.id}`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({
      status: 'failed',
      error: { code: expect.any(String), message: expect.any(String) },
    });
    const next = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    expect((await callJson(`/videos/${next.body.id}`)).body).toMatchObject({ status: 'completed' });
  });

  it('injects a 429 in OpenAI shape with Retry-After', async () => {
    simulator.injectFault({ route: 'POST /v1/videos', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
    const limited = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect((await callJson('/videos', { method: 'POST', json: { prompt: 'a' } })).status).toBe(200);
  });

  it('records requests and forgets them on reset', async () => {
    await callJson('/videos', { method: 'POST', json: { prompt: 'a', seconds: '8' } });
    expect(simulator.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/videos',
      json: { seconds: '8' },
    });
    simulator.reset();
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('list, delete, remix', () => {
  it('pages with limit/order/after', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      ids.push((await callJson('/videos', { method: 'POST', json: { prompt: `p${index}` } })).body.id);
    }
    const first = await callJson('/videos?limit=2&order=asc');
    expect(first.body).toMatchObject({ object: 'list', first_id: ids[0], last_id: ids[1], has_more: true });
    const second = await callJson(`/videos?limit=2&order=asc&after=${ids[1]}`);
    expect(second.body).toMatchObject({ first_id: ids[2], last_id: ids[2], has_more: false });
    const desc = await callJson('/videos');
    expect(desc.body.data.map((video) => video.id)).toEqual([...ids].reverse());
  });

  it('deletes only finished videos', async () => {
    simulator.configure({ queueMs: 60_000 });
    const queued = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    expect((await callJson(`/videos/${queued.body.id}`, { method: 'DELETE' })).status).toBe(400);
    simulator.configure({ queueMs: 0 });
    const deleted = await callJson(`/videos/${queued.body.id}`, { method: 'DELETE' });
    expect(deleted.body).toEqual({ id: queued.body.id, object: 'video.deleted', deleted: true });
    expect((await callJson(`/videos/${queued.body.id}`)).status).toBe(404);
  });

  it('remixes a completed video into a new one', async () => {
    const source = await callJson('/videos', {
      method: 'POST',
      json: { prompt: 'a', model: 'sora-2-pro', size: '1080x1920', seconds: '4' },
    });
    const remixed = await callJson(`/videos/${source.body.id}/remix`, {
      method: 'POST',
      json: { prompt: 'b' },
    });
    expect(remixed.status).toBe(200);
    expect(remixed.body).toMatchObject({
      prompt: 'b',
      model: 'sora-2-pro',
      size: '1080x1920',
      remixed_from_video_id: source.body.id,
    });
    expect(remixed.body.id).not.toBe(source.body.id);
    const extra = await callJson(`/videos/${source.body.id}/remix`, {
      method: 'POST',
      json: { prompt: 'b', seconds: '8' },
    });
    expect(extra.body.error).toMatchObject({ code: 'unknown_parameter', param: 'seconds' });
  });
});

describe('webhooks', () => {
  it('signs deliveries with Standard Webhooks', async () => {
    const { body } = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    const delivery = simulator.webhookFor(body.id);
    expect(delivery.payload).toMatchObject({ type: 'video.completed', data: { id: body.id } });
    const key = Buffer.from(simulator.webhookSecret.slice('whsec_'.length), 'base64');
    const signed = `${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.${Buffer.from(delivery.rawBody).toString()}`;
    expect(delivery.headers['webhook-signature']).toBe(
      `v1,${createHmac('sha256', key).update(signed).digest('base64')}`,
    );
  });

  it("posts that delivery to the URL a project would configure, and answers the receiver's status", async () => {
    const { body } = await callJson('/videos', { method: 'POST', json: { prompt: 'a' } });
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body: text });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    try {
      expect(await simulator.deliverWebhook(body.id, `http://127.0.0.1:${port}/hooks`)).toBe(202);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'video.completed', data: { id: body.id } });
    expect(received[0]!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(() => simulator.webhookFor('video_unknown')).toThrow(/No video 'video_unknown'/);
  });
});
