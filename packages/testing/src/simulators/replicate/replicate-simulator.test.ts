import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readMp4Info } from '../../media';
import { parseCancelAfter, parsePreferWait } from './replicate-headers';
import { tqdmLine } from './replicate-logs';
import { type ReplicateSimulator, startReplicateSimulator } from './replicate-simulator';

let simulator: ReplicateSimulator;

beforeAll(async () => {
  simulator = await startReplicateSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

type Json = Record<string, unknown>;

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? simulator.apiKey : options.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${simulator.baseURL}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

const create = (model: string, input: Json, headers?: Record<string, string>) =>
  call('POST', `/models/${model}/predictions`, { body: { input }, headers });

const sora = { prompt: 'a fox in the snow', seconds: 4, aspect_ratio: 'landscape', resolution: 'standard' };

describe('Replicate simulator: auth', () => {
  it.each([
    ['no token', null, 'You did not pass an authentication token'],
    ['a wrong token', 'r8_wrong', 'You did not pass a valid authentication token'],
  ])('refuses %s with the 401 problem document', async (_label, token, detail) => {
    const response = await call('POST', '/models/openai/sora-2-pro/predictions', {
      body: { input: sora },
      token,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json).toEqual({ title: 'Unauthenticated', detail, status: 401 });
  });

  it('accepts the legacy Token scheme too', async () => {
    const response = await fetch(`${simulator.baseURL}/predictions`, {
      headers: { authorization: `Token ${simulator.apiKey}` },
    });
    expect(response.status).toBe(200);
  });
});

describe('Replicate simulator: input validation', () => {
  it.each([
    ['seconds as a string', { ...sora, seconds: '8' }, 'input.seconds', 'invalid_type'],
    ['seconds off the list', { ...sora, seconds: 6 }, 'input.seconds', 'enum'],
    ['an OpenAI-style aspect ratio', { ...sora, aspect_ratio: '16:9' }, 'input.aspect_ratio', 'enum'],
    ['a 1080p resolution', { ...sora, resolution: '1080p' }, 'input.resolution', 'enum'],
    ['a non-URI image', { ...sora, input_reference: 'not a url' }, 'input.input_reference', 'format'],
    ['no prompt', { seconds: 4 }, 'input', 'required'],
  ])('answers 422 naming the field for %s', async (_label, input, field, type) => {
    const response = await create('openai/sora-2-pro', input);
    expect(response.status).toBe(422);
    expect(response.json['title']).toBe('Input validation failed');
    expect(response.json['status']).toBe(422);
    expect(response.json['detail']).toContain(`- ${field}:`);
    expect(response.json['invalid_fields']).toEqual([expect.objectContaining({ field, type })]);
  });

  it.each([
    ['kwaivgi/kling-v3-video', { prompt: 'x', duration: 16 }, 'input.duration'],
    ['kwaivgi/kling-v3-video', { prompt: 'x', aspect_ratio: '4:3' }, 'input.aspect_ratio'],
    ['wan-video/wan-2.7-t2v', { prompt: 'x', resolution: '480p' }, 'input.resolution'],
    ['bytedance/seedance-2.0-fast', { prompt: 'x', resolution: '1080p' }, 'input.resolution'],
    ['minimax/hailuo-2.3', { prompt: 'x', resolution: '1080p', duration: 10 }, 'input.duration'],
    ['luma/ray-2-720p', { prompt: 'x', duration: 10 }, 'input.duration'],
    ['runwayml/gen-4.5', { prompt: 'x', duration: 9 }, 'input.duration'],
  ])('validates %s enums (%j)', async (model, input, field) => {
    const response = await create(model, input);
    expect(response.status).toBe(422);
    expect(response.json['invalid_fields']).toEqual([expect.objectContaining({ field })]);
  });

  it('ignores input fields the model does not know, as Replicate does', async () => {
    const response = await create('openai/sora-2-pro', { ...sora, some_new_flag: true });
    expect(response.status).toBe(201);
  });

  it('answers 404 for a model it does not serve', async () => {
    const response = await create('nobody/nothing', sora);
    expect(response.status).toBe(404);
    expect(response.json['status']).toBe(404);
  });

  it('refuses a bad webhook events filter', async () => {
    const response = await call('POST', '/models/openai/sora-2-pro/predictions', {
      body: {
        input: sora,
        webhook: 'https://example.com/hook',
        webhook_events_filter: ['completed', 'done'],
      },
    });
    expect(response.status).toBe(422);
    expect(response.json['invalid_fields']).toEqual([
      expect.objectContaining({ field: 'webhook_events_filter.1' }),
    ]);
  });
});

describe('Replicate simulator: lifecycle', () => {
  it('creates with 201 and finishes with a single URI string and ISO timestamps', async () => {
    const created = await create('openai/sora-2-pro', { ...sora, openai_api_key: 'sk-secret' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      model: 'openai/sora-2-pro',
      version: 'hidden',
      source: 'api',
      data_removed: false,
      input: { ...sora, openai_api_key: '**********' },
    });
    const id = created.json['id'] as string;
    expect(id).toMatch(/^[a-z0-9]{26}$/);
    expect(created.json['urls']).toMatchObject({
      get: `${simulator.baseURL}/predictions/${id}`,
      cancel: `${simulator.baseURL}/predictions/${id}/cancel`,
    });

    const done = await call('GET', `/predictions/${id}`);
    expect(done.json['status']).toBe('succeeded');
    expect(done.json['error']).toBeNull();
    expect(done.json['output']).toBe(`${simulator.origin}/files/${id}/video.mp4`);
    for (const field of ['created_at', 'started_at', 'completed_at']) {
      expect(done.json[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
    expect(done.json['metrics']).toEqual({
      predict_time: expect.any(Number),
      total_time: expect.any(Number),
    });
    expect(done.json['logs']).toContain('100%|██████████| 50/50');
    expect(JSON.stringify(done.json)).not.toContain('sk-secret');
  });

  it('goes starting → processing with tqdm progress in the logs', async () => {
    simulator.configure({ queueMs: 150, runMs: 60_000 });
    const created = await create('openai/sora-2-pro', sora);
    expect(created.json['status']).toBe('starting');
    expect(created.json['started_at']).toBeNull();
    expect(created.json['logs']).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const running = await call('GET', `/predictions/${created.json['id']}`);
    expect(running.json['status']).toBe('processing');
    expect(running.json['started_at']).toEqual(expect.any(String));
    expect(running.json['logs']).toMatch(/ {2}0%\|/);
  });

  it('serves the output as an MP4 of the asked size and duration', async () => {
    const created = await create('openai/sora-2-pro', {
      ...sora,
      aspect_ratio: 'portrait',
      resolution: 'high',
      seconds: 8,
    });
    const done = await call('GET', `/predictions/${created.json['id']}`);
    const response = await fetch(done.json['output'] as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const info = readMp4Info(new Uint8Array(await response.arrayBuffer()));
    expect(info).toMatchObject({ width: 1024, height: 1792 });
    expect(info.durationSeconds).toBeCloseTo(8, 2);
  });

  it('renders grid models at the tier size for the ratio', async () => {
    const created = await create('kwaivgi/kling-v3-video', {
      prompt: 'x',
      aspect_ratio: '9:16',
      resolution: '720p',
      duration: 3,
    });
    const response = await fetch(`${simulator.origin}/files/${created.json['id']}/video.mp4`);
    const info = readMp4Info(new Uint8Array(await response.arrayBuffer()));
    expect(info).toMatchObject({ width: 720, height: 1280 });
    expect(info.durationSeconds).toBeCloseTo(3, 2);
  });

  it('rounds odd tier sizes to even pixels, as H.264 needs (768p at 16:9 is 1366x768)', async () => {
    const created = await create('minimax/hailuo-2.3', { prompt: 'x' });
    const response = await fetch(`${simulator.origin}/files/${created.json['id']}/video.mp4`);
    const info = readMp4Info(new Uint8Array(await response.arrayBuffer()));
    expect(info).toMatchObject({ width: 1366, height: 768 });
    expect(info.durationSeconds).toBeCloseTo(6, 2);
  });

  it('answers byte ranges', async () => {
    const created = await create('runwayml/gen-4.5', { prompt: 'x' });
    const response = await fetch(`${simulator.origin}/files/${created.json['id']}/video.mp4`, {
      headers: { range: 'bytes=0-7' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toMatch(/^bytes 0-7\/\d+$/);
    expect((await response.arrayBuffer()).byteLength).toBe(8);
  });

  it('removes data and output files after outputTtlMs', async () => {
    simulator.configure({ outputTtlMs: 50 });
    const created = await create('openai/sora-2-pro', sora);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const later = await call('GET', `/predictions/${created.json['id']}`);
    expect(later.json).toMatchObject({ status: 'succeeded', data_removed: true, output: null, input: {} });
    const file = await fetch(`${simulator.origin}/files/${created.json['id']}/video.mp4`);
    expect(file.status).toBe(404);
  });
});

describe('Replicate simulator: failure, cancel, deadlines', () => {
  it('fails in-band with error text when told to', async () => {
    simulator.setNextOutcome('fail');
    const failed = await create('openai/sora-2-pro', sora);
    const view = await call('GET', `/predictions/${failed.json['id']}`);
    expect(view.json).toMatchObject({ status: 'failed', output: null });
    expect(view.json['error']).toContain('flagged as sensitive');
    const next = await create('openai/sora-2-pro', sora);
    expect((await call('GET', `/predictions/${next.json['id']}`)).json['status']).toBe('succeeded');
  });

  it('aborts without starting when told to', async () => {
    simulator.setNextOutcome('abort');
    const aborted = await create('openai/sora-2-pro', sora);
    const view = await call('GET', `/predictions/${aborted.json['id']}`);
    expect(view.json).toMatchObject({ status: 'aborted', started_at: null, output: null, metrics: {} });
  });

  it('aborts a prediction whose Cancel-After deadline passes while it is queued', async () => {
    simulator.configure({ queueMs: 10_000, runMs: 1000 });
    const created = await create('openai/sora-2-pro', sora, { 'cancel-after': '50ms' });
    expect(created.json['deadline']).toEqual(expect.any(String));
    expect(created.json['status']).toBe('starting');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const view = await call('GET', `/predictions/${created.json['id']}`);
    expect(view.json).toMatchObject({ status: 'aborted', started_at: null });
  });

  it('cancels a prediction whose deadline passes while it runs', async () => {
    simulator.configure({ queueMs: 0, runMs: 10_000 });
    const created = await create('openai/sora-2-pro', sora, { 'cancel-after': '50ms' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const view = await call('GET', `/predictions/${created.json['id']}`);
    expect(view.json).toMatchObject({ status: 'canceled' });
    expect(view.json['started_at']).toEqual(expect.any(String));
  });

  it('refuses a Cancel-After that is not a duration', async () => {
    const response = await create('openai/sora-2-pro', sora, { 'cancel-after': 'soon' });
    expect(response.status).toBe(400);
  });

  it('cancels a running prediction and answers with it', async () => {
    simulator.configure({ queueMs: 0, runMs: 60_000 });
    const created = await create('openai/sora-2-pro', sora);
    const canceled = await call('POST', `/predictions/${created.json['id']}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.json).toMatchObject({ id: created.json['id'], status: 'canceled', error: null });
    const view = await call('GET', `/predictions/${created.json['id']}`);
    expect(view.json['status']).toBe('canceled');
  });

  it('leaves a finished prediction alone on cancel', async () => {
    const created = await create('openai/sora-2-pro', sora);
    const canceled = await call('POST', `/predictions/${created.json['id']}/cancel`);
    expect(canceled.json['status']).toBe('succeeded');
  });

  it('answers 404 for an unknown prediction', async () => {
    const response = await call('GET', '/predictions/doesnotexist');
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ status: 404 });
  });
});

describe('Replicate simulator: faults and extras', () => {
  it('throttles in Replicate words with Retry-After', async () => {
    simulator.injectFault({
      route: 'POST /v1/models/*',
      fault: { kind: 'rate-limit', retryAfterSeconds: 30 },
    });
    const response = await create('openai/sora-2-pro', sora);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.json['detail']).toBe('Request was throttled. Your rate limit resets in ~30s.');
    expect((await create('openai/sora-2-pro', sora)).status).toBe(201);
  });

  it('records requests and forgets them on reset', async () => {
    await create('openai/sora-2-pro', sora);
    expect(simulator.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/models/openai/sora-2-pro/predictions',
      json: { input: sora },
    });
    simulator.reset();
    expect(simulator.requests).toHaveLength(0);
  });

  it('holds the request with Prefer: wait until the prediction is done', async () => {
    simulator.configure({ queueMs: 0, runMs: 100 });
    const response = await create('openai/sora-2-pro', sora, { prefer: 'wait=5' });
    expect(response.json['status']).toBe('succeeded');
  });

  it('signs webhook deliveries with Standard Webhooks', async () => {
    const created = await create('openai/sora-2-pro', sora);
    const delivery = simulator.webhookDelivery(created.json['id'] as string, {
      webhookId: 'msg_1',
      timestamp: 1700000000,
    });
    const key = Buffer.from(simulator.webhookSecret.slice('whsec_'.length), 'base64');
    const body = new TextDecoder().decode(delivery.rawBody);
    const expected = createHmac('sha256', key).update(`msg_1.1700000000.${body}`).digest('base64');
    expect(delivery.headers.get('webhook-signature')).toBe(`v1,${expected}`);
    expect(JSON.parse(body)).toMatchObject({ id: created.json['id'], status: 'succeeded' });
    const secret = await call('GET', '/webhooks/default/secret');
    expect(secret.json).toEqual({ key: simulator.webhookSecret });
  });
});

describe('Replicate simulator: header parsing', () => {
  it.each([
    ['1m', 60_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['45', 45_000],
    ['soon', undefined],
    ['0s', undefined],
  ])('Cancel-After %s → %s ms', (value, expected) => {
    expect(parseCancelAfter(value)).toBe(expected);
  });

  it.each([
    [undefined, undefined],
    ['wait', 60],
    ['wait=5', 5],
    ['wait=600', 60],
    ['respond-async', undefined],
  ])('Prefer %s → %s s', (value, expected) => {
    expect(parsePreferWait(value)).toBe(expected);
  });

  it.each([
    [0, '  0%|          | 0/50 [00:00<?, ?it/s]'],
    [45, ' 45%|████▌     | 22/50 [00:05<00:06, 3.91it/s]'],
    [100, '100%|██████████| 50/50 [00:12<00:00, 4.00it/s]'],
  ])('writes tqdm lines (%s %%)', (percent, line) => {
    expect(tqdmLine(percent, 12_500)).toBe(line);
  });
});
