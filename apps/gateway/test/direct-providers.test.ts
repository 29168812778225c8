import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startVertexSimulator } from '@reelay/provider-google-vertex/simulator';
import { startKlingSimulator } from '@reelay/provider-kling/simulator';
import { startRunwaySimulator } from '@reelay/provider-runway/simulator';
import { startXaiSimulator } from '@reelay/provider-xai/simulator';
import { readMp4Info, renderPng, type VideoSimulator } from '@reelay/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

const client = (gateway: TestGateway) =>
  new OpenAI({ apiKey: 'not-needed-on-loopback', baseURL: `${gateway.url}/v1`, maxRetries: 0 });

const frame = (width: number, height: number) =>
  toFile(renderPng({ width, height, seed: 'first' }), 'first.png', { type: 'image/png' });

describe('direct providers in sandbox mode, with no credential', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.stop());

  it.each([
    ['runway/runway-gen-4.5', '1280x720', '5'],
    ['runway/veo-3.1-fast', '720x1280', '4'],
    ['kling/kling-3', '1280x720', '3'],
    ['xai/grok-imagine-video', '1280x720', '2'],
    ['xai/grok-imagine-video-1.5', '1280x720', '2'],
    ['google-vertex/veo-3.1', '1280x720', '4'],
    ['google-vertex/veo-3.1-lite', '1280x720', '4'],
    ['google/veo-3.1-preview', '1280x720', '4'],
  ])('serves %s from text, completed with a playable MP4', async (model, size, seconds) => {
    const openai = client(gateway);
    const created = await openai.videos.create({
      model,
      prompt: 'a lighthouse at dusk',
      size,
      seconds,
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    expect(done).toMatchObject({ status: 'completed', size, seconds });
    const content = await openai.videos.downloadContent(created.id);
    const info = readMp4Info(new Uint8Array(await content.arrayBuffer()));
    expect(info).toMatchObject({
      width: Number(size.split('x')[0]),
      height: Number(size.split('x')[1]),
      hasMoov: true,
    });
  });

  it.each([
    ['runway/runway-gen-4-turbo', '1280x720', '5'],
    ['kling/kling-3', '1920x1080', '5'],
    ['google-vertex/veo-3.1-fast', '1280x720', '4'],
    ['xai/grok-imagine-video', '1280x720', '3'],
  ])('serves %s from an uploaded first frame (image-to-video)', async (model, size, seconds) => {
    const openai = client(gateway);
    const [width, height] = size.split('x').map(Number) as [number, number];
    const created = await openai.videos.create({
      model,
      prompt: 'the camera pulls back',
      size,
      seconds,
      input_reference: await frame(width, height),
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    expect(done.status).toBe('completed');
  });

  it('lists every direct model in /v1/models', async () => {
    const ids = (await client(gateway).models.list()).data.map((model) => model.id);
    for (const id of [
      'runway-gen-4.5',
      'runway-gen-4-turbo',
      'kling-3',
      'grok-imagine-video',
      'veo-3.1',
      'veo-3.1-lite',
    ])
      expect(ids).toContain(id);
  });

  it('dry-runs veo-3.1 at 1080p, 8 s, with audio: direct and aggregator offerings with quotes, in price order', async () => {
    const response = await fetch(`${gateway.url}/v1/videos?dry_run=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo-3.1', prompt: 'waves', size: '1920x1080', seconds: 8, audio: true }),
    });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as {
      route: Array<{ provider: string; quote: { usd: string } | null }>;
    };
    const providers = plan.route.map((step) => step.provider);
    expect(providers).toEqual(expect.arrayContaining(['google-vertex', 'runway', 'fal']));
    const prices = plan.route.map((step) => Number(step.quote?.usd ?? Number.NaN));
    expect(prices.every(Number.isFinite)).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices[0]).toBeCloseTo(3.2, 2);
  });
});

/** A gateway with one direct provider configured by its credential and base URL, pointing at its simulator. */
async function liveGateway(env: Record<string, string>) {
  return startTestGateway({ env: { REELAY_SANDBOX: '0', ...env } });
}

type LiveCase = {
  name: string;
  model: string;
  size: string;
  seconds: string;
  start: () => Promise<VideoSimulator & { credentialsFile?: string; project?: string; location?: string }>;
  env: (
    simulator: VideoSimulator & { credentialsFile?: string; project?: string; location?: string },
  ) => Record<string, string>;
  badEnv: (simulator: VideoSimulator & { credentialsFile?: string }) => Record<string, string>;
  secrets: (simulator: VideoSimulator) => string[];
};

const liveCases: LiveCase[] = [
  {
    name: 'runway',
    model: 'runway/runway-gen-4.5',
    size: '1280x720',
    seconds: '5',
    start: () => startRunwaySimulator(),
    env: (s) => ({ RUNWAYML_API_SECRET: s.apiKey, RUNWAY_BASE_URL: s.baseURL }),
    badEnv: (s) => ({ RUNWAYML_API_SECRET: 'key_not_the_right_one', RUNWAY_BASE_URL: s.baseURL }),
    secrets: (s) => [s.apiKey, 'key_not_the_right_one'],
  },
  {
    name: 'kling',
    model: 'kling/kling-3',
    size: '1280x720',
    seconds: '5',
    start: () => startKlingSimulator(),
    env: (s) => ({
      KLING_ACCESS_KEY: (s as unknown as { accessKey: string }).accessKey,
      KLING_SECRET_KEY: (s as unknown as { secretKey: string }).secretKey,
      KLING_BASE_URL: s.baseURL,
    }),
    badEnv: (s) => ({ KLING_API_KEY: 'kling-wrong-key', KLING_BASE_URL: s.baseURL }),
    secrets: (s) => [s.apiKey, 'sim-kling-sk', 'kling-wrong-key', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'],
  },
  {
    name: 'xai',
    model: 'xai/grok-imagine-video',
    size: '1280x720',
    seconds: '4',
    start: () => startXaiSimulator(),
    env: (s) => ({ XAI_API_KEY: s.apiKey, XAI_BASE_URL: s.baseURL }),
    badEnv: (s) => ({ XAI_API_KEY: 'xai-wrong-key', XAI_BASE_URL: s.baseURL }),
    secrets: (s) => [s.apiKey, 'xai-wrong-key'],
  },
  {
    name: 'google-vertex',
    model: 'google-vertex/veo-3.1',
    size: '1280x720',
    seconds: '4',
    start: () => startVertexSimulator(),
    env: (s) => ({
      GOOGLE_APPLICATION_CREDENTIALS: s.credentialsFile!,
      GOOGLE_VERTEX_PROJECT: s.project!,
      GOOGLE_VERTEX_LOCATION: s.location!,
      GOOGLE_VERTEX_BASE_URL: s.baseURL,
    }),
    badEnv: (s) => ({
      GOOGLE_APPLICATION_CREDENTIALS: s.credentialsFile!,
      GOOGLE_VERTEX_PROJECT: 'not-my-project',
      GOOGLE_VERTEX_LOCATION: 'us-central1',
      GOOGLE_VERTEX_BASE_URL: s.baseURL,
    }),
    secrets: (s) => [
      'ya29.sim-vertex',
      'PRIVATE KEY',
      'eyJhbGciOiJSUzI1NiIs',
      ...((s as unknown as { issuedTokens: Array<{ token: string }> }).issuedTokens ?? []).map(
        (t) => t.token,
      ),
    ],
  },
];

describe.each(liveCases)('$name in live mode against its simulator', (live) => {
  let simulator: Awaited<ReturnType<LiveCase['start']>>;
  let gateway: TestGateway;
  beforeAll(async () => {
    simulator = await live.start();
    simulator.configure({ queueMs: 20, runMs: 60 });
    gateway = await liveGateway(live.env(simulator));
  });
  afterAll(async () => {
    await gateway?.stop();
    await simulator?.close();
  });

  it('creates, polls to completed and serves the content', async () => {
    const openai = client(gateway);
    const created = await openai.videos.create({
      model: live.model,
      prompt: 'a fox',
      size: live.size,
      seconds: live.seconds,
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    expect(done.status).toBe('completed');
    const bytes = new Uint8Array(await (await openai.videos.downloadContent(created.id)).arrayBuffer());
    expect(readMp4Info(bytes).hasMoov).toBe(true);
  });

  it('reports an in-band failure as failed with the provider’s message', async () => {
    simulator.setNextOutcome('fail');
    const openai = client(gateway);
    const created = await openai.videos.create({
      model: live.model,
      prompt: 'flagged',
      size: live.size,
      seconds: live.seconds,
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    expect(done.status).toBe('failed');
    expect(done.error?.message.length).toBeGreaterThan(0);
  });

  it('never shows a credential in an answer, a log line or a stored row', async () => {
    const openai = client(gateway);
    const created = await openai.videos.create({
      model: live.model,
      prompt: 'secret check',
      size: live.size,
      seconds: live.seconds,
    } as never);
    const done = await waitForVideo(() => openai.videos.retrieve(created.id));
    const answers = JSON.stringify([created, done, await openai.videos.list()]);
    const { readdir } = await import('node:fs/promises');
    const stored = (
      await Promise.all(
        (
          await readdir(gateway.dataDir)
        )
          .filter((name) => /\.(db|sqlite|sqlite3|db-wal)$/.test(name))
          .map((name) => readFile(join(gateway.dataDir, name))),
      )
    )
      .map((buffer) => buffer.toString('latin1'))
      .join('\n');
    const logs = gateway.logs.join('\n');
    for (const secret of live.secrets(simulator)) {
      expect(answers).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });

  it('maps an auth failure to a clear error', async () => {
    const bad = await liveGateway(live.badEnv(simulator));
    try {
      const response = await fetch(`${bad.url}/v1/videos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: live.model,
          prompt: 'denied',
          size: live.size,
          seconds: Number(live.seconds),
        }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).not.toBe(500);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/40[013]|denied|invalid|key|secret|permission/i);
      for (const secret of live.secrets(simulator)) expect(JSON.stringify(body)).not.toContain(secret);
      for (const secret of live.secrets(simulator)) expect(bad.logs.join('\n')).not.toContain(secret);
    } finally {
      await bad.stop();
    }
  });
  it('answers a provider rate limit with an error in the one shape, not a 500', async () => {
    simulator.injectFault({
      route: 'POST *',
      times: 10,
      fault: { kind: 'rate-limit', retryAfterSeconds: 2 },
    });
    const response = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: live.model,
        prompt: 'busy',
        size: live.size,
        seconds: Number(live.seconds),
      }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(600);
    expect(response.status).not.toBe(500);
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error.message).toContain('HTTP 429');
  });
});
