import { type GeminiSimulator, startGeminiSimulator } from '@reelay/provider-google/simulator';
import { startVertexSimulator, type VertexSimulator } from '@reelay/provider-google-vertex/simulator';
import { startXaiSimulator } from '@reelay/provider-xai/simulator';
import { type RecordedRequest, readMp4Info, renderPng, type VideoSimulator } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

/** A PNG as a data URI, the form every direct provider here takes. */
const png = (seed: string) =>
  `data:image/png;base64,${Buffer.from(renderPng({ width: 128, height: 72, seed })).toString('base64')}`;

type Live = {
  name: string;
  model: string;
  seconds: number;
  start: () => Promise<VideoSimulator>;
  env: (simulator: VideoSimulator) => Record<string, string>;
  /** Settings the environment cannot carry (the Gemini simulator's storage host). */
  settings?: (simulator: VideoSimulator) => Record<string, unknown>;
  /** The upstream create call among the requests the simulator recorded. */
  create: (requests: RecordedRequest[]) => RecordedRequest | undefined;
  /** Where the first frame, the last frame and the references land in that call's body; undefined: not offered. */
  wire: {
    image: (body: Record<string, unknown>) => unknown;
    lastFrame: ((body: Record<string, unknown>) => unknown) | undefined;
    references: (body: Record<string, unknown>) => unknown[] | undefined;
  };
};

const instance = (body: Record<string, unknown>) =>
  (body['instances'] as Array<Record<string, unknown>>)[0] ?? {};
const veoWire: Live['wire'] = {
  image: (body) => instance(body)['image'],
  lastFrame: (body) => instance(body)['lastFrame'],
  references: (body) => instance(body)['referenceImages'] as unknown[] | undefined,
};
const predict = (requests: RecordedRequest[]) =>
  requests.findLast((request) => request.method === 'POST' && request.path.endsWith(':predictLongRunning'));

const lives: Live[] = [
  {
    name: 'google-vertex',
    model: 'google-vertex/veo-3.1',
    seconds: 4,
    start: () => startVertexSimulator(),
    env: (s) => {
      const vertex = s as VertexSimulator;
      return {
        GOOGLE_APPLICATION_CREDENTIALS: vertex.credentialsFile,
        GOOGLE_VERTEX_PROJECT: vertex.project,
        GOOGLE_VERTEX_LOCATION: vertex.location,
        GOOGLE_VERTEX_BASE_URL: vertex.baseURL,
      };
    },
    create: predict,
    wire: veoWire,
  },
  {
    name: 'google',
    model: 'google/veo-3.1-preview',
    seconds: 4,
    start: () => startGeminiSimulator(),
    env: (s) => ({ GEMINI_API_KEY: s.apiKey, GEMINI_BASE_URL: s.baseURL }),
    settings: (s) => ({ downloadOrigins: [(s as GeminiSimulator).storageOrigin] }),
    create: predict,
    wire: veoWire,
  },
  {
    name: 'xai',
    model: 'xai/grok-imagine-video',
    seconds: 4,
    start: () => startXaiSimulator(),
    env: (s) => ({ XAI_API_KEY: s.apiKey, XAI_BASE_URL: s.baseURL }),
    create: (requests) => requests.findLast((request) => request.path === '/v1/videos/generations'),
    wire: {
      image: (body) => (body['image'] as { url?: string } | undefined)?.url,
      lastFrame: undefined,
      references: (body) => body['reference_images'] as unknown[] | undefined,
    },
  },
];

describe.each(lives)('$name in live mode: frames and reference images', (live) => {
  let simulator: VideoSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await live.start();
    simulator.configure({ queueMs: 20, runMs: 60 });
    gateway = await startTestGateway({
      env: { REELAY_SANDBOX: '0', ...live.env(simulator) },
      configure: (config) => {
        const extra = live.settings?.(simulator);
        const plugin = config.plugins.find((candidate) => candidate.plugin.id === live.name);
        if (extra && plugin?.settings) Object.assign(plugin.settings, extra);
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });

  async function create(fields: Record<string, unknown>) {
    const response = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: live.model, prompt: 'a lighthouse', seconds: live.seconds, ...fields }),
    });
    const body = (await response.json()) as { id: string; status: string; error?: { message: string } };
    return { status: response.status, body };
  }

  async function completed(fields: Record<string, unknown>) {
    const created = await create(fields);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const done = await waitForVideo(async () => {
      const response = await fetch(`${gateway.url}/v1/videos/${created.body.id}`);
      return (await response.json()) as { status: string; error?: { message: string } };
    });
    expect(done.status, JSON.stringify(done)).toBe('completed');
    const call = live.create(simulator.requests);
    expect(call).toBeDefined();
    return call!.json as Record<string, unknown>;
  }

  it('makes a video from a first frame (image-to-video)', async () => {
    const body = await completed({ input_reference: png('first') });
    expect(live.wire.image(body)).toBeDefined();
  });

  it('makes a video between a first and a last frame where the model takes one, else answers 400', async () => {
    const fields = { input_reference: png('first'), last_frame: png('last') };
    if (live.wire.lastFrame === undefined) {
      const refused = await create(fields);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('last_frame');
      return;
    }
    const body = await completed(fields);
    expect(live.wire.image(body)).toBeDefined();
    expect(live.wire.lastFrame(body)).toBeDefined();
  });

  it('makes a video guided by reference images', async () => {
    const body = await completed({ reference_images: [png('a'), png('b')] });
    expect(live.wire.references(body)).toHaveLength(2);
    expect(live.wire.image(body)).toBeUndefined();
  });
});

