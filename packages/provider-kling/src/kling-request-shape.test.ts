import { UpstreamError } from '@reelay/core';
import { openOutput, pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKling } from './kling-provider';
import { klingSubmitRequest } from './kling-test-helpers';
import { signKlingToken } from './kling-token';
import { type KlingSimulator, startKlingSimulator } from './simulator/kling-simulator';

let simulator: KlingSimulator;
beforeAll(async () => {
  simulator = await startKlingSimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0 });
});

const withKey = () => createKling({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const withJwt = () =>
  createKling({ accessKey: simulator.accessKey, secretKey: simulator.secretKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;

describe('Kling request shape', () => {
  it('sends text-to-video with model_name, a string duration, mode for the tier and sound on/off', async () => {
    const { operation } = await withKey().submit(
      klingSubmitRequest('a rabbit reading', {
        size: '720x1280',
        seconds: 10,
        audio: true,
        extra: { negative_prompt: 'blur' },
      }),
    );
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/v1/videos/text2video' });
    expect(lastRequest().json).toEqual({
      model_name: 'kling-v3',
      prompt: 'a rabbit reading',
      aspect_ratio: '9:16',
      mode: 'std',
      duration: '10',
      sound: 'on',
      negative_prompt: 'blur',
    });
    expect(operation).toMatchObject({ endpoint: 'text2video' });
  });

  it('sends an image as bare base64 without aspect_ratio, and polls under /image2video', async () => {
    const provider = withKey();
    const { operation } = await provider.submit(
      klingSubmitRequest(
        'zoom out',
        { size: '1920x1080', seconds: 5 },
        { kind: 'data-uri', uri: 'data:image/png;base64,iVBORw0KGgo=' },
      ),
    );
    expect(lastRequest().path).toBe('/v1/videos/image2video');
    expect(lastRequest().json).toEqual({
      model_name: 'kling-v3',
      prompt: 'zoom out',
      mode: 'pro',
      duration: '5',
      image: 'iVBORw0KGgo=',
    });
    await provider.poll(operation);
    expect(lastRequest()).toMatchObject({
      method: 'GET',
      path: `/v1/videos/image2video/${operation['taskId']}`,
    });
  });

  it('signs an HS256 JWT from the access and secret keys, reuses it, and never sends the secret', async () => {
    const provider = withJwt();
    await provider.submit(klingSubmitRequest('one'));
    await provider.submit(klingSubmitRequest('two'));
    const [first, second] = simulator.requests.map((request) => request.headers['authorization']!);
    expect(first).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(second).toBe(first);
    const claims = JSON.parse(Buffer.from(first!.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.iss).toBe(simulator.accessKey);
    expect(claims.exp - claims.nbf).toBe(1805);
    for (const request of simulator.requests)
      expect(JSON.stringify(request.headers)).not.toContain(simulator.secretKey);
  });

  it('maps an expired token to Kling’s 401 with code 1004', async () => {
    const stale = signKlingToken(
      simulator.accessKey,
      simulator.secretKey,
      Math.floor(Date.now() / 1000) - 3600,
    );
    const error = await createKling({ apiKey: stale, baseURL: simulator.baseURL })
      .submit(klingSubmitRequest('late'))
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, providerCode: '1004', isRetryable: false });
    expect(JSON.stringify(error)).not.toContain(stale);
  });

  it('treats a non-zero code inside an HTTP 200 as a refusal', async () => {
    simulator.injectFault({
      route: 'POST /v1/videos/text2video',
      fault: {
        kind: 'status',
        status: 200,
        body: { code: 1303, message: 'parallel task over resource pack limit', request_id: 'r' },
      },
    });
    const error = await withKey()
      .submit(klingSubmitRequest('busy'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      statusCode: 200,
      providerCode: '1303',
      isRetryable: true,
      nothingCreated: true,
    });
  });

  it('does not retry an empty resource pack although Kling answers it with HTTP 429', async () => {
    simulator.injectFault({
      route: 'POST *',
      fault: {
        kind: 'status',
        status: 429,
        body: { code: 1102, message: 'resource pack exhausted', request_id: 'r' },
      },
    });
    const error = await withKey()
      .submit(klingSubmitRequest('broke'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 429, providerCode: '1102', isRetryable: false });
  });

  it('reports a failed task with task_status_msg, and a finished one with its duration', async () => {
    const provider = withKey();
    simulator.setNextOutcome('fail');
    const failed = await provider.submit(klingSubmitRequest('risky'));
    expect((await pollUntilDone(provider, failed.operation)).final).toEqual({
      status: 'failed',
      error: { code: 'failed', message: 'Failure to pass the risk control system' },
      canceled: false,
    });
    const done = await provider.submit(klingSubmitRequest('fine', { seconds: 3, size: '1280x720' }));
    const { final } = await pollUntilDone(provider, done.operation);
    expect(final).toMatchObject({ status: 'succeeded', seconds: 3 });
    const outputs = final.status === 'succeeded' ? final.outputs : [];
    const bytes = await readAll(
      (await openOutput({ provider, operation: done.operation, outputs, trustedOrigins: [simulator.origin] }))
        .body,
    );
    expect(bytes.byteLength).toBeGreaterThan(100);
  });

  it('reads KLING_ACCESS_KEY, KLING_SECRET_KEY and KLING_BASE_URL from the environment', async () => {
    process.env['KLING_ACCESS_KEY'] = simulator.accessKey;
    process.env['KLING_SECRET_KEY'] = simulator.secretKey;
    process.env['KLING_BASE_URL'] = simulator.baseURL;
    try {
      await createKling().submit(klingSubmitRequest('env'));
      expect(lastRequest().headers['authorization']).toMatch(/^Bearer ey/);
    } finally {
      delete process.env['KLING_ACCESS_KEY'];
      delete process.env['KLING_SECRET_KEY'];
      delete process.env['KLING_BASE_URL'];
    }
  });
});
