import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, runKeysCommand, startGateway } from '../src/index';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

describe('gateway API keys', () => {
  let gateway: TestGateway;
  let alice: { id: string; key: string };
  let bob: { id: string; key: string };

  const call = (path: string, key: string | undefined, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, {
      ...init,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => {
    gateway = await startTestGateway();
    // open on loopback while no key exists
    expect((await call('/v1/videos', undefined)).status).toBe(200);
    alice = await gateway.engine.apiKeys.create('alice');
    bob = await gateway.engine.apiKeys.create('bob');
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it.each([
    ['no header', undefined, 'Missing API key'],
    ['a wrong key', 'rly_not-a-real-key', 'Incorrect or revoked API key'],
  ])('refuses %s with a 401 in the error shape once a key exists', async (_name, key, message) => {
    const response = await call('/v1/videos', key);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining(message),
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
        request_id: response.headers.get('x-request-id'),
      },
    });
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Basic ${alice.key}` },
    });
    expect(response.status).toBe(401);
  });

  it('keeps health and the API reference open', async () => {
    expect((await call('/healthz', undefined)).status).toBe(200);
    expect((await call('/openapi.json', undefined)).status).toBe(200);
    expect((await call('/metrics', undefined)).status).toBe(401);
  });

  it('lets each key see only its own jobs', async () => {
    const aliceClient = new OpenAI({ apiKey: alice.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const bobClient = new OpenAI({ apiKey: bob.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });

    const video = await aliceClient.videos.create({
      model: 'wan-2.7',
      prompt: 'a quiet harbour',
      seconds: '4',
    });
    const done = await waitForVideo(() => aliceClient.videos.retrieve(video.id));
    expect(done.status).toBe('completed');

    await expect(bobClient.videos.retrieve(video.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(bobClient.videos.downloadContent(video.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(bobClient.videos.remix(video.id, { prompt: 'mine now' })).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
    await expect(bobClient.videos.delete(video.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const bobList = await bobClient.videos.list();
    expect(bobList.data.map((item) => item.id)).not.toContain(video.id);

    const aliceList = await aliceClient.videos.list();
    expect(aliceList.data.map((item) => item.id)).toContain(video.id);
    // Alice's job survived Bob's attempts
    expect((await aliceClient.videos.retrieve(video.id)).status).toBe('completed');
  });

  it('stops accepting a revoked key', async () => {
    const carol = await gateway.engine.apiKeys.create('carol');
    expect((await call('/v1/models', carol.key)).status).toBe(200);
    await gateway.engine.apiKeys.revoke(carol.id);
    expect((await call('/v1/models', carol.key)).status).toBe(401);
  });
});

describe('a key made while the gateway runs', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('owns the job it creates at once, and from then on a request without a key is refused', async () => {
    const open = new OpenAI({ apiKey: 'anything', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    // The gateway has just answered as an open gateway, so any cached "no keys" would be fresh now.
    expect((await open.videos.list()).data).toEqual([]);

    const lines: string[] = [];
    const code = await runKeysCommand(['create', 'late'], {
      env: {
        REELAY_DATA_DIR: gateway.dataDir,
        ...(gateway.config.databaseUrl ? { REELAY_DATABASE_URL: gateway.config.databaseUrl } : {}),
      },
      out: (line) => lines.push(line),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const key = lines[1]!;

    const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const video = await client.videos.create({ model: 'wan-2.7', prompt: 'a late key', seconds: '4' });
    expect((await client.videos.retrieve(video.id)).id).toBe(video.id);
    expect((await client.videos.list()).data.map((item) => item.id)).toEqual([video.id]);

    await expect(open.videos.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const bare = await fetch(`${gateway.url}/v1/videos/${video.id}`);
    expect(bare.status).toBe(401);
    await waitForVideo(() => client.videos.retrieve(video.id));
  });
});

describe('binding beyond loopback', () => {
  it('refuses to start on 0.0.0.0 while no API key exists, naming HOST', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reelay-refuse-'));
    try {
      const config = await loadConfig({
        REELAY_DATA_DIR: dataDir,
        HOST: '0.0.0.0',
        PORT: '0',
        REELAY_SANDBOX: '1',
      });
      const error = await startGateway({ config }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('Refusing to start');
      expect((error as ConfigError).issues[0]?.setting).toBe('HOST');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