type Source = { id: string; seconds: number };

describe.each([
  {
    name: 'google-vertex',
    model: 'google-vertex/veo-3.1',
    start: () => startVertexSimulator(),
    env: lives[0]!.env,
    operations: [{ path: '/v1/videos/extensions', seconds: undefined, total: (s: Source) => s.seconds + 7 }],
  },
  {
    name: 'xai',
    model: 'xai/grok-imagine-video',
    start: () => startXaiSimulator(),
    env: lives[2]!.env,
    operations: [
      { path: '/v1/videos/extensions', seconds: 3, total: (s: Source) => s.seconds + 3 },
      { path: '/v1/videos/edits', seconds: undefined, total: (s: Source) => s.seconds },
    ],
  },
])('$name in live mode: extend and edit a Reelay video by its id', (live) => {
  let simulator: VideoSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await live.start();
    simulator.configure({ queueMs: 20, runMs: 60 });
    gateway = await startTestGateway({ env: { REELAY_SANDBOX: '0', ...live.env(simulator) } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });

  async function finished(path: string, body: Record<string, unknown>) {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const created = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(created)).toBe(200);
    return waitForVideo(async () => {
      const video = await fetch(`${gateway.url}/v1/videos/${created.id}`);
      return (await video.json()) as { id: string; status: string; seconds: string; error?: unknown };
    });
  }

  it.each(live.operations)(
    '$path makes the source video longer or changed, at the provider',
    async (step) => {
      const source = await finished('/v1/videos', { model: live.model, prompt: 'a harbour', seconds: 4 });
      expect(source.status).toBe('completed');
      const made = await finished(step.path, {
        video: { id: source.id },
        prompt: 'the boats sail out',
        ...(step.seconds ? { seconds: step.seconds } : {}),
      });
      expect(made.status, JSON.stringify(made)).toBe('completed');
      const content = await fetch(`${gateway.url}/v1/videos/${made.id}/content`);
      const info = readMp4Info(new Uint8Array(await content.arrayBuffer()));
      expect(info.durationSeconds).toBeCloseTo(step.total({ id: source.id, seconds: 4 }), 1);
    },
  );
});

describe('google (Gemini API) in live mode: extension of a Reelay video', () => {
  let simulator: GeminiSimulator;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await startGeminiSimulator({ behavior: { queueMs: 20, runMs: 60 } });
    gateway = await startTestGateway({
      env: { REELAY_SANDBOX: '0', GEMINI_API_KEY: simulator.apiKey, GEMINI_BASE_URL: simulator.baseURL },
      configure: (config) => {
        const plugin = config.plugins.find((candidate) => candidate.plugin.id === 'google');
        if (plugin?.settings) plugin.settings['downloadOrigins'] = [simulator.storageOrigin];
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });

  it('answers 400 without calling Gemini: it extends only its own outputs, by their uri, not stored bytes', async () => {
    const post = (path: string, body: Record<string, unknown>) =>
      fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = (await (
      await post('/v1/videos', { model: 'google/veo-3.1-preview', prompt: 'a harbour', seconds: 4 })
    ).json()) as { id: string };
    const source = await waitForVideo(async () => {
      const response = await fetch(`${gateway.url}/v1/videos/${created.id}`);
      return (await response.json()) as { status: string };
    });
    expect(source.status).toBe('completed');
    const response = await post('/v1/videos/extensions', {
      video: { id: created.id },
      prompt: 'the boats sail out',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/google\/veo-3\.1-preview: takes video only as a URL/);
    expect(simulator.requests.filter((request) => request.path.endsWith(':predictLongRunning'))).toHaveLength(
      1,
    );
  });
});
