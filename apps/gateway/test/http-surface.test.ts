import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInSimulators, startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Video = { id: string; status: string; model: string; metadata: Record<string, unknown> };

describe('the gateway over HTTP', () => {
  let gateway: TestGateway;
  let completed: Video;

  const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
  const create = (body: unknown, headers: Record<string, string> = {}, query = '') =>
    call(`/v1/videos${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const retrieve = async (id: string) => (await (await call(`/v1/videos/${id}`)).json()) as Video;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const response = await create({ model: 'veo-3.1', prompt: 'a lighthouse', seconds: 4, size: '16:9' });
    const { id } = (await response.json()) as Video;
    completed = await waitForVideo(() => retrieve(id));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  describe('content with Range', () => {
    let whole: Uint8Array;
    beforeAll(async () => {
      const response = await call(`/v1/videos/${completed.id}/content`);
      expect(response.status).toBe(200);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      whole = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(whole.length);
    });

    it('serves the same bytes as the stored file', async () => {
      // Outputs are stored under a name unique to the writer (`video-<hex>.mp4`), committed with the job.
      const folder = join(gateway.dataDir, 'outputs', completed.id);
      const [file] = (await readdir(folder)).filter((name) => /^video-[0-9a-f]+\.mp4$/.test(name));
      const stored = await readFile(join(folder, file!));
      expect(whole.length).toBeGreaterThan(1000);
      expect(Buffer.compare(Buffer.from(whole), stored)).toBe(0);
    });

    it.each([
      ['bytes=100-299', 100, 299],
      ['bytes=0-0', 0, 0],
      ['bytes=-50', -50, -1],
      ['bytes=500-', 500, -1],
    ])('answers %s with 206 and exactly those bytes', async (range, from, to) => {
      const response = await call(`/v1/videos/${completed.id}/content`, { headers: { range } });
      expect(response.status).toBe(206);
      const start = from < 0 ? whole.length + from : from;
      const end = to < 0 ? whole.length - 1 : to;
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${whole.length}`);
      const body = new Uint8Array(await response.arrayBuffer());
      expect(body).toEqual(whole.slice(start, end + 1));
    });

    it('answers 416 in the error shape when no byte of the range exists', async () => {
      const response = await call(`/v1/videos/${completed.id}/content`, {
        headers: { range: `bytes=${whole.length}-` },
      });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${whole.length}`);
      expect(await response.json()).toMatchObject({
        error: { code: 'range_not_satisfiable', param: 'Range' },
      });
    });

    it('answers HEAD with the length and no body', async () => {
      const response = await call(`/v1/videos/${completed.id}/content`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(Number(response.headers.get('content-length'))).toBe(whole.length);
      expect((await response.arrayBuffer()).byteLength).toBe(0);
    });

    it('refuses an unknown variant with a 400 naming it', async () => {
      const response = await call(`/v1/videos/${completed.id}/content?variant=poster`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { param: 'variant' } });
    });
  });

  it('marks every response as sandbox, errors and unknown routes included', async () => {
    for (const [path, status] of [
      ['/healthz', 200],
      ['/v1/models', 200],
      [`/v1/videos/${completed.id}`, 200],
      ['/v1/videos/video_000000000000000000000000', 404],
      ['/nowhere', 404],
    ] as const) {
      const response = await call(path);
      expect(response.status).toBe(status);
      expect(response.headers.get('x-reelay-sandbox')).toBe('true');
    }
    expect(completed.metadata['sandbox']).toBe(true);
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const response = await call('/v1/nothing-here', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('Unknown route POST /v1/nothing-here'),
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
        request_id: response.headers.get('x-request-id'),
      },
    });
  });

  it('dates a deprecated model with Deprecation and Sunset headers and warns in metadata', async () => {
    const response = await create({ model: 'sora-2', prompt: 'a cat', seconds: 4 });
    expect(response.status).toBe(200);
    expect(response.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(response.headers.get('sunset')).toBe(new Date('2026-09-24T00:00:00Z').toUTCString());
    const video = (await response.json()) as Video;
    expect(JSON.stringify(video.metadata['warnings'])).toContain('deprecated');
    const current = await call('/v1/models/veo-3.1');
    expect(current.headers.get('deprecation')).toBeNull();
  });

  it('runs a dry run without submitting anything', async () => {
    const simulators = Object.values(builtInSimulators(gateway));
    // Only submissions count: the tracker may still be polling jobs of earlier tests meanwhile.
    const submissions = () =>
      simulators.map((simulator) => simulator.requests.filter((request) => request.method === 'POST').length);
    const before = submissions();
    const listBefore = ((await (await call('/v1/videos?limit=100')).json()) as { data: unknown[] }).data
      .length;

    const response = await create(
      { model: 'sora-2-pro', prompt: 'a paper boat', size: '1000x560', seconds: 7 },
      {},
      '?dry_run=true',
    );
    expect(response.status).toBe(200);
    const plan = (await response.json()) as {
      object: string;
      route: Array<{
        provider: string;
        quote: { usd: string } | null;
        normalization: Array<{ param: string; action: string }>;
      }>;
      chosen: string;
    };
    expect(plan.object).toBe('video.dry_run');
    expect(plan.route.map((step) => step.provider).sort()).toEqual(['fal', 'openai', 'replicate']);
    expect(plan.route[0]?.quote?.usd).toMatch(/^\d+\.\d{2}/);
    expect(plan.route[0]?.normalization.find((entry) => entry.param === 'seconds')?.action).toBe('snapped');

    expect(submissions()).toEqual(before);
    const listAfter = ((await (await call('/v1/videos?limit=100')).json()) as { data: unknown[] }).data
      .length;
    expect(listAfter).toBe(listBefore);
  });

  it('replays the same job for a repeated Idempotency-Key and refuses it with another body', async () => {
    const body = { model: 'wan-2.7', prompt: 'waves', seconds: 5 };
    const first = await create(body, { 'idempotency-key': 'key-123' });
    const second = await create(body, { 'idempotency-key': 'key-123' });
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as Video).id).toBe(((await first.json()) as Video).id);
    const other = await create({ ...body, prompt: 'other waves' }, { 'idempotency-key': 'key-123' });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });

  it('refuses a body over the limit with a 413 in the error shape', async () => {
    const response = await call('/v1/videos', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sora-2-pro', prompt: 'x'.repeat(26 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { code: 'request_too_large', type: 'invalid_request_error' },
    });
  });

  it('pages the list with after/limit/order', async () => {
    const all = ((await (await call('/v1/videos?limit=100&order=asc')).json()) as { data: Video[] }).data;
    expect(all.length).toBeGreaterThan(1);
    const firstPage = (await (await call('/v1/videos?limit=1&order=asc')).json()) as {
      data: Video[];
      has_more: boolean;
      last_id: string;
    };
    expect(firstPage.data.map((video) => video.id)).toEqual([all[0]?.id]);
    expect(firstPage.has_more).toBe(true);
    const next = (await (await call(`/v1/videos?limit=1&order=asc&after=${firstPage.last_id}`)).json()) as {
      data: Video[];
    };
    expect(next.data.map((video) => video.id)).toEqual([all[1]?.id]);
    const bad = await call('/v1/videos?limit=0');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'limit' } });
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    expect(await (await call('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await call('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', sandbox: true });
    const metrics = await call('/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('reelay_http_requests_total{method="GET",route="/healthz",status="200"}');
    expect(text).toMatch(/^reelay_\w+/m);
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas, and a self-contained reference page', async () => {
    const document = (await (await call('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/videos',
        '/v1/videos/{video_id}',
        '/v1/videos/{video_id}/content',
        '/v1/videos/{video_id}/remix',
        '/v1/models',
        '/v1/models/{model_id}',
      ]),
    );
    expect(document.components.schemas['CreateVideoRequest']?.required).toEqual(['model', 'prompt']);
    expect(Object.keys(document.components.schemas['Video']?.properties ?? {})).toContain('metadata');

    const page = await call('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/v1/videos/{video_id}/content');
    expect(html).toContain('input_reference');
    expect(html).not.toMatch(/<script|<link|src=|@import|url\(/i);
  });
});
