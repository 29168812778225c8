import { generateVideo, UpstreamError } from '@reelay/core';
import { pollUntilDone, readAll } from '@reelay/testing/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRunway } from './runway-provider';
import { runwaySubmitRequest } from './runway-test-helpers';
import { type RunwaySimulator, startRunwaySimulator } from './simulator/runway-simulator';

let simulator: RunwaySimulator;
beforeAll(async () => {
  simulator = await startRunwaySimulator({ behavior: { queueMs: 0, runMs: 0 } });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  simulator.configure({ queueMs: 0, runMs: 0, outputTtlMs: undefined });
});

const runway = () => createRunway({ apiKey: simulator.apiKey, baseURL: simulator.baseURL });
const lastRequest = () => simulator.requests.at(-1)!;

describe('Runway request shape', () => {
  it('sends Gen-4.5 text-to-video as model, promptText, ratio and an integer duration', async () => {
    const { upstreamId } = await runway().submit(
      runwaySubmitRequest('runway-gen-4.5', 'a lighthouse at dusk', {
        size: '720x1280',
        seconds: 7,
        extra: { seed: 42 },
      }),
    );
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/text_to_video');
    expect(request.headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
    expect(request.headers['x-runway-version']).toBe('2024-11-06');
    expect(request.json).toEqual({
      model: 'gen4.5',
      promptText: 'a lighthouse at dusk',
      ratio: '720:1280',
      duration: 7,
      seed: 42,
    });
    expect(upstreamId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends an image as promptImage to /v1/image_to_video', async () => {
    await runway().submit(
      runwaySubmitRequest(
        'runway-gen-4-turbo',
        'camera pans',
        { size: '960x960', seconds: 10 },
        {
          kind: 'url',
          url: `${simulator.origin}/first.png`,
        },
      ),
    );
    expect(lastRequest().path).toBe('/v1/image_to_video');
    expect(lastRequest().json).toEqual({
      model: 'gen4_turbo',
      promptText: 'camera pans',
      promptImage: `${simulator.origin}/first.png`,
      ratio: '960:960',
      duration: 10,
    });
  });

  it('maps Veo 3.1 1080p with audio and a negative prompt to Runway’s names', async () => {
    await runway().submit(
      runwaySubmitRequest('veo-3.1', 'waves', {
        size: '1920x1080',
        seconds: 8,
        audio: false,
        extra: { negative_prompt: 'people' },
      }),
    );
    expect(lastRequest().json).toEqual({
      model: 'veo3.1',
      promptText: 'waves',
      ratio: '1920:1080',
      duration: 8,
      audio: false,
      negativePrompt: 'people',
    });
  });

  it('maps task states: PENDING and THROTTLED are queued, RUNNING carries progress in percent', async () => {
    simulator.configure({ queueMs: 60_000, runMs: 60_000 });
    simulator.setConcurrency(1);
    const provider = runway();
    const first = await provider.submit(runwaySubmitRequest('runway-gen-4.5', 'one'));
    const second = await provider.submit(runwaySubmitRequest('runway-gen-4.5', 'two'));
    expect(await provider.poll(first.operation)).toEqual({ status: 'queued', progress: undefined });
    expect(await provider.poll(second.operation)).toEqual({ status: 'queued', progress: undefined });
    const states = simulator.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(states).toHaveLength(2);
    simulator.configure({ queueMs: 0, runMs: 60_000 });
    const running = await provider.poll(first.operation);
    expect(running.status).toBe('in_progress');
    expect(running.status === 'in_progress' && running.progress).toBeGreaterThanOrEqual(0);
  });

  it('reports a FAILED task with its failureCode and failure text', async () => {
    simulator.setNextOutcome('fail');
    const provider = runway();
    const { operation } = await provider.submit(runwaySubmitRequest('runway-gen-4.5', 'bad'));
    const { final } = await pollUntilDone(provider, operation);
    expect(final).toEqual({
      status: 'failed',
      error: {
        code: 'SAFETY.INPUT.TEXT',
        message: 'The prompt was flagged by our content moderation system.',
      },
      canceled: false,
    });
  });

  it('cancels with DELETE /v1/tasks/{id}, after which the task reads CANCELLED', async () => {
    simulator.configure({ queueMs: 60_000 });
    const provider = runway();
    const { operation } = await provider.submit(runwaySubmitRequest('runway-gen-4.5', 'stop me'));
    await provider.cancel!(operation);
    expect(lastRequest()).toMatchObject({ method: 'DELETE', path: `/v1/tasks/${operation['taskId']}` });
    expect(await provider.poll(operation)).toMatchObject({ status: 'failed', canceled: true });
  });

  it('leaves downloads to the engine; generateVideo reads an expired output through a freshly signed URL', async () => {
    // No `content` hook: outputs are signed URLs, downloaded without the secret by the engine (or
    // generateVideo), which poll again for a fresh signature when one has expired.
    simulator.configure({ outputTtlMs: 200 });
    const provider = runway();
    expect(provider.content).toBeUndefined();
    const result = await generateVideo({
      provider,
      model: 'runway-gen-4.5',
      prompt: 'keep',
      pollBackoff: { initialMs: 10, maxMs: 20 },
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stale = await fetch(result.outputs[0]!.url!);
    expect(stale.status).toBe(403);
    const content = await result.content();
    expect((await readAll(content.body)).byteLength).toBeGreaterThan(100);
    const download = simulator.requests.filter((request) => request.path.startsWith('/files/')).at(-1)!;
    expect(download.headers['authorization']).toBeUndefined();
  });

  it('turns a wrong secret into a 401 that does not repeat the secret', async () => {
    const error = await createRunway({ apiKey: 'key_wrong_secret', baseURL: simulator.baseURL })
      .submit(runwaySubmitRequest('runway-gen-4.5', 'x'))
      .catch((caught: unknown) => caught);
    expect(UpstreamError.isInstance(error)).toBe(true);
    expect((error as UpstreamError).statusCode).toBe(401);
    expect((error as UpstreamError).message).toContain('Invalid API secret');
    expect(JSON.stringify(error)).not.toContain('key_wrong_secret');
  });

  it('reads the secret and base URL from RUNWAYML_API_SECRET and RUNWAY_BASE_URL', async () => {
    process.env['RUNWAYML_API_SECRET'] = simulator.apiKey;
    process.env['RUNWAY_BASE_URL'] = simulator.baseURL;
    try {
      const provider = createRunway();
      expect(provider.baseURL).toBe(simulator.baseURL);
      await provider.submit(runwaySubmitRequest('runway-gen-4.5', 'from env'));
      expect(lastRequest().headers['authorization']).toBe(`Bearer ${simulator.apiKey}`);
    } finally {
      delete process.env['RUNWAYML_API_SECRET'];
      delete process.env['RUNWAY_BASE_URL'];
    }
  });
});
