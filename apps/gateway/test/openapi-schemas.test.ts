import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Document = { components: { schemas: Record<string, Record<string, unknown>> } };

/**
 * The gateway's answers, checked against the schemas its own `/openapi.json` documents (not against the zod
 * schemas they were generated from): what a client generating code from the document will expect.
 */
describe('the OpenAPI document describes what the gateway answers', () => {
  let gateway: TestGateway;
  let document: Document;

  const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
  const post = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const expectDocumented = async (response: Response, component: string) => {
    const body: unknown = await response.json();
    const result = documented(component).safeParse(body);
    expect(result.error?.issues ?? [], JSON.stringify(body).slice(0, 400)).toEqual([]);
    return body as Record<string, unknown>;
  };

  /** One component as zod, its `#/components/schemas/…` references read from the document's own components. */
  const documented = (component: string) => {
    const definitions = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as Record<string, Record<string, unknown>>;
    return z.fromJSONSchema({ ...definitions[component], $defs: definitions });
  };

  beforeAll(async () => {
    gateway = await startTestGateway();
    document = (await (await call('/openapi.json')).json()) as Document;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('documents the dry-run answer, and a dry run matches it', async () => {
    const response = await post('/v1/videos?dry_run=true', {
      model: 'sora-2-pro',
      prompt: 'a lighthouse',
      seconds: 7,
      size: '1280x720',
    });
    expect(response.status).toBe(200);
    const plan = await expectDocumented(response, 'DryRunResult');
    expect(plan['object']).toBe('video.dry_run');
  });

  it('matches a created video, the finished video, the list, the deletion and an error', async () => {
    const created = await expectDocumented(
      await post('/v1/videos', { model: 'veo-3.1', prompt: 'a lighthouse', seconds: 4, size: '16:9' }),
      'Video',
    );
    const id = String(created['id']);
    await waitForVideo(async () => (await (await call(`/v1/videos/${id}`)).json()) as { status: string });
    await expectDocumented(await call(`/v1/videos/${id}`), 'Video');
    await expectDocumented(await call('/v1/videos'), 'VideoList');
    await expectDocumented(await call(`/v1/videos/${id}`, { method: 'DELETE' }), 'VideoDeleted');
    await expectDocumented(await post('/v1/videos', { model: 'veo-3.1' }), 'Error');
  });

  it('matches the model list and a model card', async () => {
    await expectDocumented(await call('/v1/models'), 'ModelList');
    await expectDocumented(await call('/v1/models/sora-2-pro'), 'Model');
  });

  it('rejects an answer of the wrong shape (the check is not vacuous)', () => {
    expect(documented('DryRunResult').safeParse({ object: 'video', id: 'video_1' }).success).toBe(false);
    expect(documented('Video').safeParse({ object: 'video' }).success).toBe(false);
  });
});
