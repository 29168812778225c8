import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/index';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Key = { id: string; key: string };
type Answer = { status: number; body: unknown };

/** A well-formed video id that no job has: what someone else's id must be indistinguishable from. */
const MISSING = 'video_000000000000000000000000';

/**
 * Every route of the OpenAPI document, called with another key's job, with no key and with a wrong key. A key
 * never reads, lists, downloads, deletes, remixes, extends or edits another key's job, and the answer for
 * someone else's id is the answer for a missing id. Adding a route to the document without a case here fails.
 */
describe('authorization across keys, for every route', () => {
  let gateway: TestGateway;
  let alice: Key;
  let bob: Key;
  /** An admin key sees every key's usage, and still none of their jobs. */
  let admin: Key;
  let aliceVideo: string;

  const call = async (
    method: string,
    path: string,
    key: string | undefined,
    body?: Record<string, unknown>,
  ): Promise<Answer> => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a page or a video, kept as text
    }
    return { status: response.status, body: parsed };
  };

  /** An answer with the id in it replaced and its request id left out, so answers about two ids compare. */
  const shape = (answer: Answer, id: string) => {
    const body = JSON.parse(JSON.stringify(answer.body).replaceAll(id, '<id>')) as {
      error?: Record<string, unknown>;
    };
    if (body?.error) delete body.error['request_id'];
    return { status: answer.status, body };
  };

  beforeAll(async () => {
    gateway = await startTestGateway();
    alice = await gateway.engine.apiKeys.create('alice');
    bob = await gateway.engine.apiKeys.create('bob');
    admin = await gateway.engine.apiKeys.create('ops', { scope: 'admin' });
    const created = await call('POST', '/v1/videos', alice.key, {
      model: 'openai/sora-2-pro',
      prompt: 'alice’s lighthouse',
      seconds: 4,
    });
    expect(created.status).toBe(200);
    aliceVideo = (created.body as { id: string }).id;
    await waitForVideo(
      async () => (await call('GET', `/v1/videos/${aliceVideo}`, alice.key)).body as { status: string },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  /**
   * A route that takes a job: Bob (a project key) and the admin key asking about Alice's job get exactly what they
   * get for a missing one.
   */
  const jobRoute =
    (method: string, path: (id: string) => string, body?: (id: string) => Record<string, unknown>) =>
    async () => {
      for (const other of [bob, admin]) {
        const theirs = await call(method, path(aliceVideo), other.key, body?.(aliceVideo));
        const missing = await call(method, path(MISSING), other.key, body?.(MISSING));
        expect(theirs.status).toBe(404);
        expect(shape(theirs, aliceVideo)).toEqual(shape(missing, MISSING));
      }
    };

  const cases: Record<string, () => Promise<void>> = {
    'POST /v1/videos': async () => {
      // Bob's create is his own; Alice's list and usage do not change because of it.
      const created = await call('POST', '/v1/videos', bob.key, {
        model: 'openai/sora-2-pro',
        prompt: 'bob',
        seconds: 4,
      });
      expect(created.status).toBe(200);
      const aliceList = (await call('GET', '/v1/videos', alice.key)).body as { data: { id: string }[] };
      expect(aliceList.data.map((video) => video.id)).not.toContain((created.body as { id: string }).id);
    },
    'GET /v1/videos': async () => {
      for (const other of [bob, admin]) {
        const list = (await call('GET', '/v1/videos?limit=100', other.key)).body as {
          data: { id: string }[];
        };
        expect(list.data.map((video) => video.id)).not.toContain(aliceVideo);
      }
      // A cursor naming Alice's job does not page through her list.
      const cursor = await call('GET', `/v1/videos?after=${aliceVideo}`, bob.key);
      const missingCursor = await call('GET', `/v1/videos?after=${MISSING}`, bob.key);
      expect(shape(cursor, aliceVideo)).toEqual(shape(missingCursor, MISSING));
    },
    'GET /v1/videos/{video_id}': jobRoute('GET', (id) => `/v1/videos/${id}`),
    'DELETE /v1/videos/{video_id}': async () => {
      await jobRoute('DELETE', (id) => `/v1/videos/${id}`)();
      expect((await call('GET', `/v1/videos/${aliceVideo}`, alice.key)).status).toBe(200);
    },
    'GET /v1/videos/{video_id}/content': async () => {
      await jobRoute('GET', (id) => `/v1/videos/${id}/content`)();
      await jobRoute('GET', (id) => `/v1/videos/${id}/content?variant=thumbnail`)();
    },
    'POST /v1/videos/{video_id}/remix': jobRoute(
      'POST',
      (id) => `/v1/videos/${id}/remix`,
      () => ({ prompt: 'x' }),
    ),
    'POST /v1/videos/extensions': jobRoute(
      'POST',
      () => '/v1/videos/extensions',
      (id) => ({
        prompt: 'x',
        video: { id },
      }),
    ),
    'POST /v1/videos/edits': jobRoute(
      'POST',
      () => '/v1/videos/edits',
      (id) => ({
        prompt: 'x',
        model: 'runway-aleph-2',
        video: { id },
      }),
    ),
    'GET /v1/models': async () => {
      expect((await call('GET', '/v1/models', bob.key)).status).toBe(200);
    },
    'GET /v1/models/{model_id}': async () => {
      expect((await call('GET', '/v1/models/veo-3.1', bob.key)).status).toBe(200);
    },
    'GET /v1/usage': async () => {
      const usage = (await call('GET', '/v1/usage?group_by=key', bob.key)).body as {
        visibility: string;
        data: { key_id?: string | null }[];
      };
      expect(usage.visibility).toBe('own_key');
      expect(JSON.stringify(usage)).not.toContain(alice.id);
      // Only an admin key sees every key's spend.
      const all = (await call('GET', '/v1/usage?group_by=key', admin.key)).body as typeof usage;
      expect(all.visibility).toBe('all_keys');
      expect(all.data.map((row) => row.key_id)).toContain(alice.id);
    },
    'POST /v1/provider-webhooks/{provider}': async () => {
      // No key opens it, and no key is needed: a delivery without the provider's signature is refused.
      const forged = await call('POST', '/v1/provider-webhooks/openai', bob.key, {
        type: 'video.completed',
        data: { id: aliceVideo },
      });
      expect(forged.status).toBe(401);
    },
    'GET /healthz': async () => {
      expect((await call('GET', '/healthz', undefined)).status).toBe(200);
    },
    'GET /readyz': async () => {
      expect([200, 503]).toContain((await call('GET', '/readyz', undefined)).status);
    },
    'GET /metrics': async () => {
      expect((await call('GET', '/metrics', undefined)).status).toBe(401);
      expect((await call('GET', '/metrics', bob.key)).status).toBe(200);
    },
    'GET /openapi.json': async () => {
      expect((await call('GET', '/openapi.json', undefined)).status).toBe(200);
    },
    'GET /docs': async () => {
      expect((await call('GET', '/docs', undefined)).status).toBe(200);
    },
  };

  const documented = Object.entries(
    buildOpenApiDocument().paths as Record<string, Record<string, unknown>>,
  ).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );

  it('has a case for every route of the OpenAPI document, and no case for a route it lacks', () => {
    expect(Object.keys(cases).sort()).toEqual([...documented].sort());
  });

  it.each(Object.keys(cases))('%s', async (route) => {
    await cases[route]!();
  });

  it.each(
    documented.filter(
      (route) => route.split(' ')[1]!.startsWith('/v1/') && !route.includes('provider-webhooks'),
    ),
  )('%s refuses no key and a wrong key with 401, before looking at the job', async (route) => {
    const [method, template] = route.split(' ') as [string, string];
    const path = template.replace('{video_id}', aliceVideo).replace('{model_id}', 'veo-3.1');
    const body = method === 'POST' ? { prompt: 'x', video: { id: aliceVideo } } : undefined;
    for (const key of [undefined, 'rly_not-a-real-key']) {
      const answer = await call(method, path, key, body);
      expect(answer.status).toBe(401);
      expect(JSON.stringify(answer.body)).not.toContain('lighthouse');
    }
  });

  it('keeps Alice’s job whole after everything Bob tried', async () => {
    const video = (await call('GET', `/v1/videos/${aliceVideo}`, alice.key)).body as { status: string };
    expect(video.status).toBe('completed');
    const content = await fetch(`${gateway.url}/v1/videos/${aliceVideo}/content`, {
      headers: { authorization: `Bearer ${alice.key}` },
    });
    expect(content.status).toBe(200);
    expect((await content.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});
